package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.jvirt.api.BitFlag;
import io.jvirt.api.ListAllNetworksFlag;
import io.jvirt.api.Network;
import io.jvirt.api.NetworkEventCallback;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NetworkRef;

/** The network calls of {@code Connect}, on the connection's network driver. */
final class NetworkApi {
    private final ManagedConnection conn;

    NetworkApi(ManagedConnection conn) {
        this.conn = conn;
    }

    private <R> R net(String api, Function<NetworkDriver, R> call) {
        return conn.call(DriverKind.NETWORK, api, call);
    }

    private Network handle(NetworkRef ref) {
        return new NetworkHandle(conn, ref);
    }

    Network network(String name, UUID uuid) {
        return handle(new NetworkRef(name, uuid));
    }

    Network lookupByName(String name) {
        return handle(net("virNetworkLookupByName", d -> d.networkLookupByName(name)));
    }

    Network lookupByUUID(UUID uuid) {
        return handle(net("virNetworkLookupByUUID", d -> d.networkLookupByUUID(uuid)));
    }

    List<Network> listAll(ListAllNetworksFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        return net("virConnectListAllNetworks", d -> d.connectListAllNetworks(mask)).stream().map(this::handle).collect(Collectors.toCollection(ArrayList::new));
    }

    Network defineXML(String xml) {
        conn.checkWritable("virNetworkDefineXML");
        return handle(net("virNetworkDefineXML", d -> d.networkDefineXML(xml)));
    }

    Network createXML(String xml) {
        conn.checkWritable("virNetworkCreateXML");
        return handle(net("virNetworkCreateXML", d -> d.networkCreateXML(xml)));
    }

    int eventRegisterAny(Network network, NetworkEventCallback callback) {
        Objects.requireNonNull(callback);
        NetworkRef filter = network == null ? null : new NetworkRef(network.getName(), network.getUUID());
        return conn.events().register(DriverKind.NETWORK, "virConnectNetworkEventRegisterAny",
                d -> d.connectNetworkEventRegisterAny(filter, 0,
                        (ref, type, detail) -> callback.onLifecycle(handle(ref), type, detail)));
    }

    void eventDeregisterAny(int callbackId) {
        conn.events().deregister(DriverKind.NETWORK, callbackId);
    }
}
