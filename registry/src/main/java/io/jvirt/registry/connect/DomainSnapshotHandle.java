package io.jvirt.registry.connect;

import java.util.List;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainSnapshot;
import io.jvirt.api.DomainSnapshotDeleteFlag;
import io.jvirt.api.DomainSnapshotListFlag;
import io.jvirt.api.DomainSnapshotRevertFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.spi.DomainSnapshotRef;

/** A snapshot handle: its domain's handle and its name, as {@code virDomainSnapshotPtr}. */
final class DomainSnapshotHandle implements DomainSnapshot {
    private final ManagedConnection conn;
    private final DomainHandle domain;
    private final String name;

    DomainSnapshotHandle(ManagedConnection conn, DomainHandle domain, String name) {
        this.conn = conn;
        this.domain = domain;
        this.name = name;
    }

    DomainSnapshotRef ref() {
        return new DomainSnapshotRef(domain.ref(), name);
    }

    private DomainSnapshot wrap(DomainSnapshotRef r) {
        return new DomainSnapshotHandle(conn, domain, r.name());
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
    public String getXMLDesc(DomainXMLFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        if ((mask & DomainXMLFlag.SECURE.bit()) != 0) {
            conn.checkWritable("virDomainSnapshotGetXMLDesc");
        }
        return conn.hv("virDomainSnapshotGetXMLDesc", d -> d.domainSnapshotGetXMLDesc(ref(), mask));
    }

    @Override
    public DomainSnapshot getParent() {
        return wrap(conn.hv("virDomainSnapshotGetParent", d -> d.domainSnapshotGetParent(ref(), 0)));
    }

    @Override
    public boolean isCurrent() {
        return conn.hv("virDomainSnapshotIsCurrent", d -> d.domainSnapshotIsCurrent(ref(), 0));
    }

    @Override
    public boolean hasMetadata() {
        return conn.hv("virDomainSnapshotHasMetadata", d -> d.domainSnapshotHasMetadata(ref(), 0));
    }

    @Override
    public int numChildren(DomainSnapshotListFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        return conn.hv("virDomainSnapshotNumChildren", d -> d.domainSnapshotNumChildren(ref(), mask));
    }

    @Override
    public List<DomainSnapshot> listAllChildren(DomainSnapshotListFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        return conn.hv("virDomainSnapshotListAllChildren", d -> d.domainSnapshotListAllChildren(ref(), mask))
                .stream().map(this::wrap).toList();
    }

    @Override
    public void revert(DomainSnapshotRevertFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        conn.hvMutate("virDomainRevertToSnapshot", d -> d.domainRevertToSnapshot(ref(), mask));
    }

    @Override
    public void delete(DomainSnapshotDeleteFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        conn.hvMutate("virDomainSnapshotDelete", d -> d.domainSnapshotDelete(ref(), mask));
    }

    @Override
    public String toString() {
        return "DomainSnapshot[" + name + " of " + domain.getName() + "]";
    }
}
