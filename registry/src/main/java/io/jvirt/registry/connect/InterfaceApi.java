package io.jvirt.registry.connect;

import java.util.List;
import java.util.function.Function;

import io.jvirt.api.Interface;
import io.jvirt.spi.InterfaceDriver;
import io.jvirt.spi.InterfaceRef;

/** The host interface calls of {@code Connect}, on the connection's interface driver. */
final class InterfaceApi {
    private final ManagedConnection conn;

    InterfaceApi(ManagedConnection conn) {
        this.conn = conn;
    }

    private <R> R iface(String api, Function<InterfaceDriver, R> call) {
        return conn.call(DriverKind.INTERFACE, api, call);
    }

    private Interface handle(InterfaceRef ref) {
        return new InterfaceHandle(conn, ref);
    }

    Interface interfaceHandle(String name, String mac) {
        return handle(new InterfaceRef(name, mac));
    }

    List<Interface> listAll(int flags) {
        return iface("virConnectListAllInterfaces", d -> d.connectListAllInterfaces(flags)).stream().map(this::handle)
                .toList();
    }

    Interface lookupByName(String name) {
        return handle(iface("virInterfaceLookupByName", d -> d.interfaceLookupByName(name)));
    }

    Interface lookupByMACString(String mac) {
        return handle(iface("virInterfaceLookupByMACString", d -> d.interfaceLookupByMACString(mac)));
    }

    Interface defineXML(String xml) {
        conn.checkWritable("virInterfaceDefineXML");
        return handle(iface("virInterfaceDefineXML", d -> d.interfaceDefineXML(xml, 0)));
    }

    void changeBegin() {
        conn.mutate(DriverKind.INTERFACE, "virInterfaceChangeBegin", d -> d.interfaceChangeBegin(0));
    }

    void changeCommit() {
        conn.mutate(DriverKind.INTERFACE, "virInterfaceChangeCommit", d -> d.interfaceChangeCommit(0));
    }

    void changeRollback() {
        conn.mutate(DriverKind.INTERFACE, "virInterfaceChangeRollback", d -> d.interfaceChangeRollback(0));
    }
}
