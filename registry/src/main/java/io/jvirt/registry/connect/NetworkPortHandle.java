package io.jvirt.registry.connect;

import java.util.List;
import java.util.UUID;

import io.jvirt.api.Network;
import io.jvirt.api.NetworkPort;
import io.jvirt.api.TypedParameter;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NetworkPortRef;

/** A network port handle ({@code virNetworkPortPtr}): its network's handle and its UUID. */
final class NetworkPortHandle extends Handle<NetworkDriver> implements NetworkPort {
    private final NetworkHandle network;
    private final NetworkPortRef ref;

    NetworkPortHandle(NetworkHandle network, NetworkPortRef ref) {
        super(network.conn, DriverKind.NETWORK);
        this.network = network;
        this.ref = ref;
    }

    @Override
    public Network getNetwork() {
        return network;
    }

    @Override
    public UUID getUUID() {
        return ref.uuid();
    }

    @Override
    public String getXMLDesc() {
        return call("virNetworkPortGetXMLDesc", d -> d.networkPortGetXMLDesc(ref, 0));
    }

    @Override
    public List<TypedParameter> getParameters() {
        return List.copyOf(call("virNetworkPortGetParameters", d -> d.networkPortGetParameters(ref, 0)));
    }

    @Override
    public void setParameters(List<TypedParameter> params) {
        List<TypedParameter> copy = List.copyOf(params);
        mutate("virNetworkPortSetParameters", d -> d.networkPortSetParameters(ref, copy, 0));
    }

    @Override
    public void delete() {
        mutate("virNetworkPortDelete", d -> d.networkPortDelete(ref, 0));
    }

    @Override
    public String toString() {
        return "NetworkPort[" + network.getName() + "/" + ref.uuid() + "]";
    }
}
