package io.jvirt.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;
import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.api.runtime.FailedDriverDTO;
import io.jvirt.api.runtime.ResolutionDTO;
import io.jvirt.registry.connect.DriverAccess;
import io.jvirt.registry.connect.ManagedConnection;
import io.jvirt.registry.resolve.Resolution;
import io.jvirt.registry.resolve.UriResolver;
import io.jvirt.registry.state.StateDrivers;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.StateDriver;

/**
 * The driver registry: keeps the ordered tables of driver services current as bundles come and
 * go (dynamic, greedy references), opens connections by URI as libvirt does, and lets open
 * connections ride over a driver's hot swap.
 */
@Component(service = { Virt.class, DriverRegistryRuntime.class }, configurationPid = DriverRegistry.PID,
        immediate = true)
@Designate(ocd = DriverRegistry.Config.class)
public final class DriverRegistry implements Virt, DriverRegistryRuntime, DriverAccess {
    public static final String PID = "io.jvirt.registry";

    /** The libvirt API level jvirt implements, reported as the library version (9.0.0). */
    static final long LIBVIRT_API_VERSION = 9_000_000L;

    @ObjectClassDefinition(name = "jvirt driver registry", description = "URI resolution and driver hot swap")
    public @interface Config {
        @AttributeDefinition(name = "Default URI",
                description = "Opened when an application names no URI and neither JVIRT_DEFAULT_URI "
                        + "nor LIBVIRT_DEFAULT_URI is set")
        String uri_default() default "";

        @AttributeDefinition(name = "Hot-swap wait (ms)",
                description = "How long calls on open connections wait for a removed driver to return")
        long hotswap_wait_ms() default 10_000L;
    }

    private final DriverTable<ConnectDriver> connectDrivers = new DriverTable<>();
    private final Set<ManagedConnection> connections = ConcurrentHashMap.newKeySet();
    /** scheme -> the driver that served it before it went away, for the no-driver error. */
    private final Map<String, String> goneSchemes = new ConcurrentHashMap<>();
    /** scheme -> the name of that driver, which a secondary connection's first open waits for. */
    private final Map<String, String> goneNames = new ConcurrentHashMap<>();
    /** driver name -> symbolic name of the bundle that last provided it. */
    private final Map<String, String> lastBundle = new ConcurrentHashMap<>();
    /** State drivers, initialized in libvirt's order off SCR's thread; they gate their drivers' calls. */
    private final StateDrivers states = StateDrivers.forBundleOf(DriverRegistry.class, this::hotSwapWaitMs);
    private final Function<String, String> environment;

    private volatile Config config;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime scr;

    @Activate
    public DriverRegistry(Config config) {
        this(config, System::getenv);
    }

    /** For tests: the environment the default URI is read from. */
    DriverRegistry(Config config, Function<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    @Modified
    void modified(Config config) {
        this.config = config;
    }

    @Deactivate
    void deactivate() {
        states.close();
        for (ManagedConnection c : List.copyOf(connections)) {
            c.close();
        }
    }

    // ---------------------------------------------------------------- driver services come and go

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConnectDriver(ConnectDriver driver, ServiceReference<ConnectDriver> ref) {
        DriverEntry<ConnectDriver> e = DriverEntry.of(states.gate(driver, ref), ref);
        if (e.schemes() != null) {
            e.schemes().forEach(goneSchemes::remove);
            e.schemes().forEach(goneNames::remove);
        }
        lastBundle.put(e.name(), e.bundle().getSymbolicName());
        connectDrivers.add(e);
        // Connections that only listen for events make no call that would reattach them; off
        // SCR's thread, since reattaching opens the URI on the new driver.
        for (ManagedConnection c : connections) {
            if (c.listensFor(e.name())) {
                CompletableFuture.runAsync(c::reattach);
            }
        }
    }

    void unbindConnectDriver(ConnectDriver driver, ServiceReference<ConnectDriver> ref) {
        DriverEntry<ConnectDriver> e = connectDrivers.remove(serviceId(ref));
        if (e == null) {
            return;
        }
        if (e.schemes() != null) {
            e.schemes().forEach(s -> goneSchemes.put(s, e.describe()));
            e.schemes().forEach(s -> goneNames.put(s, e.name()));
        }
        // Calls in flight finish on the old instance; then its connections are closed while its
        // bundle is still active, and the next call on each waits for a successor.
        e.retire(hotSwapWaitMs());
        for (ManagedConnection c : connections) {
            if (c.isBoundTo(e)) {
                c.detach(e);
            }
        }
    }

    void updatedConnectDriver(ConnectDriver driver, ServiceReference<ConnectDriver> ref) {
        // Ranking or schemes changed: re-sort, keeping the entry that open connections are bound to.
        connectDrivers.refresh(serviceId(ref), DriverEntry.properties(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStateDriver(StateDriver driver, ServiceReference<StateDriver> ref) {
        states.add(driver, ref);
    }

    void unbindStateDriver(StateDriver driver, ServiceReference<StateDriver> ref) {
        states.remove(ref);
    }

    private static long serviceId(ServiceReference<?> ref) {
        return ((Number) ref.getProperty(org.osgi.framework.Constants.SERVICE_ID)).longValue();
    }

    // ---------------------------------------------------------------- Virt

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
        ConnectUri parsed = ConnectUri.parse(effectiveUri(uri));
        int mask = BitFlag.mask(flags);
        Resolution r = UriResolver.resolve(connectDrivers.snapshot(), parsed, auth, mask, goneSchemes::get);
        if (!r.succeeded()) {
            throw r.error();
        }
        ManagedConnection c = new ManagedConnection(this, parsed, auth, mask, r.driver(), r.connection());
        connections.add(c);
        return c;
    }

    /** Explicit argument, then JVIRT_DEFAULT_URI, then LIBVIRT_DEFAULT_URI, then {@code uri.default}. */
    String effectiveUri(String uri) {
        for (String candidate : new String[] { uri, environment.apply("JVIRT_DEFAULT_URI"),
                environment.apply("LIBVIRT_DEFAULT_URI"), config.uri_default() }) {
            if (candidate != null && !candidate.isEmpty()) {
                return candidate;
            }
        }
        throw new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE,
                "no connection driver available: no URI given, and neither JVIRT_DEFAULT_URI, "
                        + "LIBVIRT_DEFAULT_URI nor the registry's uri.default is set");
    }

    // ---------------------------------------------------------------- DriverAccess

    @Override
    public DriverTable<ConnectDriver> connectDrivers() {
        return connectDrivers;
    }

    @Override
    public Optional<ManagedConnection> openSecondary(String kind, ConnectUri uri) {
        // Only local drivers of the kind: the remote driver would take network:///system to a daemon.
        for (int round = 0;; round++) {
            List<DriverEntry<ConnectDriver>> candidates = connectDrivers.snapshot().stream()
                    .filter(e -> !e.isRemote() && kind.equals(e.kind())).toList();
            Resolution r = UriResolver.resolve(candidates, uri, null, 0, goneSchemes::get);
            if (r.succeeded()) {
                ManagedConnection c = new ManagedConnection(this, uri, null, 0, r.driver(), r.connection(), true);
                connections.add(c);
                return Optional.of(c);
            }
            if (r.driver() != null) {
                throw r.error(); // the kind's driver refused the URI
            }
            String gone = goneNames.get(uri.scheme());
            if (gone == null) {
                return Optional.empty(); // no driver of the kind: its calls are unsupported
            }
            long wait = hotSwapWaitMs();
            boolean back;
            try {
                back = round == 0 && connectDrivers.await(gone, wait).isPresent();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                back = false;
            }
            if (!back) {
                throw new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE, "no connection driver available for "
                        + uri + ": driver " + goneSchemes.getOrDefault(uri.scheme(), "'" + gone + "'")
                        + " did not come back within " + wait + " ms");
            }
        }
    }

    @Override
    public long hotSwapWaitMs() {
        return Math.max(0, config.hotswap_wait_ms());
    }

    @Override
    public long libVersion() {
        return LIBVIRT_API_VERSION;
    }

    @Override
    public void closed(ManagedConnection connection) {
        connections.remove(connection);
    }

    @Override
    public Optional<String> lastBundleOf(String driverName) {
        return Optional.ofNullable(lastBundle.get(driverName));
    }

    // ---------------------------------------------------------------- DriverRegistryRuntime

    @Override
    public List<DriverDTO> getConnectDrivers() {
        return RuntimeViews.drivers(connectDrivers.snapshot(), false, connections);
    }

    /** The secondary drivers (network, storage, ...) of the same table, in its order. */
    @Override
    public List<DriverDTO> getSecondaryDrivers() {
        return RuntimeViews.drivers(connectDrivers.snapshot(), true, connections);
    }

    @Override
    public List<FailedDriverDTO> getFailedDrivers() {
        return RuntimeViews.failed(scr, states.failures());
    }

    @Override
    public int getOpenConnectionCount() {
        return (int) connections.stream().filter(c -> !c.isInternal()).count();
    }

    @Override
    public ResolutionDTO explain(String uri) {
        ResolutionDTO dto = new ResolutionDTO();
        dto.uri = uri;
        try {
            ConnectUri parsed = ConnectUri.parse(effectiveUri(uri));
            dto.uri = parsed.toString();
            Resolution r = UriResolver.resolve(connectDrivers.snapshot(), parsed, null, OpenFlag.READONLY.bit(),
                    goneSchemes::get);
            if (r.succeeded()) {
                r.connection().connectClose();
                dto.driver = r.driver().name();
            } else {
                dto.error = r.error().getMessage();
            }
            dto.steps = RuntimeViews.steps(r.steps());
        } catch (VirtException e) {
            dto.error = e.getMessage();
            dto.steps = new io.jvirt.api.runtime.ResolutionStepDTO[0];
        }
        return dto;
    }
}
