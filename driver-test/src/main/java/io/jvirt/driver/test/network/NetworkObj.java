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

    NetworkObj(NetworkDef def) {
        this.def = def;
        this.name = def.name();
        this.uuid = UUID.fromString(def.uuid());
    }

    NetworkRef ref() {
        return new NetworkRef(name, uuid);
    }
}
