package io.jvirt.api;

import org.osgi.annotation.versioning.ProviderType;

/** A host network interface ({@code virInterfacePtr}), named by its name and MAC address. */
@ProviderType
public interface Interface {
    String getName();

    String getMACString();

    Connect getConnect();

    /** {@code virInterfaceGetXMLDesc}; {@code inactive} asks for the definition rather than the live state. */
    String getXMLDesc(boolean inactive);

    boolean isActive();

    /** {@code virInterfaceCreate}: brings the interface up. */
    void create();

    /** {@code virInterfaceDestroy}: brings the interface down. */
    void destroy();

    void undefine();
}
