package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.NodeDeviceProcedures.*;

import java.util.List;

import io.jvirt.api.NodeDevice;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.RemoteTypes.RemoteNodeDevice;

/** The node device procedures. */
public final class NodeDeviceHandlers {
    private NodeDeviceHandlers() {
    }

    /**
     * libvirt's capability names in the order of their VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bits
     * (bit i is 1 << i), which is also the order virNodeDeviceListCaps lists them in.
     */
    private static final List<String> CAPS = List.of("system", "pci", "usb_device", "usb", "net", "scsi_host",
            "scsi_target", "scsi", "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev",
            "ccw", "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd");

    private static List<String> devices(Client c, String cap, int max) {
        int flags = 0;
        if (cap != null) {
            int bit = CAPS.indexOf(cap);
            if (bit < 0) {
                return List.of(); // no device has a capability libvirt does not know
            }
            flags = 1 << bit;
        }
        return c.connect().listAllNodeDevices(flags).stream().map(NodeDevice::getName)
                .limit(max < 0 ? Long.MAX_VALUE : max).toList();
    }

    /** A device's capabilities: those whose device filter lists it. */
    private static List<String> caps(Client c, String name) {
        c.connect().nodeDevice(name).getName(); // VIR_ERR_NO_NODE_DEVICE for an unknown name
        List<String> out = new java.util.ArrayList<>();
        for (int bit = 0; bit < CAPS.size(); bit++) {
            if (c.connect().listAllNodeDevices(1 << bit).stream().anyMatch(n -> n.getName().equals(name))) {
                out.add(CAPS.get(bit));
            }
        }
        return out;
    }

    public static void register(Dispatcher d) {
        // the calls before virConnectListAllNodeDevices, answered from it
        d.on(io.jvirt.rpc.remote.ConnectProcedures.NODE_NUM_OF_DEVICES, Legacy.as("virNodeNumOfDevices", (c, a) -> {
            Flags.none(a.flags(), "virNodeNumOfDevices");
            return new io.jvirt.rpc.remote.ConnectProcedures.NodeNumOfDevicesRet(devices(c, a.cap(), -1).size());
        }));
        d.on(io.jvirt.rpc.remote.ConnectProcedures.NODE_LIST_DEVICES, Legacy.as("virNodeListDevices", (c, a) -> {
            Flags.none(a.flags(), "virNodeListDevices");
            return new io.jvirt.rpc.remote.ConnectProcedures.NodeListDevicesRet(devices(c, a.cap(), a.maxnames()));
        }));
        d.on(NODE_DEVICE_NUM_OF_CAPS, (c, a) -> new NodeDeviceNumOfCapsRet(caps(c, a.name()).size()));
        d.on(NODE_DEVICE_LIST_CAPS, (c, a) -> new NodeDeviceListCapsRet(
                caps(c, a.name()).stream().limit(Math.max(0, a.maxnames())).toList()));
        d.on(CONNECT_LIST_ALL_NODE_DEVICES, (c, a) -> {
            List<NodeDevice> all = c.connect().listAllNodeDevices(a.flags());
            return new ConnectListAllNodeDevicesRet(a.needResults() != 0
                    ? all.stream().map(n -> new RemoteNodeDevice(n.getName())).toList() : List.of(), all.size());
        });
        d.on(NODE_DEVICE_LOOKUP_BY_NAME, (c, a) -> new NodeDeviceLookupByNameRet(
                new RemoteNodeDevice(c.connect().nodeDeviceLookupByName(a.name()).getName())));
        d.on(NODE_DEVICE_GET_XML_DESC, (c, a) -> {
            Flags.none(a.flags(), "virNodeDeviceGetXMLDesc");
            return new NodeDeviceGetXmlDescRet(c.connect().nodeDevice(a.name()).getXMLDesc());
        });
        d.on(NODE_DEVICE_GET_PARENT, (c, a) -> new NodeDeviceGetParentRet(c.connect().nodeDevice(a.name()).getParent()));
        d.on(NODE_DEVICE_CREATE_XML, (c, a) -> {
            Flags.none(a.flags() & ~1, "virNodeDeviceCreateXML"); // VALIDATE
            return new NodeDeviceCreateXmlRet(new RemoteNodeDevice(c.connect().nodeDeviceCreateXML(a.xmlDesc()).getName()));
        });
        d.on(NODE_DEVICE_DESTROY, (c, a) -> {
            c.connect().nodeDevice(a.name()).destroy();
            return null;
        });
    }
}
