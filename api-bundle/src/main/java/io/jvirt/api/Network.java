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
}
