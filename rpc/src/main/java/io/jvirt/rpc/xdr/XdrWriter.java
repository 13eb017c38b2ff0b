package io.jvirt.rpc.xdr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/** Appends XDR values to a growable big-endian buffer. */
public final class XdrWriter {
    private byte[] buf;
    private int len;

    public XdrWriter() {
        this(256);
    }

    public XdrWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public XdrWriter writeInt(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /** Overwrites the int at {@code offset} (for length words written before the payload is known). */
    public void putInt(int offset, int v) {
        buf[offset] = (byte) (v >>> 24);
        buf[offset + 1] = (byte) (v >>> 16);
        buf[offset + 2] = (byte) (v >>> 8);
        buf[offset + 3] = (byte) v;
    }

    public XdrWriter writeHyper(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public XdrWriter writeBoolean(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    public XdrWriter writeDouble(double v) {
        return writeHyper(Double.doubleToLongBits(v));
    }

    /** {@code opaque[n]}: the bytes and zero padding, no length. */
    public XdrWriter writeFixedOpaque(byte[] b, int n) {
        if (b.length != n) {
            throw new XdrException("fixed opaque of " + n + " bytes given " + b.length);
        }
        return writeBytesPadded(b, 0, n);
    }

    /** {@code opaque<max>}: length, bytes, padding. */
    public XdrWriter writeOpaque(byte[] b, int max) {
        if (b.length > max) {
            throw new XdrException("opaque of " + b.length + " bytes exceeds its maximum " + max);
        }
        writeInt(b.length);
        return writeBytesPadded(b, 0, b.length);
    }

    /** {@code string<max>}. */
    public XdrWriter writeString(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > max) {
            throw new XdrException("string of " + b.length + " bytes exceeds its maximum " + max);
        }
        writeInt(b.length);
        return writeBytesPadded(b, 0, b.length);
    }

    public XdrWriter writeUuid(UUID u) {
        writeHyper(u.getMostSignificantBits());
        return writeHyper(u.getLeastSignificantBits());
    }

    private XdrWriter writeBytesPadded(byte[] b, int off, int n) {
        int padded = (n + 3) & ~3;
        ensure(padded);
        System.arraycopy(b, off, buf, len, n);
        Arrays.fill(buf, len + n, len + padded, (byte) 0);
        len += padded;
        return this;
    }

    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** The backing array; valid up to {@link #size()}. */
    public byte[] array() {
        return buf;
    }
}
