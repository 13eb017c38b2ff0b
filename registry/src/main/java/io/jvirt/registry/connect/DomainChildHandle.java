package io.jvirt.registry.connect;

import io.jvirt.api.Domain;
import io.jvirt.spi.HypervisorDriver;

/**
 * A handle named within its domain (snapshot, checkpoint): the domain's handle and its own name.
 * Its ref is built per call from the domain's current ref, which follows create and rename.
 */
abstract class DomainChildHandle extends Handle<HypervisorDriver> {
    final DomainHandle domain;
    final String name;
    private final String kind;

    DomainChildHandle(ManagedConnection conn, DomainHandle domain, String name, String kind) {
        super(conn, DriverKind.HYPERVISOR);
        this.domain = domain;
        this.name = name;
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public Domain getDomain() {
        return domain;
    }

    @Override
    public String toString() {
        return kind + "[" + name + " of " + domain.getName() + "]";
    }
}
