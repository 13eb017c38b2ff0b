package io.jvirt.registry.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Constants;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;
import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.Virt;
import io.jvirt.registry.connect.DriverAccess;
import io.jvirt.registry.connect.ManagedConnection;
import io.jvirt.registry.resolve.Resolution;
import io.jvirt.registry.resolve.UriResolver;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;

/**
 * The registry's own table, resolver and connections without an OSGi framework, for other
 * modules' tests (this module's test-jar): real drivers behind the real {@link ManagedConnection},
 * enough platform to put jvirtd or the remote driver in front of. The Pax Exam and distribution
 * tests run the whole thing in Felix.
 */
public final class InProcessVirt implements Virt, DriverAccess {
    private final DriverTable<ConnectDriver> drivers = new DriverTable<>();
    private final AtomicLong serviceIds = new AtomicLong();
    private final String defaultUri;

    /** @param defaultUri what {@code open(null)} opens */
    public InProcessVirt(String defaultUri) {
        this.defaultUri = defaultUri;
    }

    /**
     * Adds a driver as its service would: local-only with one scheme, or, with a null scheme, the
     * remote driver (no schemes, always last in the table).
     */
    public InProcessVirt add(ConnectDriver driver, String name, String scheme) {
        return add(driver, name, scheme, DriverProperties.KIND_HYPERVISOR);
    }

    /** Adds a driver of a kind ({@code network}, ..., or {@code hypervisor}) with one scheme, local-only. */
    public InProcessVirt add(ConnectDriver driver, String name, String scheme, String kind) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, serviceIds.incrementAndGet());
        props.put(DriverProperties.NAME, name);
        props.put(DriverProperties.KIND, kind);
        if (scheme != null) {
            props.put(DriverProperties.URI_SCHEMES, scheme);
            props.put(DriverProperties.LOCAL_ONLY, true);
        }
        drivers.add(new DriverEntry<>(driver, props, null));
        return this;
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
        ConnectUri parsed = ConnectUri.parse(uri != null ? uri : defaultUri);
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
    public Optional<ManagedConnection> openSecondary(String kind, ConnectUri uri) {
        Resolution r = UriResolver.resolve(drivers.snapshot().stream()
                .filter(e -> !e.isRemote() && kind.equals(e.kind())).toList(), uri, null, 0, s -> null);
        if (!r.succeeded() && r.driver() != null) {
            throw r.error();
        }
        return r.succeeded() ? Optional.of(new ManagedConnection(this, uri, null, 0, r.driver(), r.connection(), true))
                : Optional.empty();
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
