package io.jvirt.rpc.remote;

import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.MessageStatus;
import io.jvirt.rpc.packet.MessageType;

/** libvirt's KEEPALIVE program: PING and PONG, empty MESSAGEs with serial 0. */
public final class KeepaliveProgram {
    public static final int PROGRAM = 0x6b656570;
    public static final int VERSION = 1;
    public static final int PING = 1;
    public static final int PONG = 2;

    private KeepaliveProgram() {
    }

    public static Header header(int proc) {
        return new Header(PROGRAM, VERSION, proc, MessageType.MESSAGE, 0, MessageStatus.OK);
    }
}
