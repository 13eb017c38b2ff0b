package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.NWFilterProcedures.*;

import java.util.List;

import io.jvirt.api.NWFilter;
import io.jvirt.api.NWFilterBinding;
import io.jvirt.api.NWFilterBindingCreateFlag;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.RemoteStructs.NonnullNwfilterBinding;
import io.jvirt.rpc.remote.RemoteTypes.RemoteNWFilter;

/** The network filter procedures. */
public final class NWFilterHandlers {
    private NWFilterHandlers() {
    }

    static NWFilter filter(Client c, RemoteNWFilter f) {
        return c.connect().nwfilter(f.name(), f.uuid());
    }

    static RemoteNWFilter remote(NWFilter f) {
        return new RemoteNWFilter(f.getName(), f.getUUID());
    }

    static NWFilterBinding binding(Client c, NonnullNwfilterBinding b) {
        return c.connect().nwfilterBinding(b.portdev(), b.filtername());
    }

    static NonnullNwfilterBinding remote(NWFilterBinding b) {
        return new NonnullNwfilterBinding(b.getPortDev(), b.getFilterName());
    }

    public static void register(Dispatcher d) {
        d.on(CONNECT_NUM_OF_NWFILTERS, Legacy.as("virConnectNumOfNWFilters", (c, a) -> new ConnectNumOfNwfiltersRet(c.connect().listAllNWFilters().size())));
        d.on(CONNECT_LIST_NWFILTERS, Legacy.as("virConnectListNWFilters", (c, a) -> new ConnectListNwfiltersRet(c.connect().listAllNWFilters().stream()
                .map(NWFilter::getName).limit(Math.max(0, a.maxnames())).toList())));
        d.on(CONNECT_LIST_ALL_NWFILTERS, (c, a) -> {
            Flags.none(a.flags(), "virConnectListAllNWFilters");
            List<NWFilter> all = c.connect().listAllNWFilters();
            return new ConnectListAllNwfiltersRet(
                    a.needResults() != 0 ? all.stream().map(NWFilterHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(NWFILTER_LOOKUP_BY_NAME,
                (c, a) -> new NwfilterLookupByNameRet(remote(c.connect().nwfilterLookupByName(a.name()))));
        d.on(NWFILTER_LOOKUP_BY_UUID,
                (c, a) -> new NwfilterLookupByUuidRet(remote(c.connect().nwfilterLookupByUUID(a.uuid()))));
        d.on(NWFILTER_DEFINE_XML, (c, a) -> new NwfilterDefineXmlRet(remote(c.connect().nwfilterDefineXML(a.xml()))));
        d.on(NWFILTER_GET_XML_DESC, (c, a) -> {
            Flags.none(a.flags(), "virNWFilterGetXMLDesc");
            return new NwfilterGetXmlDescRet(filter(c, a.nwfilter()).getXMLDesc());
        });
        d.on(NWFILTER_UNDEFINE, (c, a) -> {
            filter(c, a.nwfilter()).undefine();
            return null;
        });

        // bindings
        d.on(NWFILTER_BINDING_CREATE_XML, (c, a) -> new NwfilterBindingCreateXmlRet(remote(c.connect()
                .nwfilterBindingCreateXML(a.xml(),
                        Flags.of(NWFilterBindingCreateFlag.class, a.flags(), "virNWFilterBindingCreateXML")))));
        d.on(NWFILTER_BINDING_LOOKUP_BY_PORT_DEV, (c, a) -> new NwfilterBindingLookupByPortDevRet(
                remote(c.connect().nwfilterBindingLookupByPortDev(a.name()))));
        d.on(CONNECT_LIST_ALL_NWFILTER_BINDINGS, (c, a) -> {
            Flags.none(a.flags(), "virConnectListAllNWFilterBindings");
            List<NWFilterBinding> all = c.connect().listAllNWFilterBindings();
            return new ConnectListAllNwfilterBindingsRet(
                    a.needResults() != 0 ? all.stream().map(NWFilterHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(NWFILTER_BINDING_GET_XML_DESC, (c, a) -> {
            Flags.none(a.flags(), "virNWFilterBindingGetXMLDesc");
            return new NwfilterBindingGetXmlDescRet(binding(c, a.nwfilter()).getXMLDesc());
        });
        d.on(NWFILTER_BINDING_DELETE, (c, a) -> {
            binding(c, a.nwfilter()).delete();
            return null;
        });
    }
}
