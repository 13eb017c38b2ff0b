package io.jvirt.network.nwfilter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.network.nwfilter.host.HostNet;
import io.jvirt.network.nwfilter.learn.PacketLearners;
import io.jvirt.network.nwfilter.state.Instance;
import io.jvirt.network.nwfilter.store.Layout;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StateDriver;

/**
 * The nwfilter driver, as libvirt's {@code virtnwfilterd}: {@code nwfilter:///system} filters the host's
 * guests; {@code nwfilter:///embed?root=DIR} is a private instance whose filters and bindings live in
 * DIR (beside the {@code qemu:///embed} instance of the same root; libvirt has no embedded nwfilter
 * driver) and which changes the same firewall; {@code nwfilter:///session} is libvirt's unprivileged
 * driver: no filters, and defining one or a binding is refused. An instance is opened on first use
 * and kept until the component goes; its rules stay on the host when it goes (guests stay filtered)
 * and its bindings are instantiated again when it comes back.
 */
@Component(service = { ConnectDriver.class, StateDriver.class }, configurationPid = NWFilterDriverComponent.PID, property = {
        DriverProperties.NAME + "=nwfilter",
        DriverProperties.KIND + "=nwfilter",
        DriverProperties.URI_SCHEMES + "=nwfilter",
        DriverProperties.LOCAL_ONLY + ":Boolean=true",
        "service.ranking:Integer=30" })
@Designate(ocd = NWFilterDriverComponent.Config.class)
public final class NWFilterDriverComponent implements ConnectDriver, StateDriver {
    public static final String PID = "io.jvirt.network.nwfilter";
    public static final Path STOCK_DIR = Path.of("/usr/share/libvirt/nwfilter");

    @ObjectClassDefinition(name = "jvirt nwfilter driver")
    public @interface Config {
        @AttributeDefinition(description = "(key system.root) Filters and bindings of nwfilter:///system; empty: "
                + "<jvirt.data>/nwfilter/system, else /var/lib/jvirt/nwfilter")
        String system_root() default "";

        @AttributeDefinition(description = "(key stock.dir) Where Debian's libvirt-daemon-config-nwfilter put libvirt's "
                + "stock filters; each is defined once in every instance; empty: none")
        String stock_dir() default "/usr/share/libvirt/nwfilter";

        @AttributeDefinition(description = "Where libvirt's RELAX NG schemas are (for the VALIDATE flags)")
        String schemas_dir() default "/usr/share/libvirt/schemas";
    }

    private final Path systemRoot;
    private final Path stockDir;
    private final SchemaValidator schemas;
    private final Function<DriverScope, HostNet> hosts;
    private final Map<DriverScope, Instance> instances = new ConcurrentHashMap<>();

    @Activate
    public NWFilterDriverComponent(Config config, BundleContext context) {
        this(systemRoot(config.system_root(), context.getProperty("jvirt.data")),
                config.stock_dir().isBlank() ? null : Path.of(config.stock_dir().trim()),
                new SchemaValidator(Path.of(config.schemas_dir())), scope -> HostNet.system());
    }

    /**
     * A driver outside OSGi (tests, embedding).
     *
     * @param hosts the network stack each scope filters (tests give an embedded instance a namespace)
     */
    public NWFilterDriverComponent(Path systemRoot, Path stockDir, SchemaValidator schemas,
            Function<DriverScope, HostNet> hosts) {
        this.systemRoot = systemRoot;
        this.stockDir = stockDir;
        this.schemas = schemas;
        this.hosts = hosts;
    }

    static Path systemRoot(String configured, String data) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        if (data != null && !data.isBlank()) {
            return Path.of(data, "nwfilter", "system");
        }
        return Path.of("/var/lib/jvirt/nwfilter");
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!"nwfilter".equalsIgnoreCase(uri.scheme())) {
            return OpenResult.declined();
        }
        try {
            DriverScope scope = scope(uri);
            return OpenResult.success(new NWFilterConnection(instance(scope), uri.toString(), schemas));
        } catch (VirtException e) {
            return OpenResult.error(e);
        }
    }

    private static DriverScope scope(ConnectUri uri) {
        Optional<DriverScope> scope = DriverScope.of(uri);
        if (scope.isPresent()) {
            return scope.get();
        }
        String path = uri.path() == null || uri.path().isEmpty() ? "/" : uri.path();
        if (path.equals("/embed")) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, uri.param("root").isEmpty()
                    ? "invalid argument: URI 'nwfilter:///embed' requires a 'root' parameter"
                    : "invalid argument: root directory '" + uri.param("root").get()
                            + "' of nwfilter:///embed must be absolute");
        }
        throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                "internal error: unexpected nwfilter URI path '" + path + "', try nwfilter:///system");
    }

    /** The instance of a scope, opened (its filters loaded, its bindings instantiated) on first use. */
    public Instance instance(DriverScope scope) {
        return instances.computeIfAbsent(scope, s -> switch (s.kind()) {
            case SYSTEM -> Instance.open(systemRoot, hosts.apply(s), true, stockDir, PacketLearners::new);
            case SESSION -> Instance.open(Path.of("/nonexistent"), hosts.apply(s), false, null, PacketLearners::new);
            case EMBED -> Instance.open(Path.of(s.root().orElseThrow()).normalize(), hosts.apply(s), true, stockDir,
                    PacketLearners::new);
        });
    }

    /**
     * libvirt's nwfilterStateInitialize: loads the system instance when its root has been used (its
     * bindings are instantiated again, e.g. after a platform restart), before the hypervisor drivers'
     * states start. Other instances load on first use.
     */
    @Override
    public void initialize() {
        List<String> failed = new ArrayList<>();
        if (Files.isDirectory(new Layout(systemRoot).filters()) || Files.isDirectory(new Layout(systemRoot).bindings())) {
            try {
                instance(DriverScope.SYSTEM);
            } catch (VirtException e) {
                failed.add(systemRoot + ": " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER,
                    "internal error: cannot initialize the nwfilter driver's state: " + String.join("; ", failed));
        }
    }

    /** Lets go of every instance: filters and bindings stay on disk, rules on the host. */
    @Deactivate
    public void deactivate() {
        instances.values().forEach(Instance::close);
        instances.clear();
    }
}
