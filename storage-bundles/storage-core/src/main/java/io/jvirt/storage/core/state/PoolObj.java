package io.jvirt.storage.core.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.spi.StoragePoolRef;

/**
 * One pool of a scope, libvirt's {@code virStoragePoolObj}: the definition in use ({@code def}, the
 * live one while active), the persistent definition waiting for the pool to stop ({@code newDef}),
 * whether it is persistent, active, starting, autostarted, how many jobs run on it without its lock,
 * and its volumes in listing order. Guarded by {@link #lock}.
 */
final class PoolObj {
    final ReentrantLock lock = new ReentrantLock();
    volatile StoragePoolDef def;
    StoragePoolDef newDef;
    boolean persistent;
    boolean active;
    boolean starting;
    boolean autostart;
    int asyncJobs;
    /** Set once the pool has left the scope's table: callers holding it look again. */
    boolean removed;
    /** Active according to its status file, not yet checked by its backend (absent so far). */
    boolean unchecked;
    final Map<String, VolObj> volumes = new LinkedHashMap<>();

    PoolObj(StoragePoolDef def) {
        this.def = def;
    }

    String name() {
        return def.name();
    }

    StoragePoolRef ref() {
        return new StoragePoolRef(def.name(), def.uuid());
    }
}
