package io.jvirt.registry.connect;

import java.util.List;
import java.util.UUID;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;
import io.jvirt.api.Network;
import io.jvirt.api.NetworkXMLFlag;
import io.jvirt.spi.NetworkRef;

/** A network handle ({@code virNetworkPtr}). */
final class NetworkHandle implements Network {
    private final ManagedConnection conn;
    private final NetworkRef ref;

    NetworkHandle(ManagedConnection conn, NetworkRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    @Override
    public Connect getConnect() {
        return conn;
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
        int mask = BitFlag.mask(List.of(flags));
        return conn.net("virNetworkGetXMLDesc", d -> d.networkGetXMLDesc(ref, mask));
    }

    @Override
    public boolean isActive() {
        return conn.net("virNetworkIsActive", d -> d.networkIsActive(ref));
    }

    @Override
    public boolean isPersistent() {
        return conn.net("virNetworkIsPersistent", d -> d.networkIsPersistent(ref));
    }

    @Override
    public void create() {
        conn.netMutate("virNetworkCreate", d -> d.networkCreate(ref));
    }

    @Override
    public void destroy() {
        conn.netMutate("virNetworkDestroy", d -> d.networkDestroy(ref));
    }

    @Override
    public void undefine() {
        conn.netMutate("virNetworkUndefine", d -> d.networkUndefine(ref));
    }

    @Override
    public boolean getAutostart() {
        return conn.net("virNetworkGetAutostart", d -> d.networkGetAutostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        conn.netMutate("virNetworkSetAutostart", d -> d.networkSetAutostart(ref, autostart));
    }

    @Override
    public String getBridgeName() {
        return conn.net("virNetworkGetBridgeName", d -> d.networkGetBridgeName(ref));
    }

    @Override
    public void update(int command, int section, int parentIndex, String xml, io.jvirt.api.NetworkUpdateFlag... flags) {
        int mask = io.jvirt.api.BitFlag.mask(java.util.List.of(flags));
        conn.netMutate("virNetworkUpdate", d -> d.networkUpdate(ref, command, section, parentIndex, xml, mask));
    }
}
