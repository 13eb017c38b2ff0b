package io.jvirt.network.nwfilter;

import io.jvirt.testsupport.NetNs;

/**
 * The topology of the namespace tests: in {@code host}, a bridge {@code br0} with {@code vnet0} (a
 * veth standing in for a guest's tap, whose other end is {@code eth0} in {@code guest}) and
 * {@code vpeer} (to {@code eth0} in {@code peer}, 10.0.0.1/24).
 */
final class BridgedGuest {
    private BridgedGuest() {
    }

    /** Wires the three namespaces; the guest's {@code eth0} gets {@code mac} and, unless null, {@code address}. */
    static void wire(NetNs host, NetNs guest, NetNs peer, String mac, String address) throws Exception {
        host.exec("ip", "link", "add", "br0", "type", "bridge");
        host.exec("ip", "link", "set", "br0", "up");
        host.exec("ip", "link", "add", "vnet0", "type", "veth", "peer", "name", "eth0", "netns", guest.name);
        host.exec("ip", "link", "add", "vpeer", "type", "veth", "peer", "name", "eth0", "netns", peer.name);
        for (String dev : new String[] {"vnet0", "vpeer"}) {
            host.exec("ip", "link", "set", dev, "master", "br0");
            host.exec("ip", "link", "set", dev, "up");
        }
        guest.exec("ip", "link", "set", "eth0", "address", mac);
        if (address != null) {
            guest.exec("ip", "addr", "add", address, "dev", "eth0");
        }
        guest.exec("ip", "link", "set", "eth0", "up");
        peer.exec("ip", "addr", "add", "10.0.0.1/24", "dev", "eth0");
        peer.exec("ip", "link", "set", "eth0", "up");
    }
}
