package io.jvirt.registry.connect;

import java.util.Optional;

import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.StorageDriver;

/** What a connection needs from the registry: its tables, the hot-swap wait, and closing. */
public interface DriverAccess {
    DriverTable<ConnectDriver> connectDrivers();

    DriverTable<NetworkDriver> networkDrivers();

    DriverTable<StorageDriver> storageDrivers();

    DriverTable<NWFilterDriver> nwfilterDrivers();

    /** How long calls wait for a driver of the same name to return (DESIGN §5). */
    long hotSwapWaitMs();

    /** The library version reported when the driver leaves it to the platform. */
    long libVersion();

    void closed(ManagedConnection connection);

    /** The bundle that served a driver name last, for error messages, if known. */
    Optional<String> lastBundleOf(String driverName);

    static String describe(DriverEntry<?> e) {
        return e.describe();
    }
}
