package io.jvirt.registry.connect;

import io.jvirt.api.NodeDevice;

/** A node device handle: its name, as {@code virNodeDevicePtr}. */
final class NodeDeviceHandle implements NodeDevice {
    private final ManagedConnection conn;
    private final String name;

    NodeDeviceHandle(ManagedConnection conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getParent() {
        return conn.nodedev("virNodeDeviceGetParent", d -> d.nodeDeviceGetParent(name));
    }

    @Override
    public String getXMLDesc() {
        return conn.nodedev("virNodeDeviceGetXMLDesc", d -> d.nodeDeviceGetXMLDesc(name, 0));
    }

    @Override
    public void destroy() {
        conn.checkWritable("virNodeDeviceDestroy");
        conn.nodedev("virNodeDeviceDestroy", d -> {
            d.nodeDeviceDestroy(name);
            return null;
        });
    }

    @Override
    public String toString() {
        return "NodeDevice[" + name + "]";
    }
}
