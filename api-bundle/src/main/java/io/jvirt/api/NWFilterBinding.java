package io.jvirt.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A network filter bound to a port device ({@code virNWFilterBindingPtr}): what a hypervisor driver
 * creates for a guest interface with a {@code <filterref>}, named by the port device (one binding
 * per device).
 */
@ProviderType
public interface NWFilterBinding {
    Connect getConnect();

    /** {@code virNWFilterBindingGetPortDev}. */
    String getPortDev();

    /** {@code virNWFilterBindingGetFilterName}. */
    String getFilterName();

    /** {@code virNWFilterBindingGetXMLDesc}: the {@code <filterbinding>} document. */
    String getXMLDesc();

    /** {@code virNWFilterBindingDelete}: removes the binding (and the device's filtering). */
    void delete();
}
