package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.SnapshotProcedures.*;

import java.util.List;

import io.jvirt.api.Domain;
import io.jvirt.api.DomainSnapshot;
import io.jvirt.api.DomainSnapshotCreateFlag;
import io.jvirt.api.DomainSnapshotDeleteFlag;
import io.jvirt.api.DomainSnapshotListFlag;
import io.jvirt.api.DomainSnapshotRevertFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.DomainProcedures;
import io.jvirt.rpc.remote.RemoteStructs.NonnullDomainSnapshot;

/** The domain snapshot procedures. */
public final class SnapshotHandlers {
    private SnapshotHandlers() {
    }

    static DomainSnapshot snap(Client c, NonnullDomainSnapshot s) {
        return DomainHandlers.dom(c, s.dom()).snapshot(s.name());
    }

    static NonnullDomainSnapshot remote(DomainSnapshot s) {
        return new NonnullDomainSnapshot(s.getName(), DomainHandlers.remote(s.getDomain()));
    }

    private static DomainSnapshotListFlag[] list(int flags, String api) {
        return Flags.of(DomainSnapshotListFlag.class, flags, api);
    }

    public static void register(Dispatcher d) {
        d.on(DOMAIN_SNAPSHOT_CREATE_XML, (c, a) -> new DomainSnapshotCreateXmlRet(remote(DomainHandlers.dom(c, a.dom())
                .snapshotCreateXML(a.xmlDesc(),
                        Flags.of(DomainSnapshotCreateFlag.class, a.flags(), "virDomainSnapshotCreateXML")))));
        d.on(DomainProcedures.DOMAIN_LIST_ALL_SNAPSHOTS, (c, a) -> {
            List<DomainSnapshot> all = DomainHandlers.dom(c, a.dom())
                    .listAllSnapshots(list(a.flags(), "virDomainListAllSnapshots"));
            return new DomainProcedures.DomainListAllSnapshotsRet(
                    a.needResults() != 0 ? all.stream().map(SnapshotHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(DOMAIN_SNAPSHOT_NUM, (c, a) -> new DomainSnapshotNumRet(
                DomainHandlers.dom(c, a.dom()).snapshotNum(list(a.flags(), "virDomainSnapshotNum"))));
        d.on(DOMAIN_SNAPSHOT_LIST_NAMES, (c, a) -> new DomainSnapshotListNamesRet(DomainHandlers.dom(c, a.dom())
                .listAllSnapshots(list(a.flags(), "virDomainSnapshotListNames")).stream().map(DomainSnapshot::getName)
                .limit(Math.max(0, a.maxnames())).toList()));
        d.on(DOMAIN_SNAPSHOT_LOOKUP_BY_NAME, (c, a) -> {
            Flags.none(a.flags(), "virDomainSnapshotLookupByName");
            return new DomainSnapshotLookupByNameRet(remote(DomainHandlers.dom(c, a.dom()).snapshotLookupByName(a.name())));
        });
        d.on(DomainProcedures.DOMAIN_HAS_CURRENT_SNAPSHOT, (c, a) -> {
            Flags.none(a.flags(), "virDomainHasCurrentSnapshot");
            return new DomainProcedures.DomainHasCurrentSnapshotRet(
                    Flags.bool(DomainHandlers.dom(c, a.dom()).hasCurrentSnapshot()));
        });
        d.on(DOMAIN_SNAPSHOT_CURRENT, (c, a) -> {
            Flags.none(a.flags(), "virDomainSnapshotCurrent");
            return new DomainSnapshotCurrentRet(remote(DomainHandlers.dom(c, a.dom()).snapshotCurrent()));
        });
        d.on(DOMAIN_SNAPSHOT_GET_XML_DESC, (c, a) -> new DomainSnapshotGetXmlDescRet(snap(c, a.snap())
                .getXMLDesc(Flags.of(DomainXMLFlag.class, a.flags(), "virDomainSnapshotGetXMLDesc"))));
        d.on(DOMAIN_SNAPSHOT_GET_PARENT, (c, a) -> {
            Flags.none(a.flags(), "virDomainSnapshotGetParent");
            return new DomainSnapshotGetParentRet(remote(snap(c, a.snap()).getParent()));
        });
        d.on(DOMAIN_SNAPSHOT_IS_CURRENT, (c, a) -> {
            Flags.none(a.flags(), "virDomainSnapshotIsCurrent");
            return new DomainSnapshotIsCurrentRet(Flags.bool(snap(c, a.snap()).isCurrent()));
        });
        d.on(DOMAIN_SNAPSHOT_HAS_METADATA, (c, a) -> {
            Flags.none(a.flags(), "virDomainSnapshotHasMetadata");
            return new DomainSnapshotHasMetadataRet(Flags.bool(snap(c, a.snap()).hasMetadata()));
        });
        d.on(DOMAIN_SNAPSHOT_NUM_CHILDREN, (c, a) -> new DomainSnapshotNumChildrenRet(
                snap(c, a.snap()).numChildren(list(a.flags(), "virDomainSnapshotNumChildren"))));
        d.on(DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES, (c, a) -> new DomainSnapshotListChildrenNamesRet(snap(c, a.snap())
                .listAllChildren(list(a.flags(), "virDomainSnapshotListChildrenNames")).stream()
                .map(DomainSnapshot::getName).limit(Math.max(0, a.maxnames())).toList()));
        d.on(DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN, (c, a) -> {
            List<DomainSnapshot> all = snap(c, a.snapshot())
                    .listAllChildren(list(a.flags(), "virDomainSnapshotListAllChildren"));
            return new DomainSnapshotListAllChildrenRet(
                    a.needResults() != 0 ? all.stream().map(SnapshotHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(DomainProcedures.DOMAIN_REVERT_TO_SNAPSHOT, (c, a) -> {
            snap(c, a.snap()).revert(Flags.of(DomainSnapshotRevertFlag.class, a.flags(), "virDomainRevertToSnapshot"));
            return null;
        });
        d.on(DOMAIN_SNAPSHOT_DELETE, (c, a) -> {
            snap(c, a.snap()).delete(Flags.of(DomainSnapshotDeleteFlag.class, a.flags(), "virDomainSnapshotDelete"));
            return null;
        });
    }
}
