package io.jvirt.registry.connect;

import java.util.List;

import io.jvirt.api.DomainCheckpoint;
import io.jvirt.api.DomainCheckpointDeleteFlag;
import io.jvirt.api.DomainCheckpointListFlag;
import io.jvirt.spi.DomainCheckpointRef;

/** A checkpoint handle: its domain's handle and its name, as {@code virDomainCheckpointPtr}. */
final class DomainCheckpointHandle extends DomainChildHandle implements DomainCheckpoint {
    DomainCheckpointHandle(ManagedConnection conn, DomainHandle domain, String name) {
        super(conn, domain, name, "DomainCheckpoint");
    }

    DomainCheckpointRef ref() {
        return new DomainCheckpointRef(domain.ref(), name);
    }

    private DomainCheckpoint wrap(DomainCheckpointRef r) {
        return new DomainCheckpointHandle(conn, domain, r.name());
    }

    @Override
    public String getXMLDesc(io.jvirt.api.DomainCheckpointXMLFlag... flags) {
        int mask = mask(flags);
        if ((mask & 1) != 0) {
            conn.checkSecureFlag("virDomainCheckpointGetXMLDesc"); // SECURE
        }
        return call("virDomainCheckpointGetXMLDesc", d -> d.domainCheckpointGetXMLDesc(ref(), mask));
    }

    @Override
    public DomainCheckpoint getParent() {
        return wrap(call("virDomainCheckpointGetParent", d -> d.domainCheckpointGetParent(ref(), 0)));
    }

    @Override
    public List<DomainCheckpoint> listAllChildren(DomainCheckpointListFlag... flags) {
        int mask = mask(flags);
        return call("virDomainCheckpointListAllChildren", d -> d.domainCheckpointListAllChildren(ref(), mask))
                .stream().map(this::wrap).toList();
    }

    @Override
    public void delete(DomainCheckpointDeleteFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainCheckpointDelete", d -> d.domainCheckpointDelete(ref(), mask));
    }
}
