package io.jvirt.registry.connect;

import java.util.UUID;

import io.jvirt.api.Connect;
import io.jvirt.api.NWFilter;
import io.jvirt.spi.NWFilterRef;

/** A network filter handle ({@code virNWFilterPtr}). */
final class NWFilterHandle implements NWFilter {
    private final ManagedConnection conn;
    private final NWFilterRef ref;

    NWFilterHandle(ManagedConnection conn, NWFilterRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    @Override
    public Connect getConnect() {
        return conn;
    }

    @Override
    public String getName() {
        return ref.name();
    }

    @Override
    public UUID getUUID() {
        return ref.uuid();
    }

    @Override
    public String getXMLDesc() {
        return conn.nwfilter("virNWFilterGetXMLDesc", d -> d.nwfilterGetXMLDesc(ref, 0));
    }

    @Override
    public void undefine() {
        conn.nwfilterMutate("virNWFilterUndefine", d -> d.nwfilterUndefine(ref));
    }
}
