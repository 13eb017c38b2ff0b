package io.jvirt.driver.test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.jvirt.api.Connect;
import io.jvirt.api.ConnectUri;
import io.jvirt.registry.connect.DriverAccess;
import io.jvirt.registry.connect.ManagedConnection;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StorageDriver;

/**
 * Connections to a {@link TestDriver} through the registry's own {@link ManagedConnection}, so tests
 * use the public API (read-only checks, handles, events) exactly as applications and jvirtd do.
 */
final class Platform {
    final TestDriver driver = new TestDriver();
    private final DriverTable<ConnectDriver> table = new DriverTable<>();
    private final DriverEntry<ConnectDriver> entry;
    private final DriverAccess access = new DriverAccess() {
        @Override
        public DriverTable<ConnectDriver> connectDrivers() {
            return table;
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
            return 100;
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
            return Optional.of("io.jvirt.driver.test");
        }
    };

    Platform() {
        Map<String, Object> props = new HashMap<>();
        props.put("service.id", 1L);
        props.put(DriverProperties.NAME, "test");
        props.put(DriverProperties.URI_SCHEMES, new String[] { "test" });
        props.put(DriverProperties.LOCAL_ONLY, true);
        entry = new DriverEntry<>(driver, props, null);
        table.add(entry);
    }

    Connect open(String uri) {
        return open(uri, 0);
    }

    Connect open(String uri, int flags) {
        ConnectUri u = ConnectUri.parse(uri);
        OpenResult r = driver.open(u, null, flags);
        if (r.status() == OpenResult.Status.ERROR) {
            throw r.error();
        }
        if (r.status() != OpenResult.Status.SUCCESS) {
            throw new AssertionError("the test driver declined " + uri);
        }
        return new ManagedConnection(access, u, null, flags, entry, r.connection());
    }
}
