package io.jvirt.spi;

import java.util.Objects;
import java.util.UUID;

/** How a driver names a storage pool. */
public record StoragePoolRef(String name, UUID uuid) {
    public StoragePoolRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
