package io.jvirt.daemon.stream;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.Stream;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.client.Client;
import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.stream.StreamEvent;
import io.jvirt.rpc.stream.StreamFrames;
import io.jvirt.rpc.xdr.XdrException;

/**
 * One stream a client opened with a call, as libvirtd's daemonClientStream: after the call's reply,
 * data the API produces goes out as STREAM packets with the call's serial (ending with an empty OK),
 * as an empty CONTINUE), and packets from the client are applied in order: data is written to the
 * stream, an OK finishes it and an ERROR aborts it, each confirmed by an empty OK (or answered by a
 * REPLY with the error).
 * Each incoming data packet holds one of the client's request slots until it is written, so a
 * client that uploads faster than the stream takes data is slowed down instead of buffered.
 */
public final class ClientStream {
    private static final Logger LOG = Logger.getLogger(ClientStream.class.getName());
    /** Wakes the inbound loop when the stream is closed from elsewhere. */
    private static final Packet CLOSED = new Packet(null, new byte[0]);

    private final Client client;
    private final ClientStreams owner;
    private final Stream stream;
    private final StreamFrames frames;
    private final Direction direction;
    private final LinkedBlockingQueue<Packet> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    ClientStream(Client client, ClientStreams owner, Stream stream, Header call, Direction direction) {
        this.client = client;
        this.owner = owner;
        this.stream = stream;
        this.frames = new StreamFrames(call);
        this.direction = direction;
    }

    public Stream stream() {
        return stream;
    }

    int serial() {
        return frames.serial();
    }

    /** Starts moving data; called once the call's reply has been sent, so data never overtakes it. */
    public void start() {
        thread("in", this::inbound);
        if (direction.toClient()) {
            thread("out", this::outbound);
        }
    }

    private void thread(String role, Runnable loop) {
        Thread t = new Thread(loop, "jvirtd-stream-" + client.id() + "-" + frames.serial() + "-" + role);
        t.setDaemon(true);
        t.start();
    }

    /** A packet from the client with this stream's serial (on the client's reader thread). */
    void offer(Packet p) throws InterruptedException {
        boolean data = isData(p);
        if (data) {
            client.requestSlots().acquire(); // released once written: back-pressure as libvirtd
        }
        synchronized (inbox) {
            if (!closed.get()) {
                inbox.add(p);
                return;
            }
        }
        if (data) {
            client.requestSlots().release();
        }
    }

    private static boolean isData(Packet p) {
        return p != CLOSED && p.header().status() == io.jvirt.rpc.packet.MessageStatus.CONTINUE;
    }

    /** The API's data to the client, chunk by chunk, then the end. */
    private void outbound() {
        byte[] buf = new byte[StreamFrames.CHUNK];
        try {
            for (;;) {
                long hole = stream.recvHole(); // a sparse download's holes travel as STREAM_HOLE
                if (closed.get()) {
                    return;
                }
                if (hole > 0) {
                    client.write(frames.hole(hole, 0));
                    continue;
                }
                int n = stream.recv(buf, 0, buf.length);
                if (closed.get()) {
                    return;
                }
                if (n == 0) {
                    client.write(frames.end());
                    return; // the client answers with a finish (or an abort), handled inbound
                }
                client.write(frames.data(buf, 0, n));
            }
        } catch (VirtException e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream " + frames.serial() + " of " + client + " failed", e);
            fail(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.STREAMS, "internal error: " + e));
        }
    }

    /** The client's packets, in order, until the stream is finished, aborted or failed. */
    private void inbound() {
        while (!closed.get()) {
            Packet p;
            try {
                p = inbox.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (p == CLOSED) {
                return;
            }
            boolean data = isData(p);
            try {
                apply(p);
            } finally {
                if (data) {
                    client.requestSlots().release();
                }
            }
        }
    }

    private void apply(Packet p) {
        StreamEvent event;
        try {
            event = StreamFrames.decode(p);
        } catch (XdrException e) {
            LOG.log(Level.FINE, "dropping " + client + ": " + e.getMessage());
            client.close();
            return;
        }
        try {
            if (event instanceof StreamEvent.Data d) {
                byte[] b = d.bytes();
                for (int off = 0; off < b.length;) {
                    off += stream.send(b, off, b.length - off);
                }
            } else if (event instanceof StreamEvent.Hole h) {
                stream.sendHole(h.length());
            } else if (event instanceof StreamEvent.End) {
                // the client has no more data: its finish follows
            } else if (event instanceof StreamEvent.Finish) {
                if (close()) {
                    stream.finish();
                    client.write(frames.finish());
                }
            } else if (close()) { // the client aborts
                stream.abort();
                client.write(frames.finish());
            }
        } catch (VirtException e) {
            if (event instanceof StreamEvent.Data || event instanceof StreamEvent.Hole) {
                // as libvirtd (virNetServerProgramSendStreamError): data the stream cannot take ends it
                // with a STREAM ERROR, which the client's next send or finish reports
                fail(e);
                return;
            }
            // a finish or an abort is a call the client waits on: the stream is dropped, the call fails
            if (close() || event instanceof StreamEvent.Finish) {
                stream.abort();
            }
            client.sendError(p.header(), e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream " + frames.serial() + " of " + client + " failed", e);
            close();
            stream.abort();
            client.sendError(p.header(), new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.STREAMS,
                    "internal error: " + e));
        }
    }

    /** The stream failed on our side: abort it and tell the client with a STREAM ERROR. */
    private void fail(VirtException e) {
        if (close()) {
            stream.abort();
            client.write(frames.error(e));
        }
    }

    /** Marks the stream closed and forgets it; true for the caller that closed it. */
    private boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        owner.remove(this);
        synchronized (inbox) {
            for (Packet p : inbox) {
                if (isData(p)) {
                    client.requestSlots().release();
                }
            }
            inbox.clear();
            inbox.add(CLOSED);
        }
        return true;
    }

    /** Drops the stream without a word to the client (the call failed, or the client is gone). */
    public void drop() {
        if (close()) {
            stream.abort();
        }
    }
}
