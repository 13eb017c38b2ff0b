package io.jvirt.daemon;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Constants;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;
import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.Virt;
import io.jvirt.examples.vendor.VendorDriver;
import io.jvirt.registry.connect.DriverAccess;
import io.jvirt.registry.connect.ManagedConnection;
import io.jvirt.registry.resolve.Resolution;
import io.jvirt.registry.resolve.UriResolver;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.StorageDriver;

/**
 * The registry's own table, resolver and connections around the real vendor driver, without an
 * OSGi framework: enough platform to put the daemon in front of (the distribution tests run the
 * whole thing in Felix).
 */
final class InProcessPlatform implements Virt, DriverAccess {
    private final DriverTable<ConnectDriver> drivers = new DriverTable<>();

    InProcessPlatform() {
        drivers.add(new DriverEntry<>(new VendorDriver(), Map.of(Constants.SERVICE_ID, 1L, DriverProperties.NAME,
                "vendor", DriverProperties.URI_SCHEMES, "vendor", DriverProperties.LOCAL_ONLY, true), null));
    }

    @Override
    public Connect open(String uri) {
        return openAuth(uri, null, Set.of());
    }

    @Override
    public Connect openReadOnly(String uri) {
        return openAuth(uri, null, Set.of(OpenFlag.READONLY));
    }

    @Override
    public Connect openAuth(String uri, ConnectAuth auth, Set<OpenFlag> flags) {
        ConnectUri parsed = ConnectUri.parse(uri != null ? uri : "vendor:///default");
        int mask = BitFlag.mask(flags);
        Resolution r = UriResolver.resolve(drivers.snapshot(), parsed, auth, mask, s -> null);
        if (!r.succeeded()) {
            throw r.error();
        }
        return new ManagedConnection(this, parsed, auth, mask, r.driver(), r.connection());
    }

    @Override
    public DriverTable<ConnectDriver> connectDrivers() {
        return drivers;
    }

    @Override
    public DriverTable<NetworkDriver> networkDrivers() {
        return new DriverTable<>();
    }

    @Override
    public DriverTable<StorageDriver> storageDrivers() {
        return new DriverTable<>();
    }

    @Override
    public DriverTable<NWFilterDriver> nwfilterDrivers() {
        return new DriverTable<>();
    }

    @Override
    public long hotSwapWaitMs() {
        return 1000;
    }

    @Override
    public long libVersion() {
        return 9_000_000;
    }

    @Override
    public void closed(ManagedConnection connection) {
    }

    @Override
    public Optional<String> lastBundleOf(String driverName) {
        return Optional.empty();
    }
}
