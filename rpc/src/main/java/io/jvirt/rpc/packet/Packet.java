package io.jvirt.rpc.packet;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import io.jvirt.rpc.xdr.XdrCodec;
import io.jvirt.rpc.xdr.XdrException;
import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrWriter;

/** One framed message: header and raw payload. */
public record Packet(Header header, byte[] payload) {
    /** libvirt's VIR_NET_MESSAGE_MAX: 32 MiB, not counting the length word. */
    public static final int MAX = 33_554_432;
    public static final int LEN_SIZE = 4;

    /** Frames header and payload: length word (counting itself), header, payload. */
    public static <T> byte[] encode(Header header, XdrCodec<T> codec, T body) {
        XdrWriter out = new XdrWriter(64);
        out.writeInt(0);
        header.encode(out);
        if (codec != null) {
            codec.encode(body, out);
        }
        if (out.size() > MAX + LEN_SIZE) {
            throw new XdrException("message of " + out.size() + " bytes exceeds the maximum " + (MAX + LEN_SIZE));
        }
        out.putInt(0, out.size());
        return out.toByteArray();
    }

    /** Frames a header with an already encoded payload. */
    public static byte[] encodeRaw(Header header, byte[] payload) {
        XdrWriter out = new XdrWriter(LEN_SIZE + Header.SIZE + payload.length);
        out.writeInt(LEN_SIZE + Header.SIZE + payload.length);
        header.encode(out);
        byte[] head = out.toByteArray();
        byte[] all = new byte[head.length + payload.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        return all;
    }

    /**
     * Checks a length word before anything is allocated: at least a header, at most libvirt's
     * maximum (an attacker's 4 GiB length costs nothing).
     */
    public static int checkLength(int length) {
        if (length < LEN_SIZE + Header.SIZE || length > MAX + LEN_SIZE) {
            throw new XdrException("packet length " + (length & 0xffffffffL) + " is outside "
                    + (LEN_SIZE + Header.SIZE) + ".." + (MAX + LEN_SIZE));
        }
        return length;
    }

    /** Parses a whole frame (length word included). */
    public static Packet decode(byte[] frame) {
        XdrReader in = new XdrReader(frame);
        int length = checkLength(in.readInt());
        if (length != frame.length) {
            throw new XdrException("length word says " + length + " bytes, frame has " + frame.length);
        }
        Header h = Header.decode(in);
        byte[] payload = new byte[frame.length - LEN_SIZE - Header.SIZE];
        System.arraycopy(frame, LEN_SIZE + Header.SIZE, payload, 0, payload.length);
        return new Packet(h, payload);
    }

    /** Reads one frame from a stream; null on a clean end of stream between frames. */
    public static Packet read(InputStream in) throws IOException {
        DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
        int b0 = data.read();
        if (b0 < 0) {
            return null;
        }
        int length = (b0 << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedByte() << 8)
                | data.readUnsignedByte();
        checkLength(length);
        // readNBytes gathers what arrives in chunks: nothing of the announced size is allocated ahead
        byte[] rest = data.readNBytes(length - LEN_SIZE);
        if (rest.length < length - LEN_SIZE) {
            throw new XdrException("connection closed in the middle of a " + length + "-byte packet");
        }
        XdrReader r = new XdrReader(rest);
        Header h = Header.decode(r);
        byte[] payload = new byte[rest.length - Header.SIZE];
        System.arraycopy(rest, Header.SIZE, payload, 0, payload.length);
        return new Packet(h, payload);
    }

    /**
     * Reads one frame from a blocking channel; null on a clean end of stream between frames. The
     * length word is checked before the frame is allocated.
     */
    public static Packet read(java.nio.channels.ReadableByteChannel ch) throws IOException {
        java.nio.ByteBuffer len = java.nio.ByteBuffer.allocate(LEN_SIZE);
        if (!fill(ch, len, true)) {
            return null;
        }
        int length = checkLength(len.getInt(0));
        java.nio.ByteBuffer rest = java.nio.ByteBuffer.allocate(length - LEN_SIZE);
        if (!fill(ch, rest, false)) {
            throw new XdrException("connection closed in the middle of a " + length + "-byte packet");
        }
        byte[] b = rest.array();
        Header h = Header.decode(new XdrReader(b, 0, Header.SIZE));
        byte[] payload = new byte[b.length - Header.SIZE];
        System.arraycopy(b, Header.SIZE, payload, 0, payload.length);
        return new Packet(h, payload);
    }

    private static boolean fill(java.nio.channels.ReadableByteChannel ch, java.nio.ByteBuffer buf, boolean eofOk)
            throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                if (eofOk && buf.position() == 0) {
                    return false;
                }
                throw new EOFException("end of stream in the middle of a packet");
            }
        }
        return true;
    }

    /** Decodes the payload with a codec; the payload must be consumed exactly. */
    public <T> T body(XdrCodec<T> codec) {
        XdrReader in = new XdrReader(payload);
        T value = codec == null ? null : codec.decode(in);
        in.expectEnd("payload of procedure " + header.procedure());
        return value;
    }
}
