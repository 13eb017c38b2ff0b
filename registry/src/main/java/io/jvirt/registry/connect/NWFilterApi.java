package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.jvirt.api.BitFlag;
import io.jvirt.api.NWFilter;
import io.jvirt.api.NWFilterBinding;
import io.jvirt.api.NWFilterBindingCreateFlag;
import io.jvirt.spi.NWFilterBindingRef;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NWFilterRef;

/** The network filter calls of {@code Connect}, on the connection's nwfilter driver. */
final class NWFilterApi {
    private final ManagedConnection conn;

    NWFilterApi(ManagedConnection conn) {
        this.conn = conn;
    }

    private <R> R nwfilter(String api, Function<NWFilterDriver, R> call) {
        return conn.call(DriverKind.NWFILTER, api, call);
    }

    private NWFilter handle(NWFilterRef ref) {
        return new NWFilterHandle(conn, ref);
    }

    NWFilter nwfilter(String name, UUID uuid) {
        return handle(new NWFilterRef(name, uuid));
    }

    NWFilter lookupByName(String name) {
        return handle(nwfilter("virNWFilterLookupByName", d -> d.nwfilterLookupByName(name)));
    }

    NWFilter lookupByUUID(UUID uuid) {
        return handle(nwfilter("virNWFilterLookupByUUID", d -> d.nwfilterLookupByUUID(uuid)));
    }

    List<NWFilter> listAll() {
        return nwfilter("virConnectListAllNWFilters", d -> d.connectListAllNWFilters(0)).stream().map(this::handle).collect(Collectors.toCollection(ArrayList::new));
    }

    NWFilter defineXML(String xml) {
        conn.checkWritable("virNWFilterDefineXML");
        return handle(nwfilter("virNWFilterDefineXML", d -> d.nwfilterDefineXML(xml, 0)));
    }

    // --- bindings

    private NWFilterBinding binding(NWFilterBindingRef ref) {
        return new NWFilterBindingHandle(conn, ref);
    }

    NWFilterBinding binding(String portDev, String filterName) {
        return binding(new NWFilterBindingRef(portDev, filterName));
    }

    NWFilterBinding bindingCreateXML(String xml, NWFilterBindingCreateFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        conn.checkWritable("virNWFilterBindingCreateXML");
        return binding(nwfilter("virNWFilterBindingCreateXML", d -> d.nwfilterBindingCreateXML(xml, mask)));
    }

    NWFilterBinding bindingLookupByPortDev(String portDev) {
        return binding(nwfilter("virNWFilterBindingLookupByPortDev", d -> d.nwfilterBindingLookupByPortDev(portDev)));
    }

    List<NWFilterBinding> listAllBindings() {
        return nwfilter("virConnectListAllNWFilterBindings", d -> d.connectListAllNWFilterBindings(0)).stream()
                .map(this::binding).collect(Collectors.toCollection(ArrayList::new));
    }
}
