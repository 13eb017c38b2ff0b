package io.jvirt.registry.connect;

import java.util.Optional;

import io.jvirt.api.ConnectUri;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;

/** What a connection needs from the registry: its table, the hot-swap wait, secondary opens, and closing. */
public interface DriverAccess {
    DriverTable<ConnectDriver> connectDrivers();

    /** How long calls wait for a driver of the same name to return (DESIGN §5). */
    long hotSwapWaitMs();

    /** The library version reported when the driver leaves it to the platform. */
    long libVersion();

    /**
     * Opens a secondary connection ({@code network:///system}) on the local drivers of that kind,
     * for a connection's attachment; empty when no driver of the kind serves the URI. A driver of
     * the kind that is being swapped is waited for, as calls wait.
     */
    Optional<ManagedConnection> openSecondary(String kind, ConnectUri uri);

    void closed(ManagedConnection connection);

    /** The bundle that served a driver name last, for error messages, if known. */
    Optional<String> lastBundleOf(String driverName);
}
