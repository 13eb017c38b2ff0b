package io.jvirt.spi;

import java.util.Objects;
import java.util.UUID;

/** How a driver names a network. */
public record NetworkRef(String name, UUID uuid) {
    public NetworkRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
