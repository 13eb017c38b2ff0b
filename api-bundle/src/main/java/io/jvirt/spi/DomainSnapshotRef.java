package io.jvirt.spi;

import java.util.Objects;

/** How a driver names a domain snapshot: libvirt's {@code remote_nonnull_domain_snapshot}. */
public record DomainSnapshotRef(DomainRef domain, String name) {
    public DomainSnapshotRef {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
    }
}
