package io.jvirt.registry.connect;

import io.jvirt.api.Interface;
import io.jvirt.spi.InterfaceRef;
import io.jvirt.spi.InterfaceDriver;

/** A host interface handle: name and MAC address, as {@code virInterfacePtr}. */
final class InterfaceHandle extends Handle<InterfaceDriver> implements Interface {
    private final InterfaceRef ref;

    InterfaceHandle(ManagedConnection conn, InterfaceRef ref) {
        super(conn, DriverKind.INTERFACE);
        this.ref = ref;
    }

    @Override
    public String getName() {
        return ref.name();
    }

    @Override
    public String getMACString() {
        return ref.mac();
    }

    @Override
    public String getXMLDesc(boolean inactive) {
        return call("virInterfaceGetXMLDesc", d -> d.interfaceGetXMLDesc(ref, inactive ? 1 : 0));
    }

    @Override
    public boolean isActive() {
        return call("virInterfaceIsActive", d -> d.interfaceIsActive(ref));
    }

    @Override
    public void create() {
        mutate("virInterfaceCreate", d -> d.interfaceCreate(ref, 0));
    }

    @Override
    public void destroy() {
        mutate("virInterfaceDestroy", d -> d.interfaceDestroy(ref, 0));
    }

    @Override
    public void undefine() {
        mutate("virInterfaceUndefine", d -> d.interfaceUndefine(ref));
    }

    @Override
    public String toString() {
        return "Interface[" + ref.name() + ", " + ref.mac() + "]";
    }
}
