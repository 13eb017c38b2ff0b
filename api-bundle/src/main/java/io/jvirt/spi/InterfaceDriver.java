package io.jvirt.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Host interfaces: libvirt's {@code virInterfaceDriver}, returned by
 * {@link HypervisorDriver#interfaceDriver()} (the test driver brings its own).
 */
@ConsumerType
public interface InterfaceDriver {
    default List<InterfaceRef> connectListAllInterfaces(int flags) {
        throw Unsupported.api("virConnectListAllInterfaces");
    }

    default InterfaceRef interfaceLookupByName(String name) {
        throw Unsupported.api("virInterfaceLookupByName");
    }

    default InterfaceRef interfaceLookupByMACString(String mac) {
        throw Unsupported.api("virInterfaceLookupByMACString");
    }

    default InterfaceRef interfaceDefineXML(String xml, int flags) {
        throw Unsupported.api("virInterfaceDefineXML");
    }

    default void interfaceUndefine(InterfaceRef iface) {
        throw Unsupported.api("virInterfaceUndefine");
    }

    default void interfaceCreate(InterfaceRef iface, int flags) {
        throw Unsupported.api("virInterfaceCreate");
    }

    default void interfaceDestroy(InterfaceRef iface, int flags) {
        throw Unsupported.api("virInterfaceDestroy");
    }

    default String interfaceGetXMLDesc(InterfaceRef iface, int flags) {
        throw Unsupported.api("virInterfaceGetXMLDesc");
    }

    default boolean interfaceIsActive(InterfaceRef iface) {
        throw Unsupported.api("virInterfaceIsActive");
    }

    default void interfaceChangeBegin(int flags) {
        throw Unsupported.api("virInterfaceChangeBegin");
    }

    default void interfaceChangeCommit(int flags) {
        throw Unsupported.api("virInterfaceChangeCommit");
    }

    default void interfaceChangeRollback(int flags) {
        throw Unsupported.api("virInterfaceChangeRollback");
    }
}
