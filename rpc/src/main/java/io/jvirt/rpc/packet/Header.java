package io.jvirt.rpc.packet;

import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrWriter;

/** {@code virNetMessageHeader}: six 4-byte words. */
public record Header(int program, int version, int procedure, MessageType type, int serial, MessageStatus status) {
    public static final int SIZE = 24;

    public void encode(XdrWriter out) {
        out.writeInt(program).writeInt(version).writeInt(procedure).writeInt(type.value()).writeInt(serial)
                .writeInt(status.value());
    }

    public static Header decode(XdrReader in) {
        return new Header(in.readInt(), in.readInt(), in.readInt(), MessageType.fromValue(in.readInt()), in.readInt(),
                MessageStatus.fromValue(in.readInt()));
    }

    /** Reads the six words at the buffer's position (big-endian, as XDR). */
    public static Header decode(java.nio.ByteBuffer in) {
        return new Header(in.getInt(), in.getInt(), in.getInt(), MessageType.fromValue(in.getInt()), in.getInt(),
                MessageStatus.fromValue(in.getInt()));
    }

    /** The reply header to this call: same program, procedure and serial. */
    public Header reply(MessageStatus status) {
        return new Header(program, version, procedure, MessageType.REPLY, serial, status);
    }
}
