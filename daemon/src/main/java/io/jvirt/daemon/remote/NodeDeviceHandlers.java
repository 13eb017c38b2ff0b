package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.NodeDeviceProcedures.*;

import java.util.List;

import io.jvirt.api.NodeDevice;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.RemoteTypes.RemoteNodeDevice;

/** The node device procedures. */
public final class NodeDeviceHandlers {
    private NodeDeviceHandlers() {
    }

    public static void register(Dispatcher d) {
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
