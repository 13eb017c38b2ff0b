package io.jvirt.driver.remote.rpc;

import java.util.ArrayDeque;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.stream.StreamEvent;
import io.jvirt.rpc.stream.StreamFrames;
import io.jvirt.rpc.xdr.XdrException;
import io.jvirt.spi.StreamDriver;

/**
 * The client end of a stream opened by a call over one {@link RpcClient}, as libvirt's remote
 * driver keeps it: the server's packets with the call's serial are queued here by whichever thread
 * reads, {@link #recv} takes them (reading itself when nobody else does), data goes out as STREAM
 * packets, and {@link #finish} / {@link #abort} send their packet and wait for the server's
 * confirmation. State is guarded by the client's lock.
 */
public final class RemoteStream implements StreamDriver {
    private final RpcClient rpc;
    private final StreamFrames frames;

    private final ArrayDeque<StreamEvent> inbox = new ArrayDeque<>();
    private byte[] chunk;
    private int chunkPos;
    private long holeLeft;
    private boolean eof;
    private VirtException failure;
    private boolean awaitingConfirm;
    private StreamEvent confirm;

    RemoteStream(RpcClient rpc, StreamFrames frames) {
        this.rpc = rpc;
        this.frames = frames;
    }

    int serial() {
        return frames.serial();
    }

    /** A packet of this stream from the server (the reading thread holds the client's lock). */
    void arrived(Packet p) {
        StreamEvent e;
        try {
            e = StreamFrames.decode(p);
        } catch (XdrException ex) {
            e = new StreamEvent.Failure(new VirtException(ErrorCode.RPC, ErrorDomain.RPC,
                    "malformed stream packet: " + ex.getMessage()));
        }
        if (e instanceof StreamEvent.Failure f && f.error() == null) {
            e = new StreamEvent.Failure(new VirtException(ErrorCode.RPC, ErrorDomain.STREAMS,
                    "stream had I/O failure"));
        }
        if (awaitingConfirm) {
            if ((e instanceof StreamEvent.Finish || e instanceof StreamEvent.Failure) && confirm == null) {
                confirm = e; // data still in flight when we finish or abort is dropped
            }
        } else if (e instanceof StreamEvent.Finish) {
            inbox.add(new StreamEvent.Failure(new VirtException(ErrorCode.RPC, ErrorDomain.RPC,
                    "unexpected stream finish confirmation")));
        } else {
            inbox.add(e);
        }
    }

    private boolean readable() {
        return chunk != null || holeLeft > 0 || eof || failure != null || !inbox.isEmpty();
    }

    @Override
    public int recv(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        return rpc.asCaller(() -> {
            for (;;) {
                rpc.awaitStream(this::readable, "stream data");
                if (chunk != null) {
                    int n = Math.min(length, chunk.length - chunkPos);
                    System.arraycopy(chunk, chunkPos, buffer, offset, n);
                    chunkPos += n;
                    if (chunkPos == chunk.length) {
                        chunk = null;
                    }
                    return n;
                }
                if (holeLeft > 0) { // a reader that does not ask for holes gets the zeros
                    int n = (int) Math.min(length, holeLeft);
                    java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
                    holeLeft -= n;
                    return n;
                }
                if (failure != null) {
                    throw failure;
                }
                if (eof) {
                    return 0;
                }
                takeEvent();
            }
        });
    }

    /** The next queued packet as the read state (caller holds the client's lock). */
    private void takeEvent() {
        StreamEvent e = inbox.poll();
        if (e instanceof StreamEvent.Data d && d.bytes().length > 0) {
            chunk = d.bytes();
            chunkPos = 0;
        } else if (e instanceof StreamEvent.Hole h) {
            holeLeft += h.length();
        } else if (e instanceof StreamEvent.End) {
            eof = true;
        } else if (e instanceof StreamEvent.Failure f) {
            failure = f.error();
        }
    }

    /** A hole the server sent (a sparse download) is skipped and its length returned; 0 before data. */
    @Override
    public long recvHole() {
        return rpc.asCaller(() -> {
            for (;;) {
                rpc.awaitStream(this::readable, "stream data");
                if (chunk != null || eof) {
                    return 0L;
                }
                if (holeLeft > 0) {
                    long n = holeLeft;
                    holeLeft = 0;
                    return n;
                }
                if (failure != null) {
                    throw failure;
                }
                takeEvent();
            }
        });
    }

    /** A failure the server has sent already, seen before sending more. */
    private void throwIfFailed() {
        rpc.asCaller(() -> {
            for (StreamEvent e : inbox) {
                if (e instanceof StreamEvent.Failure f) {
                    failure = f.error();
                }
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        });
    }

    @Override
    public int send(byte[] data, int offset, int length) {
        throwIfFailed();
        for (int done = 0; done < length;) {
            int n = Math.min(StreamFrames.CHUNK, length - done);
            rpc.writeStream(frames.data(data, offset + done, n));
            done += n;
        }
        return length;
    }

    @Override
    public void sendHole(long length, int flags) {
        throwIfFailed();
        rpc.writeStream(frames.hole(length, flags));
    }

    @Override
    public void finish() {
        try {
            StreamEvent answer = handshake(frames.finish());
            if (answer instanceof StreamEvent.Failure f) {
                throw f.error();
            }
        } finally {
            rpc.forget(this);
        }
    }

    @Override
    public void abort() {
        try {
            handshake(frames.abort());
        } catch (VirtException ignored) {
            // the connection is gone, and with it the stream
        } finally {
            rpc.forget(this);
        }
    }

    /** Sends a finish or abort and waits for the server's answer (an earlier failure wins). */
    private StreamEvent handshake(byte[] packet) {
        return rpc.asCaller(() -> {
            for (StreamEvent e : inbox) {
                if (e instanceof StreamEvent.Failure f && failure == null) {
                    failure = f.error();
                }
            }
            if (failure != null) {
                return new StreamEvent.Failure(failure);
            }
            awaitingConfirm = true;
            inbox.clear();
            rpc.writeStream(packet);
            rpc.awaitStream(() -> confirm != null, "the end of the stream");
            return confirm;
        });
    }
}
