package io.jvirt.rpc.packet;

/** {@code virNetMessageType}. */
public enum MessageType {
    CALL, REPLY, MESSAGE, STREAM, CALL_WITH_FDS, REPLY_WITH_FDS, STREAM_HOLE;

    public int value() {
        return ordinal();
    }

    public static MessageType fromValue(int v) {
        if (v < 0 || v >= values().length) {
            throw new io.jvirt.rpc.xdr.XdrException("unknown message type " + v);
        }
        return values()[v];
    }
}
