package io.jvirt.api;

import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/** A virtual network. */
@ProviderType
public interface Network extends NamedObject {
    String getXMLDesc(NetworkXMLFlag... flags);

    boolean isActive();

    boolean isPersistent();

    void create();

    void destroy();

    void undefine();

    boolean getAutostart();

    void setAutostart(boolean autostart);

    String getBridgeName();

    /**
     * {@code virNetworkUpdate}: {@code command} and {@code section} are libvirt's
     * {@code virNetworkUpdateCommand} and {@code virNetworkUpdateSection} numbers, {@code parentIndex}
     * the index of the parent element ({@code -1} for any).
     */
    void update(int command, int section, int parentIndex, String xml, NetworkUpdateFlag... flags);

    // --- ports

    /**
     * {@code virNetworkPortCreateXML}: a new port of this (active) network. Without
     * {@link NetworkPortCreateFlag#RECLAIM} the document has no {@code <plug>} and the network plugs
     * the port; with it, the document's plug is taken as it is.
     */
    NetworkPort portCreateXML(String xml, NetworkPortCreateFlag... flags);

    /** {@code virNetworkPortLookupByUUID}. */
    NetworkPort portLookupByUUID(UUID uuid);

    /** {@code virNetworkListAllPorts}: the ports of this (active) network. */
    List<NetworkPort> listAllPorts();

    /**
     * A handle for a port the caller already knows, without asking the driver (what libvirt's daemon
     * does with a client's {@code remote_nonnull_network_port}); a wrong UUID surfaces as
     * {@link ErrorCode#NO_NETWORK_PORT} on first use.
     */
    NetworkPort port(UUID uuid);
}
