package io.jvirt.spi;

import java.util.Objects;
import java.util.UUID;

/** How a driver names a network filter. */
public record NWFilterRef(String name, UUID uuid) {
    public NWFilterRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
