package io.jvirt.driver.test.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.spi.StoragePoolRef;

/** One storage pool and its volumes (libvirt's virStoragePoolObj); guarded by {@link #lock}. */
final class PoolObj {
    final ReentrantLock lock = new ReentrantLock();
    final String name;
    StoragePoolDef def;
    boolean active;
    boolean persistent;
    boolean autostart;
    boolean removed;
    /** Volumes by name, in creation order. */
    final Map<String, StorageVolDef> volumes = new LinkedHashMap<>();

    PoolObj(StoragePoolDef def) {
        this.def = def;
        this.name = def.name();
    }

    StoragePoolRef ref() {
        return new StoragePoolRef(name, def.uuid());
    }
}
