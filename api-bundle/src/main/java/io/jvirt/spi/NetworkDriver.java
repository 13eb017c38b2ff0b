package io.jvirt.spi;

import java.util.List;
import java.util.UUID;

import io.jvirt.api.TypedParameter;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Virtual networks: libvirt's {@code virNetworkDriver}. Registered as a service (shared by every
 * local connection whose hypervisor driver brings none) or returned by
 * {@link HypervisorDriver#networkDriver()}.
 */
@ConsumerType
public interface NetworkDriver {

    default List<NetworkRef> connectListAllNetworks(int flags) {
        throw Unsupported.api("virConnectListAllNetworks");
    }

    default NetworkRef networkLookupByName(String name) {
        throw Unsupported.api("virNetworkLookupByName");
    }

    default NetworkRef networkLookupByUUID(UUID uuid) {
        throw Unsupported.api("virNetworkLookupByUUID");
    }

    default NetworkRef networkDefineXML(String xml) {
        throw Unsupported.api("virNetworkDefineXML");
    }

    default NetworkRef networkCreateXML(String xml) {
        throw Unsupported.api("virNetworkCreateXML");
    }

    default void networkUndefine(NetworkRef net) {
        throw Unsupported.api("virNetworkUndefine");
    }

    default void networkCreate(NetworkRef net) {
        throw Unsupported.api("virNetworkCreate");
    }

    default void networkDestroy(NetworkRef net) {
        throw Unsupported.api("virNetworkDestroy");
    }

    default String networkGetXMLDesc(NetworkRef net, int flags) {
        throw Unsupported.api("virNetworkGetXMLDesc");
    }

    default boolean networkIsActive(NetworkRef net) {
        throw Unsupported.api("virNetworkIsActive");
    }

    default boolean networkIsPersistent(NetworkRef net) {
        throw Unsupported.api("virNetworkIsPersistent");
    }

    default boolean networkGetAutostart(NetworkRef net) {
        throw Unsupported.api("virNetworkGetAutostart");
    }

    default void networkSetAutostart(NetworkRef net, boolean autostart) {
        throw Unsupported.api("virNetworkSetAutostart");
    }

    default String networkGetBridgeName(NetworkRef net) {
        throw Unsupported.api("virNetworkGetBridgeName");
    }


    default void networkUpdate(NetworkRef net, int command, int section, int parentIndex, String xml, int flags) {
        throw Unsupported.api("virNetworkUpdate");
    }

    // --- ports (libvirt's networkPort* driver calls; flags as libvirt's, unknown bits refused)

    /** {@code flags}: {@code VIR_NETWORK_PORT_CREATE_RECLAIM} 1, {@code VALIDATE} 2. */
    default NetworkPortRef networkPortCreateXML(NetworkRef net, String xml, int flags) {
        throw Unsupported.api("virNetworkPortCreateXML");
    }

    default NetworkPortRef networkPortLookupByUUID(NetworkRef net, UUID uuid) {
        throw Unsupported.api("virNetworkPortLookupByUUID");
    }

    default List<NetworkPortRef> networkListAllPorts(NetworkRef net, int flags) {
        throw Unsupported.api("virNetworkListAllPorts");
    }

    default String networkPortGetXMLDesc(NetworkPortRef port, int flags) {
        throw Unsupported.api("virNetworkPortGetXMLDesc");
    }

    /** The port's bandwidth with libvirt's parameter names ({@code io.jvirt.api.NetworkPort.BANDWIDTH_*}). */
    default List<TypedParameter> networkPortGetParameters(NetworkPortRef port, int flags) {
        throw Unsupported.api("virNetworkPortGetParameters");
    }

    default void networkPortSetParameters(NetworkPortRef port, List<TypedParameter> params, int flags) {
        throw Unsupported.api("virNetworkPortSetParameters");
    }

    default void networkPortDelete(NetworkPortRef port, int flags) {
        throw Unsupported.api("virNetworkPortDelete");
    }

    /** Registers for network lifecycle events of one network or, with a null ref, all. */
    default int connectNetworkEventRegisterAny(NetworkRef network, int eventId, NetworkEventSink sink) {
        throw Unsupported.api("virConnectNetworkEventRegisterAny");
    }

    default void connectNetworkEventDeregisterAny(int callbackId) {
        throw Unsupported.api("virConnectNetworkEventDeregisterAny");
    }
}
