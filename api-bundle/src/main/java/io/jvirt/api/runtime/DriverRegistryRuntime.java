package io.jvirt.api.runtime;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The registry's runtime view, registered as a service by the registry bundle. */
@ProviderType
public interface DriverRegistryRuntime {
    /** Hypervisor drivers in table order (the order URIs are tried in; remote last). */
    List<DriverDTO> getConnectDrivers();

    /** Network, storage and nwfilter drivers, by kind then ranking. */
    List<DriverDTO> getSecondaryDrivers();

    /** Driver components that exist but could not be activated, with why. */
    List<FailedDriverDTO> getFailedDrivers();

    /** Connections currently open through the registry. */
    int getOpenConnectionCount();

    /**
     * Resolves a URI as an open would, step by step, and closes the connection it opened: which
     * driver takes it and why each earlier driver was skipped or declined.
     */
    ResolutionDTO explain(String uri);
}
