package io.jvirt.registry.connect;

import java.util.List;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCheckpoint;
import io.jvirt.api.DomainCheckpointDeleteFlag;
import io.jvirt.api.DomainCheckpointListFlag;
import io.jvirt.spi.DomainCheckpointRef;

/** A checkpoint handle: its domain's handle and its name, as {@code virDomainCheckpointPtr}. */
final class DomainCheckpointHandle implements DomainCheckpoint {
    private final ManagedConnection conn;
    private final DomainHandle domain;
    private final String name;

    DomainCheckpointHandle(ManagedConnection conn, DomainHandle domain, String name) {
        this.conn = conn;
        this.domain = domain;
        this.name = name;
    }

    DomainCheckpointRef ref() {
        return new DomainCheckpointRef(domain.ref(), name);
    }

    private DomainCheckpoint wrap(DomainCheckpointRef r) {
        return new DomainCheckpointHandle(conn, domain, r.name());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Domain getDomain() {
        return domain;
    }

    @Override
    public String getXMLDesc(io.jvirt.api.DomainCheckpointXMLFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        if ((mask & 1) != 0) {
            conn.checkWritable("virDomainCheckpointGetXMLDesc"); // SECURE
        }
        return conn.hv("virDomainCheckpointGetXMLDesc", d -> d.domainCheckpointGetXMLDesc(ref(), mask));
    }

    @Override
    public DomainCheckpoint getParent() {
        return wrap(conn.hv("virDomainCheckpointGetParent", d -> d.domainCheckpointGetParent(ref(), 0)));
    }

    @Override
    public List<DomainCheckpoint> listAllChildren(DomainCheckpointListFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        return conn.hv("virDomainCheckpointListAllChildren", d -> d.domainCheckpointListAllChildren(ref(), mask))
                .stream().map(this::wrap).toList();
    }

    @Override
    public void delete(DomainCheckpointDeleteFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        conn.hvMutate("virDomainCheckpointDelete", d -> d.domainCheckpointDelete(ref(), mask));
    }

    @Override
    public String toString() {
        return "DomainCheckpoint[" + name + " of " + domain.getName() + "]";
    }
}
