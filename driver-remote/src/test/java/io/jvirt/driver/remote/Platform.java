package io.jvirt.driver.remote;

import java.nio.file.Path;
import java.util.HashMap;
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
 * The registry's own table, resolver and connections without an OSGi framework, as the daemon's
 * tests use it: the server side holds the vendor driver; the client side holds the vendor driver
 * (local only, scheme {@code vendor}) and the remote driver last (no schemes), so that
 * {@code vendor+unix://} and friends resolve to the remote driver exactly as in the platform.
 */
final class Platform implements Virt, DriverAccess {
    private final DriverTable<ConnectDriver> drivers = new DriverTable<>();

    private Platform() {
    }

    /** jvirtd's side: the vendor driver and jvirt's test driver. */
    static Platform server() {
        Platform p = new Platform();
        p.add(new VendorDriver(), 1L, "vendor", "vendor");
        p.add(new io.jvirt.driver.test.TestDriver(), 3L, "test", "test");
        return p;
    }

    /** An application with jvirt's test driver in-process (and the remote driver last). */
    static Platform inProcessTestDriver() {
        Platform p = new Platform();
        p.add(new io.jvirt.driver.test.TestDriver(), 3L, "test", "test");
        p.add(new RemoteDriver(Path.of("/nonexistent")), 2L, "remote", null);
        return p;
    }

    /** An application's side: vendor driver plus the remote driver (default socket dir given, for the decline rule). */
    static Platform client(Path defaultSocketDir) {
        Platform p = new Platform();
        p.add(new VendorDriver(), 1L, "vendor", "vendor");
        p.add(new RemoteDriver(defaultSocketDir), 2L, "remote", null);
        return p;
    }

    private void add(ConnectDriver d, long id, String name, String scheme) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, id);
        props.put(DriverProperties.NAME, name);
        if (scheme != null) {
            props.put(DriverProperties.URI_SCHEMES, scheme);
            props.put(DriverProperties.LOCAL_ONLY, true);
        }
        drivers.add(new DriverEntry<>(d, props, null));
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
