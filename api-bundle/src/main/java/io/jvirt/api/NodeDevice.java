package io.jvirt.api;

import org.osgi.annotation.versioning.ProviderType;

/** A host device ({@code virNodeDevicePtr}), named by its name. */
@ProviderType
public interface NodeDevice {
    String getName();

    /** The parent device's name, or null for the root. */
    String getParent();

    String getXMLDesc();

    /** {@code virNodeDeviceDestroy}: removes a device created by {@link Connect#nodeDeviceCreateXML}. */
    void destroy();
}
