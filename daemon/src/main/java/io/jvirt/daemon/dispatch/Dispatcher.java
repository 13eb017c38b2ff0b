package io.jvirt.daemon.dispatch;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.stream.ClientStream;
import io.jvirt.daemon.stream.Direction;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.Programs;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.xdr.XdrException;
import io.jvirt.spi.Unsupported;

/**
 * Runs calls on libvirtd's worker model: {@code max_workers} workers for all calls, plus
 * {@code prio_workers} that take only high-priority calls when every worker is busy, so a hung
 * slow call never blocks a destroy or a lookup. Each client has at most {@code max_client_requests}
 * calls in progress; its reader waits for a slot before reading on (back-pressure, not errors).
 *
 * <p>A worker is a slot, not necessarily a pool thread: when a slot is free, the client's reader
 * thread runs the call itself. Handing every call to a pool thread costs a thread wake-up and a
 * context switch per call, which on a small machine is most of a short call's cost. So that a slow
 * call does not hold up the client's next calls (libvirt clients pipeline calls and keepalives on
 * one connection), a watchdog gives the client a new reader thread once an inline call has run for
 * {@link #INLINE_HANDOFF_NANOS}; the old thread finishes its call as a worker and ends.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    /** How long a call may run on the reader thread before the client gets a new reader. */
    static final long INLINE_HANDOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** The watchdog parks when no call ran inline for this many ticks (an idle daemon stays idle). */
    private static final int IDLE_TICKS = 200;

    /** A procedure's handler; {@code stream} is set for procedures that open a stream. */
    private record Entry<A, R>(Procedure<A, R> proc, Handler<A, R> handler, Direction stream,
            StreamHandler<A, R> streamHandler) {
    }

    /** Handlers by {@link #key program and procedure}. */
    private final Map<Long, Entry<?, ?>> table = new ConcurrentHashMap<>();
    /** max_workers: a call holds one while it runs, inline or on a pool thread (fair: queued calls go first). */
    private final WorkerSlots workerSlots;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor priorityWorkers;
    private final Consumer<Client> resumeReading;
    private final Set<Client> inline = ConcurrentHashMap.newKeySet();
    private final Thread watchdog;
    private volatile boolean watchdogParked;
    private volatile boolean closed;

    /** A dispatcher whose calls always run on pool threads (no reader to hand over). */
    public Dispatcher(int maxWorkers, int prioWorkers) {
        this(maxWorkers, prioWorkers, null);
    }

    /**
     * @param resumeReading starts a new reader thread for a client whose reader is stuck in a slow
     *     inline call; null to never run calls inline
     */
    public Dispatcher(int maxWorkers, int prioWorkers, Consumer<Client> resumeReading) {
        int max = Math.max(1, maxWorkers);
        this.workerSlots = new WorkerSlots(max);
        this.workers = pool("jvirtd-worker", max);
        this.priorityWorkers = pool("jvirtd-prio-worker", Math.max(1, prioWorkers));
        this.resumeReading = resumeReading;
        if (resumeReading != null) {
            watchdog = new Thread(this::watchInlineCalls, "jvirtd-inline-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        } else {
            watchdog = null;
        }
    }

    private static ThreadPoolExecutor pool(String name, int size) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor p = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), f);
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    /**
     * Changes the pool sizes live (ConfigAdmin): running calls finish on their threads, new calls
     * see the new sizes.
     */
    public synchronized void resize(int maxWorkers, int prioWorkers) {
        int w = Math.max(1, maxWorkers);
        int p = Math.max(1, prioWorkers);
        workerSlots.resize(w);
        setSize(workers, w);
        setSize(priorityWorkers, p);
    }

    /** The max_workers semaphore, resizable while calls hold slots. */
    private static final class WorkerSlots extends Semaphore {
        private static final long serialVersionUID = 1L;
        private int size;

        WorkerSlots(int size) {
            super(size, true);
            this.size = size;
        }

        synchronized void resize(int to) {
            if (to > size) {
                release(to - size);
            } else if (to < size) {
                reducePermits(size - to); // calls running above the new size finish; new ones wait
            }
            size = to;
        }
    }

    private static void setSize(ThreadPoolExecutor pool, int size) {
        // core must never exceed max: grow max first, shrink core first
        if (size > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
    }

    /** Declares the handler of a procedure. */
    public <A, R> Dispatcher on(Procedure<A, R> proc, Handler<A, R> handler) {
        return add(new Entry<>(proc, handler, null, null));
    }

    /**
     * Declares the handler of a procedure that opens a stream: the handler gets a new stream of the
     * client's connection and binds it through the API; after the reply the stream's data flows in
     * {@code direction} as STREAM packets with the call's serial. If the handler fails, the stream is
     * aborted and the call gets the error.
     */
    public <A, R> Dispatcher onStream(Procedure<A, R> proc, Direction direction, StreamHandler<A, R> handler) {
        return add(new Entry<>(proc, null, direction, handler));
    }

    private static long key(int program, int procedure) {
        return (long) program << 32 | (procedure & 0xFFFFFFFFL);
    }

    private Dispatcher add(Entry<?, ?> e) {
        if (table.putIfAbsent(key(e.proc().program(), e.proc().number()), e) != null) {
            throw new IllegalStateException(e.proc() + " has two handlers");
        }
        return this;
    }

    public boolean handles(int procedure) {
        return table.containsKey(key(RemoteProgram.PROGRAM, procedure));
    }

    /**
     * Takes one CALL from a client's reader thread: waits for one of the client's request slots,
     * then runs it on this thread if a worker slot is free, else queues it for a worker. Protocol
     * violations close the client.
     *
     * @return false when the calling thread is no longer the client's reader (a slow inline call
     *     was handed over meanwhile): it must stop reading
     */
    public boolean dispatch(Client client, Packet packet) throws InterruptedException {
        Header h = packet.header();
        if (h.type() != MessageType.CALL) {
            // a reply or message from a client answers nothing of ours: libvirtd drops it and reads on
            LOG.fine(() -> "ignoring a " + h.type() + " of program " + h.program() + " from " + client);
            return true;
        }
        if (!Programs.serves(h.program(), h.version())) {
            client.sendError(h, rpcError("Cannot find program " + h.program() + " version " + h.version()));
            return true;
        }
        Procedure<?, ?> proc = Programs.procedure(h.program(), h.procedure());
        if (proc == null || proc.message()) {
            client.sendError(h, rpcError("unknown procedure: " + h.procedure()));
            return true;
        }
        Entry<?, ?> e = table.get(key(h.program(), h.procedure()));
        if (e == null) {
            // a procedure of the protocol jvirt has no handler for is an API the driver lacks: libvirtd
            // decodes it and answers from the public API (not open, read-only, then "not supported")
            answerUnhandled(client, packet, proc);
            return true;
        }
        client.requestSlots().acquire();
        // tryAcquire with a timeout honours fairness: calls already queued for a slot go first.
        boolean slot;
        try {
            slot = workerSlots.tryAcquire(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            client.requestSlots().release();
            throw ex;
        }
        if (slot && resumeReading != null) {
            return runInline(client, packet, e);
        }
        if (!slot && e.proc().priority() == Procedure.Priority.HIGH) {
            // every worker is busy: a high-priority call goes to the priority workers, without a slot
            priorityWorkers.execute(() -> {
                try {
                    run(client, packet, e);
                } finally {
                    client.requestSlots().release();
                }
            });
        } else {
            workers.execute(() -> {
                if (!slot) {
                    workerSlots.acquireUninterruptibly();
                }
                try {
                    run(client, packet, e);
                } finally {
                    workerSlots.release();
                    client.requestSlots().release();
                }
            });
        }
        return true;
    }

    private boolean runInline(Client client, Packet packet, Entry<?, ?> e) {
        Client.InlineCall call = client.beginInline();
        inline.add(client);
        if (watchdogParked) {
            LockSupport.unpark(watchdog);
        }
        try {
            run(client, packet, e);
        } finally {
            inline.remove(client);
            workerSlots.release();
            client.requestSlots().release();
        }
        return client.endInline(call);
    }

    /** Hands the reading of clients whose inline call takes long to a new reader thread. */
    private void watchInlineCalls() {
        long tick = INLINE_HANDOFF_NANOS / 2;
        int idle = 0;
        while (!closed) {
            if (inline.isEmpty() && ++idle >= IDLE_TICKS) {
                watchdogParked = true;
                if (inline.isEmpty()) {
                    LockSupport.park(this);
                }
                watchdogParked = false;
                idle = 0;
                continue;
            }
            LockSupport.parkNanos(this, tick);
            long now = System.nanoTime();
            for (Client c : inline) {
                idle = 0;
                Client.InlineCall call = c.inlineCall();
                if (call != null && now - call.sinceNanos() >= INLINE_HANDOFF_NANOS && c.takeOverReading(call)) {
                    inline.remove(c);
                    try {
                        resumeReading.accept(c);
                    } catch (RuntimeException ex) {
                        LOG.log(Level.WARNING, "cannot start a new reader for " + c + "; dropping it", ex);
                        c.close();
                    }
                }
            }
        }
    }

    private <A, R> void run(Client client, Packet packet, Entry<A, R> e) {
        Header h = packet.header();
        A args;
        try {
            args = decode(packet, e.proc());
        } catch (XdrException ex) {
            client.sendError(h, undecodable());
            return;
        }
        ClientStream stream = null;
        try {
            PublicApiChecks.check(client, e.proc(), args);
            R ret;
            if (e.stream() == null) {
                ret = e.handler().handle(client, args);
            } else {
                stream = client.streams().open(h, client.connect().newStream(), e.stream());
                ret = e.streamHandler().handle(client, args, stream.stream());
            }
            client.send(h.reply(MessageStatus.OK), e.proc().ret(), ret);
            if (stream != null) {
                stream.start();
                stream = null;
            }
        } catch (UnknownFlags ex) {
            client.sendError(h, client.isOpen() ? ex.asDriverError(client.connect()) : ex);
        } catch (VirtException ex) {
            client.sendError(h, namedForProcedure(ex, e.proc()));
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, e.proc() + " failed for " + client, ex);
            client.sendError(h, new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC,
                    "internal error: " + e.proc().name() + " failed: " + ex));
        } finally {
            if (stream != null) { // the call failed: its stream never starts
                stream.drop();
            }
        }
    }

    /**
     * The arguments as libvirtd's XDR decoding takes them: bytes after the last field are not read,
     * so not an error. A payload that ends too soon, or bounds it breaks, fails.
     */
    private static <A> A decode(Packet packet, Procedure<A, ?> proc) {
        return proc.args() == null ? null : proc.args().decode(new io.jvirt.rpc.xdr.XdrReader(packet.payload()));
    }

    private static final String UNSUPPORTED = "this function is not supported by the connection driver: ";

    /**
     * "Not supported" naming the public API of the procedure, as libvirt's public API names itself:
     * jvirt's Java API serves a call and its later variant with one method ({@code attachDevice} with
     * flags is virDomainAttachDeviceFlags), so a driver without it names the variant, where libvirtd
     * answers DOMAIN_ATTACH_DEVICE with virDomainAttachDevice.
     */
    static VirtException namedForProcedure(VirtException ex, Procedure<?, ?> proc) {
        String m = ex.getMessage();
        if (ex.code() != ErrorCode.NO_SUPPORT || m == null || !m.startsWith(UNSUPPORTED)) {
            return ex;
        }
        String named = m.substring(UNSUPPORTED.length());
        String api = proc.publicApi();
        return !named.equals(api) && named.startsWith(api) ? Unsupported.api(api) : ex;
    }

    /** libvirtd's answer to a payload it cannot decode; the client stays connected. */
    private static VirtException undecodable() {
        return rpcError("Unable to decode message payload");
    }

    private static VirtException rpcError(String message) {
        return new VirtException(ErrorCode.RPC, ErrorDomain.RPC, message);
    }

    /** A procedure of the protocol without a handler here, answered as libvirtd answers a driver without it. */
    private static void answerUnhandled(Client client, Packet packet, Procedure<?, ?> proc) {
        Object args;
        try {
            args = decode(packet, proc);
        } catch (XdrException ex) {
            client.sendError(packet.header(), undecodable());
            return;
        }
        try {
            PublicApiChecks.check(client, proc, args);
            if (proc.name().startsWith("AUTH_SASL_")) {
                // libvirtd without SASL configured (jvirtd has none) fails the exchange itself
                client.sendError(packet.header(), new VirtException(ErrorCode.AUTH_FAILED, ErrorDomain.RPC,
                        "authentication failed: authentication failed"));
                return;
            }
            client.sendError(packet.header(), Unsupported.api(proc.publicApi()));
        } catch (VirtException ex) {
            client.sendError(packet.header(), ex);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (watchdog != null) {
            LockSupport.unpark(watchdog);
        }
        workers.shutdownNow();
        priorityWorkers.shutdownNow();
    }
}
