package io.jvirt.network.nwfilter.host;

import java.io.IOException;

import io.jvirt.network.firewall.CommandRunner;

/** The JVM's network namespace. */
final class SystemHost implements HostNet {
    static final SystemHost INSTANCE = new SystemHost();

    private final CommandRunner runner = CommandRunner.system();

    @Override
    public CommandRunner runner() {
        return runner;
    }

    @Override
    public int ifindex(String device) {
        int i = LibC.C.if_nametoindex(device);
        return i == 0 ? -1 : i;
    }

    @Override
    public PacketSocket openPacketSocket(String device) throws IOException {
        int i = ifindex(device);
        if (i < 0) {
            throw new IOException("no network device " + device);
        }
        return PacketSocket.open(i);
    }
}
