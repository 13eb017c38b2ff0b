package io.jvirt.storage.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.StoragePoolType;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.OncePerBoot;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StateDriver;
import io.jvirt.storage.backend.StorageBackend;
import io.jvirt.storage.core.backends.Backends;
import io.jvirt.storage.core.caps.PoolCapabilities;
import io.jvirt.storage.core.state.Scope;

/**
 * The storage driver, libvirt's {@code virtstoraged}: {@code storage:///system},
 * {@code storage:///session} and {@code storage:///embed?root=DIR}, one state ({@link Scope}) each,
 * over the pool backends that backend bundles register ({@link StorageBackend}, one service per pool
 * type). Its state ({@link #initialize()}) is loaded in libvirt's daemon order, after the network,
 * interface and secret drivers: active pools are checked and refreshed by their backends and, once per
 * host boot, the autostart pools started. Deactivating it stops nothing: pools stay mounted and active,
 * and the next instance finds them so from their status files.
 */
@Component(service = { ConnectDriver.class, StateDriver.class }, configurationPid = StorageConnectDriver.PID,
        property = {
            DriverProperties.NAME + "=storage",
            DriverProperties.KIND + "=storage",
            DriverProperties.URI_SCHEMES + "=storage",
            DriverProperties.LOCAL_ONLY + ":Boolean=true" })
@Designate(ocd = StorageConnectDriver.Config.class)
public final class StorageConnectDriver implements ConnectDriver, StateDriver {
    public static final String PID = "io.jvirt.storage";
    private static final Logger LOG = Logger.getLogger(StorageConnectDriver.class.getName());
    /** libvirt's backend registration order, the order of {@code storage:///system}'s capabilities. */
    private static final List<StoragePoolType> REGISTRATION_ORDER = List.of(StoragePoolType.DIR, StoragePoolType.FS,
            StoragePoolType.NETFS, StoragePoolType.LOGICAL, StoragePoolType.ISCSI, StoragePoolType.ISCSI_DIRECT,
            StoragePoolType.SCSI, StoragePoolType.MPATH, StoragePoolType.DISK, StoragePoolType.RBD,
            StoragePoolType.SHEEPDOG, StoragePoolType.GLUSTER, StoragePoolType.ZFS, StoragePoolType.VSTORAGE);

    @ObjectClassDefinition(name = "jvirt storage driver")
    public @interface Config {
        @AttributeDefinition(description = "(key system.root) State of storage:///system; empty: "
                + "<jvirt.data>/storage/system, else /var/lib/jvirt/storage")
        String system_root() default "";

        @AttributeDefinition(description = "(key session.root) State of storage:///session; empty: "
                + "<jvirt.data>/storage/session, else $XDG_DATA_HOME/jvirt/storage or ~/.local/share/jvirt/storage")
        String session_root() default "";

        @AttributeDefinition(description = "(key backend.wait.ms) How long a call waits for the successor of a "
                + "pool backend that went away (a backend bundle being updated)")
        long backend_wait_ms() default 10_000;
    }

    private final Path systemRoot;
    private final Path sessionRoot;
    private final Backends backends;
    private final Supplier<String> bootId;
    private final Map<DriverScope, Scope> scopes = new ConcurrentHashMap<>();
    private final SecretSource secrets = new SecretSource();

    @Activate
    public StorageConnectDriver(Config config, BundleContext context) {
        this(root(config.system_root(), context.getProperty("jvirt.data"), "system"),
                root(config.session_root(), context.getProperty("jvirt.data"), "session"), config.backend_wait_ms(),
                OncePerBoot::hostBootId);
    }

    /** A driver outside OSGi (tests): backends are added with {@link #addBackend}. */
    public StorageConnectDriver(Path systemRoot, Path sessionRoot, long backendWaitMs, Supplier<String> bootId) {
        this.systemRoot = systemRoot;
        this.sessionRoot = sessionRoot;
        this.bootId = bootId;
        this.backends = new Backends(backendWaitMs);
        this.backends.onArrival(type -> {
            for (Scope s : scopes.values()) {
                try {
                    s.backendArrived(type);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "storage pools of type " + type.xml() + ": " + e.getMessage(), e);
                }
            }
        });
    }

    @Modified
    void modified(Config config) {
        backends.waitMs(config.backend_wait_ms());
    }

    private static Path root(String configured, String data, String which) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        if (data != null && !data.isBlank()) {
            return Path.of(data, "storage", which);
        }
        if (which.equals("system")) {
            return Path.of("/var/lib/jvirt/storage");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share"))
                .resolve("jvirt").resolve("storage");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addBackend(StorageBackend backend, Map<String, Object> props) {
        Object type = props.get(StorageBackend.POOL_TYPE);
        Object ranking = props.get(Constants.SERVICE_RANKING);
        Object id = props.get(Constants.SERVICE_ID);
        if (type != null) {
            backends.add(type.toString(), backend, ranking instanceof Integer r ? r : 0,
                    id instanceof Long l ? l : 0L);
        }
    }

    public void removeBackend(StorageBackend backend) {
        backends.remove(backend);
    }

    /** The state of storage:///system (always) and of storage:///session when its root has been used. */
    @Override
    public void initialize() {
        scope(DriverScope.SYSTEM);
        if (Files.isDirectory(sessionRoot.resolve("run"))) {
            scope(DriverScope.SESSION);
        }
    }

    private Scope scope(DriverScope s) {
        return scopes.computeIfAbsent(s, k -> {
            Path root = switch (k.kind()) {
                case SYSTEM -> systemRoot;
                case SESSION -> sessionRoot;
                case EMBED -> Path.of(k.root().orElseThrow()).resolve("storage");
            };
            Scope scope = new Scope(k.toString(), root, backends, secrets, bootId);
            scope.initialize();
            return scope;
        });
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!"storage".equalsIgnoreCase(uri.scheme())) {
            return OpenResult.declined();
        }
        var s = DriverScope.of(uri);
        if (s.isEmpty()) {
            return OpenResult.error(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.STORAGE,
                    "internal error: unexpected storage URI path '" + uri.path() + "', try storage:///system"));
        }
        try {
            return OpenResult.success(new StorageConnection(scope(s.get()), this));
        } catch (VirtException e) {
            return OpenResult.error(e);
        }
    }

    String poolCapabilities() {
        return PoolCapabilities.format(backends.present());
    }

    /** {@code virConnectGetCapabilities} of the storage driver: the pool types it can serve now. */
    String capabilities() {
        Set<StoragePoolType> present = backends.present();
        StringBuilder sb = new StringBuilder("<capabilities>\n\n  <pool>\n    <enum name='type'>\n");
        for (StoragePoolType t : REGISTRATION_ORDER) {
            if (present.contains(t)) {
                sb.append("      <value>").append(t.xml()).append("</value>\n");
            }
        }
        return sb.append("    </enum>\n  </pool>\n\n</capabilities>\n").toString();
    }

    /** The pool types whose backend is here now (tests, runtime view). */
    public Set<StoragePoolType> backendTypes() {
        return EnumSet.copyOf(backends.present().isEmpty() ? EnumSet.noneOf(StoragePoolType.class) : backends.present());
    }
}
