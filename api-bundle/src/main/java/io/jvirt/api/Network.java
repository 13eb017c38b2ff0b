package io.jvirt.api;

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
}
