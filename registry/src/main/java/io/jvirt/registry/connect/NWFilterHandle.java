package io.jvirt.registry.connect;

import java.util.UUID;

import io.jvirt.api.NWFilter;
import io.jvirt.spi.NWFilterRef;
import io.jvirt.spi.NWFilterDriver;

/** A network filter handle ({@code virNWFilterPtr}). */
final class NWFilterHandle extends Handle<NWFilterDriver> implements NWFilter {
    private final NWFilterRef ref;

    NWFilterHandle(ManagedConnection conn, NWFilterRef ref) {
        super(conn, DriverKind.NWFILTER);
        this.ref = ref;
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
        return call("virNWFilterGetXMLDesc", d -> d.nwfilterGetXMLDesc(ref, 0));
    }

    @Override
    public void undefine() {
        mutate("virNWFilterUndefine", d -> d.nwfilterUndefine(ref));
    }
}
