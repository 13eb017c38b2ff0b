package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.NetworkProcedures.*;

import java.util.List;

import io.jvirt.api.ListAllNetworksFlag;
import io.jvirt.api.Network;
import io.jvirt.api.NetworkXMLFlag;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.RemoteTypes.RemoteNetwork;

/** The network procedures. */
public final class NetworkHandlers {
    private NetworkHandlers() {
    }

    static Network net(Client c, RemoteNetwork n) {
        return c.connect().network(n.name(), n.uuid());
    }

    static RemoteNetwork remote(Network n) {
        return new RemoteNetwork(n.getName(), n.getUUID());
    }

    private static List<String> names(Client c, ListAllNetworksFlag which, int max) {
        return c.connect().listAllNetworks(which).stream().map(Network::getName).limit(max < 0 ? Long.MAX_VALUE : max)
                .toList();
    }

    public static void register(Dispatcher d) {
        // the calls before virConnectListAllNetworks, answered from it
        d.on(CONNECT_NUM_OF_NETWORKS, Legacy.as("virConnectNumOfNetworks", (c, a) -> new ConnectNumOfNetworksRet(names(c, ListAllNetworksFlag.ACTIVE, -1).size())));
        d.on(CONNECT_NUM_OF_DEFINED_NETWORKS, Legacy.as("virConnectNumOfDefinedNetworks",
                (c, a) -> new ConnectNumOfDefinedNetworksRet(names(c, ListAllNetworksFlag.INACTIVE, -1).size())));
        d.on(CONNECT_LIST_NETWORKS, Legacy.as("virConnectListNetworks", (c, a) -> new ConnectListNetworksRet(names(c, ListAllNetworksFlag.ACTIVE, a.maxnames()))));
        d.on(CONNECT_LIST_DEFINED_NETWORKS, Legacy.as("virConnectListDefinedNetworks",
                (c, a) -> new ConnectListDefinedNetworksRet(names(c, ListAllNetworksFlag.INACTIVE, a.maxnames()))));
        d.on(CONNECT_LIST_ALL_NETWORKS, (c, a) -> {
            List<Network> all = c.connect().listAllNetworks(
                    Flags.of(ListAllNetworksFlag.class, a.flags(), "virConnectListAllNetworks"));
            return new ConnectListAllNetworksRet(
                    a.needResults() != 0 ? all.stream().map(NetworkHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(NETWORK_LOOKUP_BY_NAME, (c, a) -> new NetworkLookupByNameRet(remote(c.connect().networkLookupByName(a.name()))));
        d.on(NETWORK_LOOKUP_BY_UUID, (c, a) -> new NetworkLookupByUuidRet(remote(c.connect().networkLookupByUUID(a.uuid()))));
        d.on(NETWORK_DEFINE_XML, (c, a) -> new NetworkDefineXmlRet(remote(c.connect().networkDefineXML(a.xml()))));
        d.on(NETWORK_UPDATE, (c, a) -> {
            // libvirt's wire protocol carries command and section in each other's place (kept for
            // compatibility since libvirt 0.10.2): the field named command holds the section
            net(c, a.net()).update(a.section(), a.command(), a.parentIndex(), a.xml(),
                    Flags.of(io.jvirt.api.NetworkUpdateFlag.class, a.flags(), "virNetworkUpdate"));
            return null;
        });
        d.on(NETWORK_CREATE_XML, (c, a) -> new NetworkCreateXmlRet(remote(c.connect().networkCreateXML(a.xml()))));
        d.on(NETWORK_CREATE_XML_FLAGS, (c, a) -> {
            Flags.none(a.flags() & ~1, "virNetworkCreateXMLFlags"); // VALIDATE is the only flag
            return new NetworkCreateXmlFlagsRet(remote(c.connect().networkCreateXML(a.xml())));
        });
        d.on(NETWORK_DEFINE_XML_FLAGS, (c, a) -> {
            Flags.none(a.flags() & ~1, "virNetworkDefineXMLFlags"); // VALIDATE is the only flag
            return new NetworkDefineXmlFlagsRet(remote(c.connect().networkDefineXML(a.xml())));
        });
        d.on(NETWORK_CREATE, (c, a) -> {
            net(c, a.net()).create();
            return null;
        });
        d.on(NETWORK_DESTROY, (c, a) -> {
            net(c, a.net()).destroy();
            return null;
        });
        d.on(NETWORK_UNDEFINE, (c, a) -> {
            net(c, a.net()).undefine();
            return null;
        });
        d.on(NETWORK_GET_XML_DESC, (c, a) -> new NetworkGetXmlDescRet(
                net(c, a.net()).getXMLDesc(Flags.of(NetworkXMLFlag.class, a.flags(), "virNetworkGetXMLDesc"))));
        d.on(NETWORK_IS_ACTIVE, (c, a) -> new NetworkIsActiveRet(Flags.bool(net(c, a.net()).isActive())));
        d.on(NETWORK_IS_PERSISTENT, (c, a) -> new NetworkIsPersistentRet(Flags.bool(net(c, a.net()).isPersistent())));
        d.on(NETWORK_GET_AUTOSTART, (c, a) -> new NetworkGetAutostartRet(Flags.bool(net(c, a.net()).getAutostart())));
        d.on(NETWORK_SET_AUTOSTART, (c, a) -> {
            net(c, a.net()).setAutostart(a.autostart() != 0);
            return null;
        });
        d.on(NETWORK_GET_BRIDGE_NAME, (c, a) -> new NetworkGetBridgeNameRet(net(c, a.net()).getBridgeName()));
    }
}
