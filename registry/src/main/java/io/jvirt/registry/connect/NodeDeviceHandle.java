package io.jvirt.registry.connect;

import io.jvirt.api.NodeDevice;
import io.jvirt.spi.NodeDeviceDriver;

/** A node device handle: its name, as {@code virNodeDevicePtr}. */
final class NodeDeviceHandle extends Handle<NodeDeviceDriver> implements NodeDevice {
    private final String name;

    NodeDeviceHandle(ManagedConnection conn, String name) {
        super(conn, DriverKind.NODE_DEVICE);
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getParent() {
        return call("virNodeDeviceGetParent", d -> d.nodeDeviceGetParent(name));
    }

    @Override
    public String getXMLDesc() {
        return call("virNodeDeviceGetXMLDesc", d -> d.nodeDeviceGetXMLDesc(name, 0));
    }

    @Override
    public void destroy() {
        mutate("virNodeDeviceDestroy", d -> d.nodeDeviceDestroy(name));
    }

    @Override
    public String toString() {
        return "NodeDevice[" + name + "]";
    }
}
