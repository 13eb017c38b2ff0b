package io.jvirt.spi;

import java.util.Objects;
import java.util.UUID;

/** How a driver names a domain: libvirt's {@code remote_nonnull_domain}; id is -1 when inactive. */
public record DomainRef(String name, UUID uuid, int id) {
    public DomainRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
