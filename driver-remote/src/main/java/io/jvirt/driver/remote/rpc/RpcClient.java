package io.jvirt.driver.remote.rpc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.CloseReason;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.driver.remote.transport.Conduit;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.remote.KeepaliveProgram;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteError;
import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrCodec;

/**
 * One RPC connection, shared by any number of threads. Each call gets the next serial and a
 * future; frames are written whole under one lock; a reader thread completes the future whose
 * serial a REPLY carries, hands MESSAGEs to the listener and answers keepalive PINGs. When the
 * stream ends or keepalive declares the peer dead, every pending call fails and the listener hears
 * why, once.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RpcClient.class.getName());
    private static final XdrCodec<RemoteError> ERROR = Xdr.of(RemoteError.class);
    private static final byte[] EMPTY = new byte[0];

    /** What the connection above the client hears. Called on the reader thread: hand work off. */
    public interface Listener {
        void message(Packet p);

        void closed(CloseReason reason, String why);
    }

    private record Closed(CloseReason reason, String why) {
    }

    private final Conduit conduit;
    private final Listener listener;
    private final AtomicInteger serials = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Packet>> pending = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicReference<Closed> closed = new AtomicReference<>();
    private final Thread reader;
    private volatile long lastHeard = System.nanoTime();
    private volatile long lastPing;
    private volatile ScheduledFuture<?> keepaliveTask;

    public RpcClient(Conduit conduit, Listener listener, String name) {
        this.conduit = conduit;
        this.listener = listener;
        this.reader = new Thread(this::readLoop, "jvirt-remote-reader " + name);
        reader.setDaemon(true);
        reader.start();
    }

    public Conduit conduit() {
        return conduit;
    }

    public boolean isOpen() {
        return closed.get() == null;
    }

    /** Calls a procedure and waits for its reply; a {@code remote_error} reply is thrown as it came. */
    public <A, R> R call(Procedure<A, R> proc, A args) {
        int serial = serials.getAndIncrement();
        Header h = new Header(proc.program(), RemoteProgramVersion.of(proc), proc.number(), MessageType.CALL, serial,
                MessageStatus.OK);
        byte[] frame = Packet.encode(h, proc.args(), args);
        CompletableFuture<Packet> reply = new CompletableFuture<>();
        failIfClosed();
        pending.put(serial, reply);
        if (closed.get() != null) {
            pending.remove(serial);
            failIfClosed();
        }
        try {
            write(frame);
        } catch (IOException e) {
            pending.remove(serial);
            shut(CloseReason.ERROR, "Cannot write data: " + e.getMessage());
            failIfClosed();
        }
        Packet p;
        try {
            p = reply.get();
        } catch (InterruptedException e) {
            pending.remove(serial);
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, ErrorDomain.RPC,
                    "operation aborted: interrupted while waiting for the reply to " + proc.name());
        } catch (ExecutionException e) {
            throw (VirtException) e.getCause();
        }
        if (p.header().status() == MessageStatus.ERROR) {
            throw p.body(ERROR).toException();
        }
        if (p.header().procedure() != proc.number()) {
            throw new VirtException(ErrorCode.RPC, ErrorDomain.RPC, "Unexpected reply to " + proc.name()
                    + ": serial " + serial + " came back for procedure " + p.header().procedure());
        }
        return p.body(proc.ret());
    }

    private void failIfClosed() {
        Closed c = closed.get();
        if (c != null) {
            throw closedError(c);
        }
    }

    private static VirtException closedError(Closed c) {
        String msg = c.reason() == CloseReason.KEEPALIVE ? "internal error: connection closed due to keepalive timeout"
                : "internal error: client socket is closed" + (c.why() == null || c.why().isEmpty() ? "" : ": " + c.why());
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC, msg);
    }

    private void write(byte[] frame) throws IOException {
        writeLock.lock();
        try {
            conduit.write(frame);
        } finally {
            writeLock.unlock();
        }
    }

    private void readLoop() {
        try {
            for (;;) {
                Packet p = conduit.read();
                if (p == null) {
                    String diag = conduit.diagnostics();
                    shut(CloseReason.EOF, diag.isEmpty() ? "End of file while reading data" : diag);
                    return;
                }
                lastHeard = System.nanoTime();
                Header h = p.header();
                if (h.program() == KeepaliveProgram.PROGRAM) {
                    if (h.procedure() == KeepaliveProgram.PING) {
                        trySend(KeepaliveProgram.header(KeepaliveProgram.PONG));
                    }
                    continue;
                }
                if (h.type() == MessageType.REPLY) {
                    CompletableFuture<Packet> f = pending.remove(h.serial());
                    if (f != null) {
                        f.complete(p);
                    } else {
                        LOG.fine("reply with unknown serial " + h.serial() + " dropped");
                    }
                } else if (h.type() == MessageType.MESSAGE) {
                    try {
                        listener.message(p);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "event message " + h.procedure() + " could not be delivered", e);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (closed.get() == null) {
                String diag = conduit.diagnostics();
                shut(e instanceof java.io.EOFException ? CloseReason.EOF : CloseReason.ERROR,
                        diag.isEmpty() ? String.valueOf(e.getMessage()) : diag);
            }
        }
    }

    /** Sends an empty keepalive message unless a writer holds the lock (then traffic is flowing anyway). */
    private void trySend(Header h) {
        if (writeLock.tryLock()) {
            try {
                conduit.write(Packet.encodeRaw(h, EMPTY));
            } catch (IOException e) {
                shut(CloseReason.ERROR, "Cannot write data: " + e.getMessage());
            } finally {
                writeLock.unlock();
            }
        }
    }

    /**
     * libvirt's client keepalive: after {@code interval} seconds without anything from the server a
     * PING goes out, then one per interval; once nothing has come for {@code interval * count}
     * seconds the connection is declared dead (close reason KEEPALIVE).
     */
    public void startKeepalive(ScheduledExecutorService timer, int intervalSeconds, int count) {
        if (intervalSeconds <= 0) {
            return;
        }
        long interval = TimeUnit.SECONDS.toNanos(intervalSeconds);
        long deadAfter = interval * Math.max(1, count);
        long tick = Math.max(100, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(interval) / 4));
        keepaliveTask = timer.scheduleWithFixedDelay(() -> {
            if (closed.get() != null) {
                ScheduledFuture<?> t = keepaliveTask;
                if (t != null) {
                    t.cancel(false);
                }
                return;
            }
            long now = System.nanoTime();
            long idle = now - lastHeard;
            if (idle >= deadAfter) {
                shut(CloseReason.KEEPALIVE, "no keepalive response for " + TimeUnit.NANOSECONDS.toSeconds(idle) + " s");
            } else if (idle >= interval && now - lastPing >= interval) {
                lastPing = now;
                trySend(KeepaliveProgram.header(KeepaliveProgram.PING));
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Marks the client closed (first reason wins), shuts the conduit and fails every pending call. */
    private void shut(CloseReason reason, String why) {
        Closed c = new Closed(reason, why);
        if (!closed.compareAndSet(null, c)) {
            return;
        }
        ScheduledFuture<?> t = keepaliveTask;
        if (t != null) {
            t.cancel(false);
        }
        conduit.close();
        VirtException err = closedError(c);
        for (Integer serial : pending.keySet()) {
            CompletableFuture<Packet> f = pending.remove(serial);
            if (f != null) {
                f.completeExceptionally(err);
            }
        }
        if (reason != CloseReason.CLIENT) {
            try {
                listener.closed(reason, why);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "close listener failed", e);
            }
        }
    }

    /** Closes from our side: no close notification. */
    @Override
    public void close() {
        shut(CloseReason.CLIENT, "closed by the client");
    }
}
