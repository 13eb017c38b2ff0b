package io.jvirt.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Host devices: libvirt's {@code virNodeDeviceDriver}, returned by
 * {@link HypervisorDriver#nodeDeviceDriver()} (the test driver brings its own). Devices are named by
 * their name only, as in libvirt's protocol.
 */
@ConsumerType
public interface NodeDeviceDriver {
    /** Registers for lifecycle events of one device or, with null, all; returns the driver's callback ID. */
    default int connectNodeDeviceEventRegisterAny(String device, int eventId, NodeDeviceEventSink sink) {
        throw Unsupported.api("virConnectNodeDeviceEventRegisterAny");
    }

    default void connectNodeDeviceEventDeregisterAny(int callbackId) {
        throw Unsupported.api("virConnectNodeDeviceEventDeregisterAny");
    }

    default List<String> connectListAllNodeDevices(int flags) {
        throw Unsupported.api("virConnectListAllNodeDevices");
    }

    /** Returns the name when the device exists. */
    default String nodeDeviceLookupByName(String name) {
        throw Unsupported.api("virNodeDeviceLookupByName");
    }

    default String nodeDeviceGetXMLDesc(String name, int flags) {
        throw Unsupported.api("virNodeDeviceGetXMLDesc");
    }

    default String nodeDeviceGetParent(String name) {
        throw Unsupported.api("virNodeDeviceGetParent");
    }

    /** Creates a device (a vHBA for the test driver); returns its name. */
    default String nodeDeviceCreateXML(String xml, int flags) {
        throw Unsupported.api("virNodeDeviceCreateXML");
    }

    default void nodeDeviceDestroy(String name) {
        throw Unsupported.api("virNodeDeviceDestroy");
    }
}
