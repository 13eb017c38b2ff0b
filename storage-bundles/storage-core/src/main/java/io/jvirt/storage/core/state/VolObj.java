package io.jvirt.storage.core.state;

import io.jvirt.conf.storage.StorageVolDef;

/** A volume of a pool: its definition, and what the driver is doing with it (libvirt's {@code in_use}, {@code building}). */
final class VolObj {
    StorageVolDef def;
    int inUse;
    boolean building;

    VolObj(StorageVolDef def) {
        this.def = def;
    }
}
