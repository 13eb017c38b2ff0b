package io.jvirt.spi;

import java.util.Objects;

/** How a driver names a domain checkpoint: libvirt's {@code remote_nonnull_domain_checkpoint}. */
public record DomainCheckpointRef(DomainRef domain, String name) {
    public DomainCheckpointRef {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
    }
}
