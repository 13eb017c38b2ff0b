package io.jvirt.spi;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hypervisor driver's entry in the registry's table, registered as an OSGi service with the
 * properties of {@link DriverProperties} and {@code service.ranking}: libvirt's {@code virConnectDriver}.
 */
@ConsumerType
public interface ConnectDriver {
    /**
     * Opens {@code uri} if it is for this driver.
     *
     * @param auth  the application's credential callback, or {@code null}
     * @param flags {@code virConnectFlags} bits ({@link io.jvirt.api.OpenFlag})
     */
    OpenResult open(ConnectUri uri, ConnectAuth auth, int flags);
}
