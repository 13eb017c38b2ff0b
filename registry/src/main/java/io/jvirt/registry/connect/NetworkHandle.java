package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.jvirt.api.Network;
import io.jvirt.api.NetworkPort;
import io.jvirt.api.NetworkPortCreateFlag;
import io.jvirt.api.NetworkXMLFlag;
import io.jvirt.spi.NetworkRef;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NetworkPortRef;

/** A network handle ({@code virNetworkPtr}). */
final class NetworkHandle extends Handle<NetworkDriver> implements Network {
    private final NetworkRef ref;

    NetworkHandle(ManagedConnection conn, NetworkRef ref) {
        super(conn, DriverKind.NETWORK);
        this.ref = ref;
    }

    @Override
    public String getName() {
        return ref.name();
    }

    @Override
    public UUID getUUID() {
        return ref.uuid();
    }

    @Override
    public String getXMLDesc(NetworkXMLFlag... flags) {
        int mask = mask(flags);
        return call("virNetworkGetXMLDesc", d -> d.networkGetXMLDesc(ref, mask));
    }

    @Override
    public boolean isActive() {
        return call("virNetworkIsActive", d -> d.networkIsActive(ref));
    }

    @Override
    public boolean isPersistent() {
        return call("virNetworkIsPersistent", d -> d.networkIsPersistent(ref));
    }

    @Override
    public void create() {
        mutate("virNetworkCreate", d -> d.networkCreate(ref));
    }

    @Override
    public void destroy() {
        mutate("virNetworkDestroy", d -> d.networkDestroy(ref));
    }

    @Override
    public void undefine() {
        mutate("virNetworkUndefine", d -> d.networkUndefine(ref));
    }

    @Override
    public boolean getAutostart() {
        return call("virNetworkGetAutostart", d -> d.networkGetAutostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        mutate("virNetworkSetAutostart", d -> d.networkSetAutostart(ref, autostart));
    }

    @Override
    public String getBridgeName() {
        return call("virNetworkGetBridgeName", d -> d.networkGetBridgeName(ref));
    }

    @Override
    public void update(int command, int section, int parentIndex, String xml, io.jvirt.api.NetworkUpdateFlag... flags) {
        int mask = mask(flags);
        mutate("virNetworkUpdate", d -> d.networkUpdate(ref, command, section, parentIndex, xml, mask));
    }

    // --- ports: handles keep this network's handle, so getNetwork() needs no call

    private NetworkPort portHandle(NetworkPortRef p) {
        return new NetworkPortHandle(this, p);
    }

    @Override
    public NetworkPort portCreateXML(String xml, NetworkPortCreateFlag... flags) {
        int mask = mask(flags);
        conn.checkWritable("virNetworkPortCreateXML");
        return portHandle(call("virNetworkPortCreateXML", d -> d.networkPortCreateXML(ref, xml, mask)));
    }

    @Override
    public NetworkPort portLookupByUUID(UUID uuid) {
        return portHandle(call("virNetworkPortLookupByUUID", d -> d.networkPortLookupByUUID(ref, uuid)));
    }

    @Override
    public List<NetworkPort> listAllPorts() {
        List<NetworkPort> out = new ArrayList<>();
        for (NetworkPortRef p : call("virNetworkListAllPorts", d -> d.networkListAllPorts(ref, 0))) {
            out.add(portHandle(p));
        }
        return out;
    }

    @Override
    public NetworkPort port(UUID uuid) {
        return portHandle(new NetworkPortRef(ref, uuid));
    }
}
