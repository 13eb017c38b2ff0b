package io.jvirt.rpc.packet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

import io.jvirt.rpc.xdr.XdrException;

/**
 * Reads frames from a blocking channel through a small buffer of its own, so that a frame usually
 * costs one {@code read} system call (and pipelined frames fewer), where reading the length word
 * and then the rest costs two. The buffer is direct, so the JDK reads into it without a copy. Frames
 * larger than the buffer are read straight into their payload array. One thread reads at a time.
 */
public final class FrameReader {
    /** Enough for nearly every call; 1,000 idle clients cost 8 MiB. */
    static final int BUFFER_SIZE = 8192;
    /** Large payloads are read in slices, so the JDK's per-thread I/O buffer stays this small. */
    private static final int SLICE = 256 * 1024;
    private static final int PREFIX = Packet.LEN_SIZE + Header.SIZE;

    private final ReadableByteChannel channel;
    private final ByteBuffer buf;

    public FrameReader(ReadableByteChannel channel) {
        this(channel, BUFFER_SIZE);
    }

    FrameReader(ReadableByteChannel channel, int bufferSize) {
        this.channel = channel;
        this.buf = ByteBuffer.allocateDirect(Math.max(PREFIX, bufferSize));
        buf.flip(); // empty, in read mode: position..limit are the bytes not consumed yet
    }

    /**
     * The next frame; null on a clean end of stream between frames. The length word is checked
     * before the header is awaited or anything is allocated.
     */
    public Packet read() throws IOException {
        if (!fill(Packet.LEN_SIZE, true)) {
            return null;
        }
        int length = Packet.checkLength(buf.getInt(buf.position()));
        fill(PREFIX, false);
        buf.position(buf.position() + Packet.LEN_SIZE);
        Header h = Header.decode(buf);
        int size = length - PREFIX;
        // the array grows with the bytes that came, never ahead of them: a client that sends
        // length words of 32 MiB and nothing else costs the daemon no more than what it sent
        byte[] payload = new byte[Math.min(size, Math.max(buf.remaining(), SLICE))];
        int have = Math.min(buf.remaining(), size);
        buf.get(payload, 0, have);
        while (have < size) {
            if (have == payload.length) {
                payload = java.util.Arrays.copyOf(payload, (int) Math.min(size, payload.length * 2L));
            }
            ByteBuffer dst = ByteBuffer.wrap(payload, have, Math.min(SLICE, payload.length - have));
            int n = channel.read(dst);
            if (n < 0) {
                throw new XdrException("connection closed in the middle of a " + length + "-byte packet");
            }
            have += n;
        }
        return new Packet(h, payload);
    }

    /** Reads until at least {@code n} bytes are buffered; false on end of stream with none. */
    private boolean fill(int n, boolean eofOk) throws IOException {
        while (buf.remaining() < n) {
            buf.compact();
            int r;
            try {
                r = channel.read(buf);
            } finally {
                buf.flip();
            }
            if (r < 0) {
                if (eofOk && !buf.hasRemaining()) {
                    return false;
                }
                if (eofOk) {
                    throw new EOFException("end of stream in the middle of a packet");
                }
                throw new XdrException("connection closed in the middle of a packet");
            }
        }
        return true;
    }
}
