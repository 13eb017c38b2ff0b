package io.jvirt.spi;

import java.util.Objects;
import java.util.UUID;

/** How a driver names a network port: its network and its UUID. */
public record NetworkPortRef(NetworkRef network, UUID uuid) {
    public NetworkPortRef {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(uuid, "uuid");
    }
}
