package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.CheckpointProcedures.*;

import java.util.List;

import io.jvirt.api.DomainCheckpoint;
import io.jvirt.api.DomainCheckpointCreateFlag;
import io.jvirt.api.DomainCheckpointDeleteFlag;
import io.jvirt.api.DomainCheckpointListFlag;
import io.jvirt.api.DomainCheckpointXMLFlag;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.DomainProcedures;
import io.jvirt.rpc.remote.RemoteStructs.NonnullDomainCheckpoint;

/** The domain checkpoint procedures. */
public final class CheckpointHandlers {
    private CheckpointHandlers() {
    }

    static DomainCheckpoint checkpoint(Client c, NonnullDomainCheckpoint cp) {
        return DomainHandlers.dom(c, cp.dom()).checkpoint(cp.name());
    }

    static NonnullDomainCheckpoint remote(DomainCheckpoint cp) {
        return new NonnullDomainCheckpoint(cp.getName(), DomainHandlers.remote(cp.getDomain()));
    }

    public static void register(Dispatcher d) {
        d.on(DOMAIN_CHECKPOINT_CREATE_XML, (c, a) -> new DomainCheckpointCreateXmlRet(remote(DomainHandlers
                .dom(c, a.dom()).checkpointCreateXML(a.xmlDesc(),
                        Flags.of(DomainCheckpointCreateFlag.class, a.flags(), "virDomainCheckpointCreateXML")))));
        d.on(DomainProcedures.DOMAIN_LIST_ALL_CHECKPOINTS, (c, a) -> {
            List<DomainCheckpoint> all = DomainHandlers.dom(c, a.dom()).listAllCheckpoints(
                    Flags.of(DomainCheckpointListFlag.class, a.flags(), "virDomainListAllCheckpoints"));
            return new DomainProcedures.DomainListAllCheckpointsRet(
                    a.needResults() != 0 ? all.stream().map(CheckpointHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(DOMAIN_CHECKPOINT_LOOKUP_BY_NAME, (c, a) -> {
            Flags.none(a.flags(), "virDomainCheckpointLookupByName");
            return new DomainCheckpointLookupByNameRet(remote(DomainHandlers.dom(c, a.dom())
                    .checkpointLookupByName(a.name())));
        });
        d.on(DOMAIN_CHECKPOINT_GET_XML_DESC, (c, a) -> new DomainCheckpointGetXmlDescRet(checkpoint(c, a.checkpoint())
                .getXMLDesc(Flags.of(DomainCheckpointXMLFlag.class, a.flags(), "virDomainCheckpointGetXMLDesc"))));
        d.on(DOMAIN_CHECKPOINT_GET_PARENT, (c, a) -> {
            Flags.none(a.flags(), "virDomainCheckpointGetParent");
            return new DomainCheckpointGetParentRet(remote(checkpoint(c, a.checkpoint()).getParent()));
        });
        d.on(DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN, (c, a) -> {
            List<DomainCheckpoint> all = checkpoint(c, a.checkpoint()).listAllChildren(
                    Flags.of(DomainCheckpointListFlag.class, a.flags(), "virDomainCheckpointListAllChildren"));
            return new DomainCheckpointListAllChildrenRet(
                    a.needResults() != 0 ? all.stream().map(CheckpointHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(DOMAIN_CHECKPOINT_DELETE, (c, a) -> {
            checkpoint(c, a.checkpoint()).delete(
                    Flags.of(DomainCheckpointDeleteFlag.class, a.flags(), "virDomainCheckpointDelete"));
            return null;
        });
    }
}
