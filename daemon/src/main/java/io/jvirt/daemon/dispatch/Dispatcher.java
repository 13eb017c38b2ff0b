package io.jvirt.daemon.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.rpc.xdr.XdrException;
import io.jvirt.spi.Unsupported;

/**
 * Runs calls on libvirtd's worker model: {@code max_workers} workers for all calls, plus
 * {@code prio_workers} that take only high-priority calls when every worker is busy, so a hung
 * slow call never blocks a destroy or a lookup. Each client has at most {@code max_client_requests}
 * calls in progress; its reader waits for a slot before reading on (back-pressure, not errors).
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    /** A procedure's handler; {@code stream} is set for procedures that open a stream. */
    private record Entry<A, R>(Procedure<A, R> proc, Handler<A, R> handler, Direction stream,
            StreamHandler<A, R> streamHandler) {
    }

    private final Map<Integer, Entry<?, ?>> table = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor priorityWorkers;
    private final AtomicInteger busy = new AtomicInteger();
    private volatile int maxWorkers;

    public Dispatcher(int maxWorkers, int prioWorkers) {
        this.maxWorkers = Math.max(1, maxWorkers);
        this.workers = pool("jvirtd-worker", this.maxWorkers);
        this.priorityWorkers = pool("jvirtd-prio-worker", Math.max(1, prioWorkers));
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
        setSize(workers, w);
        setSize(priorityWorkers, p);
        this.maxWorkers = w;
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

    private Dispatcher add(Entry<?, ?> e) {
        if (table.putIfAbsent(e.proc().number(), e) != null) {
            throw new IllegalStateException(e.proc() + " has two handlers");
        }
        return this;
    }

    /** Words the public API names spell other than capitalized (virNetworkGetDHCPLeases, virDomainGetXMLDesc). */
    private static final Map<String, String> API_WORDS = Map.ofEntries(Map.entry("XML", "XML"),
            Map.entry("UUID", "UUID"), Map.entry("ID", "ID"), Map.entry("CPU", "CPU"), Map.entry("DHCP", "DHCP"),
            Map.entry("SEV", "SEV"), Map.entry("FS", "FS"), Map.entry("MAC", "MAC"), Map.entry("URI", "URI"),
            Map.entry("WWN", "WWN"), Map.entry("SCSI", "SCSI"), Map.entry("NUMA", "NUMA"), Map.entry("TLS", "TLS"),
            Map.entry("IOTHREAD", "IOThread"), Map.entry("NWFILTER", "NWFilter"), Map.entry("SGX", "SGX"));

    /** The public API behind a procedure, by libvirt's naming: {@code NODE_GET_MEMORY_STATS} is {@code virNodeGetMemoryStats}. */
    static String publicApi(String procedure) {
        StringBuilder sb = new StringBuilder("vir");
        for (String word : procedure.split("_")) {
            String spelled = API_WORDS.get(word);
            if (spelled != null) {
                sb.append(spelled);
            } else if (!word.isEmpty()) {
                sb.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return sb.toString();
    }

    public boolean handles(int procedure) {
        return table.containsKey(procedure);
    }

    /**
     * Takes one CALL from a client's reader thread: waits for one of the client's request slots,
     * then runs it on a worker. Protocol violations close the client.
     */
    public void dispatch(Client client, Packet packet) throws InterruptedException {
        Header h = packet.header();
        if (h.type() != MessageType.CALL) {
            throw new XdrException("unexpected message type " + h.type() + " from the client");
        }
        if (h.program() != RemoteProgram.PROGRAM || h.version() != RemoteProgram.VERSION) {
            client.sendError(h, new VirtException(ErrorCode.RPC, ErrorDomain.RPC,
                    "cannot find program " + h.program() + " version " + h.version()));
            return;
        }
        Entry<?, ?> e = table.get(h.procedure());
        if (e == null) {
            Procedure<?, ?> known = RemoteProgram.procedure(h.procedure());
            // a procedure of the protocol jvirt has no handler for is an API the driver lacks: libvirtd
            // answers those from the driver, naming the public API; only numbers outside the protocol
            // are "unknown procedure"
            client.sendError(h, known != null ? Unsupported.api(publicApi(known.name()))
                    : new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.RPC,
                            "this function is not supported by the connection driver: unknown procedure: "
                                    + h.procedure()));
            return;
        }
        client.requestSlots().acquire();
        Runnable job = () -> {
            busy.incrementAndGet();
            try {
                run(client, packet, e);
            } finally {
                busy.decrementAndGet();
                client.requestSlots().release();
            }
        };
        boolean allBusy = busy.get() >= maxWorkers;
        if (allBusy && e.proc().priority() == Procedure.Priority.HIGH) {
            priorityWorkers.execute(job);
        } else {
            workers.execute(job);
        }
    }

    private <A, R> void run(Client client, Packet packet, Entry<A, R> e) {
        Header h = packet.header();
        A args;
        try {
            args = packet.body(e.proc().args());
        } catch (XdrException ex) {
            client.sendError(h, ex);
            client.close();
            return;
        }
        ClientStream stream = null;
        try {
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
            client.sendError(h, ex);
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

    @Override
    public void close() {
        workers.shutdownNow();
        priorityWorkers.shutdownNow();
    }
}
