package io.jvirt.storage.backend;

import java.util.List;

import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StorageVolDef;

/**
 * What a backend found when it refreshed a pool: the pool's definition with the sizes (and the
 * target permissions, source extents, ... it learned) and its volumes, in the order to list them.
 */
public record PoolRefresh(StoragePoolDef pool, List<StorageVolDef> volumes) {
    public PoolRefresh {
        volumes = List.copyOf(volumes);
    }
}
