package io.jvirt.driver.test.network;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import io.jvirt.conf.network.NetworkDef;
import io.jvirt.spi.NetworkRef;

/** One network of a test state (libvirt's virNetworkObj); fields guarded by {@link #lock}. */
final class NetworkObj {
    final ReentrantLock lock = new ReentrantLock();
    final String name;
    final UUID uuid;
    NetworkDef def;
    /** The persistent definition while active after a redefine, else null. */
    NetworkDef newDef;
    boolean active;
    boolean persistent;
    boolean autostart;
    boolean removed;
    /** The ports of the active network, by UUID (libvirt keeps them in the network's status). */
    final java.util.Map<UUID, io.jvirt.conf.network.NetworkPortDef> ports = new java.util.TreeMap<>();
    /** Ports plugged (the live XML's {@code connections}). */
    int connections;
    /** Ports per forward device (direct and hostdev plugs), by device name or PCI address text. */
    final java.util.Map<String, Integer> deviceConnections = new java.util.HashMap<>();
    /** The forward device each such port holds. */
    final java.util.Map<UUID, String> portDevices = new java.util.HashMap<>();
    /** The sum of the inbound floors of the ports (QoS networks only). */
    long floorSum;
    /** Bandwidth class ids given to ports with a floor; 0 to 2 are the network's own. */
    final java.util.BitSet classIds = new java.util.BitSet();

    NetworkObj(NetworkDef def) {
        this.def = def;
        this.name = def.name();
        this.uuid = UUID.fromString(def.uuid());
    }

    NetworkRef ref() {
        return new NetworkRef(name, uuid);
    }
}
