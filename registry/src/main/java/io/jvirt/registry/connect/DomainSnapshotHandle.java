package io.jvirt.registry.connect;

import java.util.List;

import io.jvirt.api.DomainSnapshot;
import io.jvirt.api.DomainSnapshotDeleteFlag;
import io.jvirt.api.DomainSnapshotListFlag;
import io.jvirt.api.DomainSnapshotRevertFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.spi.DomainSnapshotRef;

/** A snapshot handle: its domain's handle and its name, as {@code virDomainSnapshotPtr}. */
final class DomainSnapshotHandle extends DomainChildHandle implements DomainSnapshot {
    DomainSnapshotHandle(ManagedConnection conn, DomainHandle domain, String name) {
        super(conn, domain, name, "DomainSnapshot");
    }

    DomainSnapshotRef ref() {
        return new DomainSnapshotRef(domain.ref(), name);
    }

    private DomainSnapshot wrap(DomainSnapshotRef r) {
        return new DomainSnapshotHandle(conn, domain, r.name());
    }

    @Override
    public String getXMLDesc(DomainXMLFlag... flags) {
        int mask = mask(flags);
        if ((mask & DomainXMLFlag.SECURE.bit()) != 0) {
            conn.checkSecureFlag("virDomainSnapshotGetXMLDesc");
        }
        return call("virDomainSnapshotGetXMLDesc", d -> d.domainSnapshotGetXMLDesc(ref(), mask));
    }

    @Override
    public DomainSnapshot getParent() {
        return wrap(call("virDomainSnapshotGetParent", d -> d.domainSnapshotGetParent(ref(), 0)));
    }

    @Override
    public boolean isCurrent() {
        return call("virDomainSnapshotIsCurrent", d -> d.domainSnapshotIsCurrent(ref(), 0));
    }

    @Override
    public boolean hasMetadata() {
        return call("virDomainSnapshotHasMetadata", d -> d.domainSnapshotHasMetadata(ref(), 0));
    }

    @Override
    public int numChildren(DomainSnapshotListFlag... flags) {
        int mask = mask(flags);
        return call("virDomainSnapshotNumChildren", d -> d.domainSnapshotNumChildren(ref(), mask));
    }

    @Override
    public List<DomainSnapshot> listAllChildren(DomainSnapshotListFlag... flags) {
        int mask = mask(flags);
        return call("virDomainSnapshotListAllChildren", d -> d.domainSnapshotListAllChildren(ref(), mask))
                .stream().map(this::wrap).toList();
    }

    @Override
    public void revert(DomainSnapshotRevertFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainRevertToSnapshot", d -> d.domainRevertToSnapshot(ref(), mask));
    }

    @Override
    public void delete(DomainSnapshotDeleteFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainSnapshotDelete", d -> d.domainSnapshotDelete(ref(), mask));
    }
}
