package io.jvirt.rpc.packet;

/** {@code virNetMessageStatus}. */
public enum MessageStatus {
    OK, ERROR, CONTINUE;

    public int value() {
        return ordinal();
    }

    public static MessageStatus fromValue(int v) {
        if (v < 0 || v >= values().length) {
            throw new io.jvirt.rpc.xdr.XdrException("unknown message status " + v);
        }
        return values()[v];
    }
}
