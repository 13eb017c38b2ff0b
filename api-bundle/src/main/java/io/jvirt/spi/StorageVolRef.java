package io.jvirt.spi;

import java.util.Objects;

/** How a driver names a storage volume: libvirt's {@code remote_nonnull_storage_vol}. */
public record StorageVolRef(String pool, String name, String key) {
    public StorageVolRef {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }
}
