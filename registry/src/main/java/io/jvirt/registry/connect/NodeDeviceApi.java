package io.jvirt.registry.connect;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.jvirt.api.NodeDevice;
import io.jvirt.api.NodeDeviceEventCallback;
import io.jvirt.spi.NodeDeviceDriver;

/** The host device calls of {@code Connect}, on the connection's node device driver. */
final class NodeDeviceApi {
    private final ManagedConnection conn;

    NodeDeviceApi(ManagedConnection conn) {
        this.conn = conn;
    }

    private <R> R nodedev(String api, Function<NodeDeviceDriver, R> call) {
        return conn.call(DriverKind.NODE_DEVICE, api, call);
    }

    private NodeDevice handle(String name) {
        return new NodeDeviceHandle(conn, name);
    }

    NodeDevice nodeDevice(String name) {
        return handle(name);
    }

    List<NodeDevice> listAll(int flags) {
        return nodedev("virConnectListAllNodeDevices", d -> d.connectListAllNodeDevices(flags)).stream()
                .map(this::handle).toList();
    }

    NodeDevice lookupByName(String name) {
        return handle(nodedev("virNodeDeviceLookupByName", d -> d.nodeDeviceLookupByName(name)));
    }

    NodeDevice createXML(String xml) {
        conn.checkWritable("virNodeDeviceCreateXML");
        return handle(nodedev("virNodeDeviceCreateXML", d -> d.nodeDeviceCreateXML(xml, 0)));
    }

    int eventRegisterAny(NodeDevice device, NodeDeviceEventCallback callback) {
        Objects.requireNonNull(callback);
        String filter = device == null ? null : device.getName();
        return conn.events().register(DriverKind.NODE_DEVICE, "virConnectNodeDeviceEventRegisterAny",
                d -> d.connectNodeDeviceEventRegisterAny(filter, 0,
                        (name, event, detail) -> callback.onLifecycle(handle(name), event, detail)));
    }

    void eventDeregisterAny(int callbackId) {
        conn.events().deregister(DriverKind.NODE_DEVICE, callbackId);
    }
}
