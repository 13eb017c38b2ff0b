package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.NetworkProcedures.*;

import java.util.List;

import io.jvirt.api.ListAllNetworksFlag;
import io.jvirt.api.Network;
import io.jvirt.api.NetworkXMLFlag;
import io.jvirt.api.NetworkPort;
import io.jvirt.api.NetworkPortCreateFlag;
import io.jvirt.api.TypedParameter;
import io.jvirt.api.TypedParameterType;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.RemoteStructs.NonnullNetworkPort;
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

    static NetworkPort port(Client c, NonnullNetworkPort p) {
        return net(c, p.net()).port(p.uuid());
    }

    static NonnullNetworkPort remote(NetworkPort p) {
        return new NonnullNetworkPort(remote(p.getNetwork()), p.getUUID());
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

        // ports
        d.on(NETWORK_PORT_CREATE_XML, (c, a) -> new NetworkPortCreateXmlRet(remote(net(c, a.network())
                .portCreateXML(a.xml(), Flags.of(NetworkPortCreateFlag.class, a.flags(), "virNetworkPortCreateXML")))));
        d.on(NETWORK_PORT_LOOKUP_BY_UUID, (c, a) -> new NetworkPortLookupByUuidRet(
                remote(net(c, a.network()).portLookupByUUID(a.uuid()))));
        d.on(NETWORK_LIST_ALL_PORTS, (c, a) -> {
            Flags.none(a.flags(), "virNetworkListAllPorts");
            List<NetworkPort> all = net(c, a.network()).listAllPorts();
            return new NetworkListAllPortsRet(
                    a.needResults() != 0 ? all.stream().map(NetworkHandlers::remote).toList() : List.of(), all.size());
        });
        d.on(NETWORK_PORT_GET_XML_DESC, (c, a) -> {
            Flags.none(a.flags(), "virNetworkPortGetXMLDesc");
            return new NetworkPortGetXmlDescRet(port(c, a.port()).getXMLDesc());
        });
        d.on(NETWORK_PORT_GET_PARAMETERS, (c, a) -> {
            Flags.none(a.flags(), "virNetworkPortGetParameters");
            // libvirtd fills in the list and leaves nparams 0; clients read the list's length
            return new NetworkPortGetParametersRet(DomainHandlers.wire(port(c, a.port()).getParameters(),
                    Integer.MAX_VALUE), 0);
        });
        d.on(NETWORK_PORT_SET_PARAMETERS, (c, a) -> {
            Flags.none(a.flags(), "virNetworkPortSetParameters");
            port(c, a.port()).setParameters(a.params().stream().map(p -> new TypedParameter(p.field(),
                    TypedParameterType.fromValue(p.type()), p.value())).toList());
            return null;
        });
        d.on(NETWORK_PORT_DELETE, (c, a) -> {
            Flags.none(a.flags(), "virNetworkPortDelete");
            port(c, a.port()).delete();
            return null;
        });
    }
}
