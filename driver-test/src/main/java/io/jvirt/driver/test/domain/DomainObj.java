package io.jvirt.driver.test.domain;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import io.jvirt.api.DomainState;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.spi.DomainRef;

/**
 * One domain of a test state: libvirt's {@code virDomainObj}. Every field is guarded by
 * {@link #lock}; {@code name} and {@code uuid} never change.
 */
public final class DomainObj {
    final ReentrantLock lock = new ReentrantLock();
    final String name;
    final UUID uuid;
    /** The live definition while active, otherwise the persistent one. */
    DomainDef def;
    /** The persistent definition while a persistent domain is active (libvirt's newDef), else null. */
    DomainDef newDef;
    DomainState state = DomainState.SHUTOFF;
    int reason;
    int id = -1;
    boolean persistent;
    boolean autostart;
    boolean hasManagedSave;
    /** Guest file systems frozen by fsFreeze (the test driver's guest has / and /boot). */
    final java.util.Set<String> frozen = new java.util.TreeSet<>();
    final Snapshots snapshots = new Snapshots();
    /** IOThread pinning of the live definition (IOThread ID to CPUs); unpinned threads are absent. */
    final java.util.Map<Integer, java.util.BitSet> ioThreadPins = new java.util.TreeMap<>();
    /**
     * IOThread polling parameters the domain statistics report (libvirt's test driver keeps them
     * apart from the definition): made for the domains of a node file, added and removed with
     * their IOThreads, changed by iothreadset. In adding order.
     */
    final java.util.List<IOThreadPolling> ioThreadPolling = new java.util.ArrayList<>();

    /** One IOThread's polling parameters; a new one polls up to 32768 ns and neither grows nor shrinks. */
    static final class IOThreadPolling {
        final int id;
        long maxNs = 32768;
        int grow;
        int shrink;

        IOThreadPolling(int id) {
            this.id = id;
        }
    }

    final Checkpoints checkpoints = new Checkpoints();
    /** Set when the domain left the list: a caller holding it must look it up again. */
    boolean removed;

    DomainObj(DomainDef def) {
        this.def = def;
        this.name = def.name();
        this.uuid = UUID.fromString(def.uuid());
    }

    boolean isActive() {
        return id > 0;
    }

    DomainRef ref() {
        return new DomainRef(name, uuid, id);
    }

    void setState(DomainState s, int r) {
        this.state = s;
        this.reason = r;
    }

    /** The persistent definition: newDef while active, def otherwise. */
    DomainDef persistentDef() {
        return newDef != null ? newDef : def;
    }
}
