package io.jvirt.registry.connect;

import io.jvirt.api.NWFilterBinding;
import io.jvirt.spi.NWFilterBindingRef;
import io.jvirt.spi.NWFilterDriver;

/** A network filter binding handle ({@code virNWFilterBindingPtr}), named by its port device. */
final class NWFilterBindingHandle extends Handle<NWFilterDriver> implements NWFilterBinding {
    private final NWFilterBindingRef ref;

    NWFilterBindingHandle(ManagedConnection conn, NWFilterBindingRef ref) {
        super(conn, DriverKind.NWFILTER);
        this.ref = ref;
    }

    @Override
    public String getPortDev() {
        return ref.portDev();
    }

    @Override
    public String getFilterName() {
        return ref.filterName();
    }

    @Override
    public String getXMLDesc() {
        return call("virNWFilterBindingGetXMLDesc", d -> d.nwfilterBindingGetXMLDesc(ref, 0));
    }

    @Override
    public void delete() {
        mutate("virNWFilterBindingDelete", d -> d.nwfilterBindingDelete(ref));
    }

    @Override
    public String toString() {
        return "NWFilterBinding[" + ref.portDev() + " -> " + ref.filterName() + "]";
    }
}
