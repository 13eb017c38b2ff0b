package io.jvirt.registry.connect;

import io.jvirt.api.Connect;
import io.jvirt.api.Interface;
import io.jvirt.spi.InterfaceRef;

/** A host interface handle: name and MAC address, as {@code virInterfacePtr}. */
final class InterfaceHandle implements Interface {
    private final ManagedConnection conn;
    private final InterfaceRef ref;

    InterfaceHandle(ManagedConnection conn, InterfaceRef ref) {
        this.conn = conn;
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
    public Connect getConnect() {
        return conn;
    }

    @Override
    public String getXMLDesc(boolean inactive) {
        return conn.iface("virInterfaceGetXMLDesc", d -> d.interfaceGetXMLDesc(ref, inactive ? 1 : 0));
    }

    @Override
    public boolean isActive() {
        return conn.iface("virInterfaceIsActive", d -> d.interfaceIsActive(ref));
    }

    @Override
    public void create() {
        conn.checkWritable("virInterfaceCreate");
        conn.iface("virInterfaceCreate", d -> {
            d.interfaceCreate(ref, 0);
            return null;
        });
    }

    @Override
    public void destroy() {
        conn.checkWritable("virInterfaceDestroy");
        conn.iface("virInterfaceDestroy", d -> {
            d.interfaceDestroy(ref, 0);
            return null;
        });
    }

    @Override
    public void undefine() {
        conn.checkWritable("virInterfaceUndefine");
        conn.iface("virInterfaceUndefine", d -> {
            d.interfaceUndefine(ref);
            return null;
        });
    }

    @Override
    public String toString() {
        return "Interface[" + ref.name() + ", " + ref.mac() + "]";
    }
}
