package io.jvirt.rpc.xdr;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads XDR values from a byte range. Every length and count is checked against its protocol
 * maximum and against the bytes actually left before anything is allocated, so a hostile length
 * word costs nothing.
 */
public final class XdrReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    public XdrReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public XdrReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - pos;
    }

    private void need(int n, String what) {
        if (n < 0 || n > limit - pos) {
            throw new XdrException("truncated XDR: " + what + " needs " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    public int readInt() {
        need(4, "int");
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long readHyper() {
        long hi = readInt() & 0xffffffffL;
        long lo = readInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    public boolean readBoolean() {
        int v = readInt();
        if (v != 0 && v != 1) {
            throw new XdrException("XDR bool must be 0 or 1, not " + v);
        }
        return v == 1;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readHyper());
    }

    /**
     * A count of {@code elemMinSize}-byte (at least) elements, at most {@code max}: checked
     * against the protocol maximum and the bytes left.
     */
    public int readCount(int max, int elemMinSize, String what) {
        int n = readInt();
        if (n < 0 || n > max) {
            throw new XdrException(what + ": " + (n & 0xffffffffL) + " elements exceed the maximum " + max);
        }
        need(n * Math.max(0, elemMinSize), what);
        return n;
    }

    public byte[] readFixedOpaque(int n) {
        int padded = (n + 3) & ~3;
        need(padded, "opaque[" + n + "]");
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += padded;
        return b;
    }

    public byte[] readOpaque(int max) {
        int n = readCount(max, 1, "opaque");
        return readFixedOpaque(n);
    }

    public String readString(int max) {
        int n = readInt();
        if (n < 0 || n > max) {
            throw new XdrException("string of " + (n & 0xffffffffL) + " bytes exceeds the maximum " + max);
        }
        int padded = (n + 3) & ~3;
        need(padded, "string");
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += padded;
        return s;
    }

    public UUID readUuid() {
        return new UUID(readHyper(), readHyper());
    }

    /** Fails unless every byte was consumed: trailing garbage is a protocol error too. */
    public void expectEnd(String what) {
        if (pos != limit) {
            throw new XdrException(what + ": " + (limit - pos) + " unexpected trailing bytes");
        }
    }
}
