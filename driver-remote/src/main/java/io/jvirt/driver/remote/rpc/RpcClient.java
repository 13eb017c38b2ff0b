package io.jvirt.driver.remote.rpc;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
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
import io.jvirt.rpc.stream.StreamFrames;
import io.jvirt.rpc.xdr.Xdr;
import io.jvirt.rpc.xdr.XdrCodec;

/**
 * One RPC connection, shared by any number of threads. Each call gets the next serial; frames are
 * written whole under one lock; replies are matched to calls by serial.
 * <p>
 * Reading follows libvirt's client ("passing the buck"): one thread at a time holds the reader
 * role. A caller waiting for its reply takes the role when nobody has it and reads until its own
 * reply comes, handing other callers their replies and events to the listener on the way; then it
 * passes the role on. A background thread takes the role only when no call has been active for a
 * moment (it is not woken per call), to see events, keepalive and the end of the stream on an idle
 * connection; a caller that
 * arrives then wakes it out of its read ({@link Conduit#wakeup()}) while the server works on the
 * call. Conduits that cannot be woken (TLS, ssh, ext) are read by the background thread only.
 * When the stream ends or keepalive declares the peer dead, every waiting call fails and the
 * listener hears why, once.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RpcClient.class.getName());
    private static final XdrCodec<RemoteError> ERROR = Xdr.of(RemoteError.class);
    private static final byte[] EMPTY = new byte[0];
    /** How long a connection must be without calls before the background thread reads. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How often the background thread looks again while calls are active (it is not woken per call). */
    private static final long BUSY_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** What the connection above the client hears. Called by whichever thread reads: keep it short. */
    public interface Listener {
        void message(Packet p);

        void closed(CloseReason reason, String why);
    }

    private record Closed(CloseReason reason, String why) {
    }

    /** A call waiting for its reply. */
    private static final class Slot {
        Packet reply;
    }

    private final Conduit conduit;
    private final Listener listener;
    private final boolean wakeable;
    private final AtomicInteger serials = new AtomicInteger();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicReference<Closed> closed = new AtomicReference<>();

    // reader role and pending calls, guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The background reader's own condition, so that callers' hand-offs never wake it. */
    private final Condition background = lock.newCondition();
    private final Map<Integer, Slot> pending = new HashMap<>();
    /** Open streams by the serial of the call that opened them. */
    private final Map<Integer, RemoteStream> streams = new HashMap<>();
    private boolean readerBusy;
    private int callers;
    private long lastCallerExit = System.nanoTime();
    private volatile boolean backgroundReading;

    private volatile long lastHeard = System.nanoTime();
    private volatile long lastPing;
    private volatile ScheduledFuture<?> keepaliveTask;

    public RpcClient(Conduit conduit, Listener listener, String name) {
        this.conduit = conduit;
        this.listener = listener;
        this.wakeable = conduit.wakeable();
        Thread reader = new Thread(this::backgroundLoop, "jvirt-remote-reader " + name);
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
        return call(proc, args, null);
    }

    /** A call's reply and the stream it opened. */
    public record Opened<R>(R reply, RemoteStream stream) {
    }

    /**
     * Calls a procedure that opens a stream (a screenshot, a volume upload or download, a console).
     * The stream is registered under the call's serial before the call goes out, so data that
     * follows the reply at once is kept; if the call fails, so does the stream.
     */
    public <A, R> Opened<R> callStream(Procedure<A, R> proc, A args) {
        RemoteStream[] opened = new RemoteStream[1];
        R reply = call(proc, args, opened);
        return new Opened<>(reply, opened[0]);
    }

    private <A, R> R call(Procedure<A, R> proc, A args, RemoteStream[] stream) {
        int serial = serials.getAndIncrement();
        Header h = new Header(proc.program(), RemoteProgramVersion.of(proc), proc.number(), MessageType.CALL, serial,
                MessageStatus.OK);
        byte[] frame = Packet.encode(h, proc.args(), args);
        Slot slot = new Slot();
        lock.lock();
        try {
            failIfClosed();
            pending.put(serial, slot);
            callers++;
            if (stream != null) {
                stream[0] = new RemoteStream(this, new StreamFrames(h));
                streams.put(serial, stream[0]);
            }
        } finally {
            lock.unlock();
        }
        boolean ok = false;
        try {
            R ret = exchange(proc, serial, frame, slot);
            ok = true;
            return ret;
        } finally {
            if (!ok && stream != null) {
                forget(stream[0]);
            }
        }
    }

    private <A, R> R exchange(Procedure<A, R> proc, int serial, byte[] frame, Slot slot) {
        Packet p;
        try {
            try {
                write(frame);
            } catch (IOException e) {
                String diag = conduit.diagnostics(); // a tunnel that died says why on its stderr
                shut(CloseReason.ERROR, diag.isEmpty() ? "Cannot write data: " + e.getMessage() : diag);
            }
            if (wakeable && backgroundReading) {
                conduit.wakeup(); // take over reading while the server works
            }
            p = await(serial, slot, proc);
        } finally {
            lock.lock();
            try {
                pending.remove(serial);
                if (--callers == 0) {
                    lastCallerExit = System.nanoTime();
                }
            } finally {
                lock.unlock();
            }
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

    private Packet await(int serial, Slot slot, Procedure<?, ?> proc) {
        lock.lock();
        try {
            awaitLocked(() -> slot.reply != null, "the reply to " + proc.name());
            return slot.reply;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (lock held) until {@code ready} holds, reading for everybody meanwhile when nobody else
     * does; fails once the connection is closed.
     */
    private void awaitLocked(java.util.function.BooleanSupplier ready, String what) {
        for (;;) {
            if (ready.getAsBoolean()) {
                return;
            }
            failIfClosed();
            if (wakeable && !readerBusy) {
                readOne(false);
            } else {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VirtException(ErrorCode.OPERATION_ABORTED, ErrorDomain.RPC,
                            "operation aborted: interrupted while waiting for " + what);
                }
            }
        }
    }

    /**
     * Runs {@code body} with the lock held as an active caller, so the background reader stays out of
     * the way and the caller reads itself (the stream side of {@link #call}).
     */
    <T> T asCaller(java.util.function.Supplier<T> body) {
        lock.lock();
        try {
            callers++;
            if (wakeable && backgroundReading) {
                conduit.wakeup();
            }
            try {
                return body.get();
            } finally {
                if (--callers == 0) {
                    lastCallerExit = System.nanoTime();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #awaitLocked}, for streams (lock held). */
    void awaitStream(java.util.function.BooleanSupplier ready, String what) {
        awaitLocked(ready, what);
    }

    /** Sends a stream packet; a failed write closes the connection as for a call. */
    void writeStream(byte[] frame) {
        failIfClosedLocked();
        try {
            write(frame);
        } catch (IOException e) {
            String diag = conduit.diagnostics();
            shut(CloseReason.ERROR, diag.isEmpty() ? "Cannot write data: " + e.getMessage() : diag);
            failIfClosedLocked();
        }
    }

    private void failIfClosedLocked() {
        lock.lock();
        try {
            failIfClosed();
        } finally {
            lock.unlock();
        }
    }

    /** Stops routing packets to a stream that ended. */
    void forget(RemoteStream s) {
        lock.lock();
        try {
            streams.remove(s.serial(), s);
        } finally {
            lock.unlock();
        }
    }

    boolean holdsLock() {
        return lock.isHeldByCurrentThread();
    }

    /**
     * Takes the reader role (the caller holds {@code lock} and nobody reads), reads one packet with
     * the lock released, and handles it. Returns with the lock held and the role given back.
     */
    private void readOne(boolean background) {
        readerBusy = true;
        backgroundReading = background;
        lock.unlock();
        Packet p = null;
        Exception failure = null;
        try {
            p = conduit.read();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        boolean ping = false;
        lock.lock();
        readerBusy = false;
        backgroundReading = false;
        try {
            if (failure != null) {
                if (closed.get() == null) {
                    String diag = conduit.diagnostics();
                    shut(failure instanceof java.io.EOFException ? CloseReason.EOF : CloseReason.ERROR,
                            diag.isEmpty() ? String.valueOf(failure.getMessage()) : diag);
                }
            } else if (p == null) {
                String diag = conduit.diagnostics();
                shut(CloseReason.EOF, diag.isEmpty() ? "End of file while reading data" : diag);
            } else if (p != Conduit.WOKEN) {
                lastHeard = System.nanoTime();
                ping = handle(p);
            }
        } finally {
            changed.signalAll();
        }
        if (ping) {
            lock.unlock();
            try {
                trySend(KeepaliveProgram.header(KeepaliveProgram.PONG));
            } finally {
                lock.lock();
            }
        }
    }

    /** One packet from the server (lock held); true when it was a PING to answer. */
    private boolean handle(Packet p) {
        Header h = p.header();
        if (h.program() == KeepaliveProgram.PROGRAM) {
            return h.procedure() == KeepaliveProgram.PING;
        }
        if (h.type() == MessageType.REPLY) {
            Slot s = pending.get(h.serial());
            RemoteStream st = streams.get(h.serial());
            if (s != null && s.reply == null) {
                s.reply = p;
            } else if (st != null) {
                st.arrived(p); // an error answering a stream packet of ours
            } else {
                LOG.fine("reply with unknown serial " + h.serial() + " dropped");
            }
        } else if (StreamFrames.isStreamPacket(p)) {
            RemoteStream st = streams.get(h.serial());
            if (st != null) {
                st.arrived(p);
            } else {
                LOG.fine("stream packet for unknown serial " + h.serial() + " dropped");
            }
        } else if (h.type() == MessageType.MESSAGE) {
            try {
                listener.message(p);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event message " + h.procedure() + " could not be delivered", e);
            }
        }
        return false;
    }

    /**
     * Reads while no call is active (events, keepalive, end of stream on an idle connection); for a
     * conduit that cannot be woken it is the only reader. It is not woken per call: while calls are
     * active it looks again every 20 ms.
     */
    private void backgroundLoop() {
        lock.lock();
        try {
            while (closed.get() == null) {
                long sinceCall = System.nanoTime() - lastCallerExit;
                if (!readerBusy && (!wakeable || (callers == 0 && sinceCall >= IDLE_NANOS))) {
                    readOne(true);
                    continue;
                }
                try {
                    if (!wakeable) {
                        background.await();
                    } else {
                        background.awaitNanos(callers == 0 && !readerBusy ? IDLE_NANOS - sinceCall : BUSY_RECHECK_NANOS);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
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

    /** Marks the client closed (first reason wins), shuts the conduit and wakes every waiting call. */
    private void shut(CloseReason reason, String why) {
        if (!closed.compareAndSet(null, new Closed(reason, why))) {
            return;
        }
        ScheduledFuture<?> t = keepaliveTask;
        if (t != null) {
            t.cancel(false);
        }
        conduit.close();
        lock.lock();
        try {
            changed.signalAll();
            background.signalAll();
        } finally {
            lock.unlock();
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
