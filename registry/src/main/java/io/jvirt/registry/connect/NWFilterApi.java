package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.jvirt.api.NWFilter;
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
}
