package io.jvirt.driver.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.VirtException;
import io.jvirt.driver.qemu.domain.QemuInstance;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StateDriver;

/**
 * The QEMU driver: {@code qemu:///system} and {@code qemu:///session} (two instances with their own
 * roots, see {@link Config}) and {@code qemu:///embed?root=DIR} (a private instance whose whole state
 * lives in DIR, as libvirt's embedded driver). Its state ({@link #initialize()}, called by the registry
 * off the activation thread) is that of the system and session instances that have been used: they
 * reattach to their running guests and autostart once per host boot; any other instance does the same
 * when it is first opened. Deactivating the component lets go of the guests, never kills them.
 */
@Component(service = { ConnectDriver.class, StateDriver.class }, configurationPid = QemuDriver.PID, property = {
        DriverProperties.NAME + "=qemu",
        DriverProperties.URI_SCHEMES + "=qemu",
        DriverProperties.LOCAL_ONLY + ":Boolean=true",
        "service.ranking:Integer=20" })
@Designate(ocd = QemuDriver.Config.class)
public final class QemuDriver implements ConnectDriver, StateDriver {
    public static final String PID = "io.jvirt.driver.qemu";

    @ObjectClassDefinition(name = "jvirt QEMU driver")
    public @interface Config {
        @AttributeDefinition(description = "(key system.root) State of qemu:///system; empty: <jvirt.data>/qemu/system, "
                + "else /var/lib/jvirt/qemu")
        String system_root() default "";

        @AttributeDefinition(description = "(key session.root) State of qemu:///session; empty: "
                + "<jvirt.data>/qemu/session, else $XDG_DATA_HOME/jvirt/qemu or ~/.local/share/jvirt/qemu")
        String session_root() default "";

        @AttributeDefinition(description = "The emulator for guests without <emulator>")
        String emulator() default "/usr/bin/qemu-system-x86_64";
    }

    private final Path systemRoot;
    private final Path sessionRoot;
    private final Path emulator;
    private final Map<Path, QemuInstance> instances = new ConcurrentHashMap<>();

    @Activate
    public QemuDriver(Config config, BundleContext context) {
        this(root(config.system_root(), context.getProperty("jvirt.data"), "system"),
                root(config.session_root(), context.getProperty("jvirt.data"), "session"),
                Path.of(config.emulator()));
    }

    /** A driver outside OSGi (tests, embedding). */
    public QemuDriver(Path systemRoot, Path sessionRoot, Path emulator) {
        this.systemRoot = systemRoot;
        this.sessionRoot = sessionRoot;
        this.emulator = emulator;
    }

    /**
     * The state of {@code qemu:///system} and {@code qemu:///session}, as libvirtd's at its start:
     * each instance whose root has been used reattaches to its guests and, the first time in this
     * host boot, starts its autostart domains. Idempotent: an instance already there is kept.
     */
    @Override
    public void initialize() {
        List<String> failed = new ArrayList<>();
        for (Path root : List.of(systemRoot, sessionRoot)) {
            if (Files.isDirectory(root.resolve("run"))) {
                try {
                    instance(root);
                } catch (VirtException e) {
                    failed.add(root + ": " + e.getMessage());
                }
            }
        }
        if (!failed.isEmpty()) {
            throw QemuErrors.internal("cannot initialize the QEMU driver's state: " + String.join("; ", failed));
        }
    }

    private static Path root(String configured, String data, String which) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        if (data != null && !data.isBlank()) {
            return Path.of(data, "qemu", which);
        }
        if (which.equals("system")) {
            return Path.of("/var/lib/jvirt/qemu");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share"))
                .resolve("jvirt").resolve("qemu");
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!"qemu".equalsIgnoreCase(uri.scheme())) {
            return OpenResult.declined();
        }
        String path = uri.path() == null ? "" : uri.path();
        try {
            Path root = switch (path) {
                case "/system" -> systemRoot;
                case "/session" -> sessionRoot;
                case "/embed" -> {
                    String r = uri.param("root").orElseThrow(() -> QemuErrors.invalidArg(
                            "URI 'qemu:///embed' requires a 'root' parameter"));
                    if (!r.startsWith("/")) {
                        throw QemuErrors.invalidArg("root directory '" + r + "' of qemu:///embed must be absolute");
                    }
                    yield Path.of(r).normalize();
                }
                default -> throw QemuErrors.invalidArg("unexpected QEMU URI path '" + path
                        + "', try qemu:///system, qemu:///session or qemu:///embed?root=DIR");
            };
            return OpenResult.success(new QemuConnection(instance(root), uri.toString()));
        } catch (VirtException e) {
            return OpenResult.error(e);
        }
    }

    QemuInstance instance(Path root) {
        return instances.computeIfAbsent(root, r -> {
            QemuInstance q = new QemuInstance(r, emulator, !r.equals(systemRoot) && !r.equals(sessionRoot),
                    !r.equals(sessionRoot));
            q.storage(storageOf(r)); // before initialize(): autostart may need volumes
            return q.initialize();
        });
    }

    /**
     * The platform's API, to reach the storage driver where no connection calls (autostart): libvirt's
     * {@code virGetConnectStorage()} outside a client's call. Optional: without it, volume disks of
     * autostarted guests fail as on a libvirtd without a storage driver.
     */
    @org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile io.jvirt.api.Virt virt;

    private io.jvirt.driver.qemu.storage.VolumeDisks.Access storageOf(Path root) {
        String uri = root.equals(systemRoot) ? "storage:///system" : root.equals(sessionRoot) ? "storage:///session"
                : io.jvirt.spi.DriverScope.embed(root.toString()).uri("storage").toString();
        return new io.jvirt.driver.qemu.storage.VolumeDisks.Access() {
            @Override
            public <T> T with(java.util.function.Function<io.jvirt.api.Connect, T> call) {
                io.jvirt.api.Virt v = virt;
                if (v == null) {
                    throw new VirtException(io.jvirt.api.ErrorCode.NO_CONNECT, io.jvirt.api.ErrorDomain.NONE,
                            "no connection driver available for " + uri);
                }
                try (io.jvirt.api.Connect c = v.open(uri)) {
                    return call.apply(c);
                }
            }
        };
    }

    /** Lets go of every instance; their guests keep running and are found again next time. */
    @Deactivate
    public void deactivate() {
        instances.values().forEach(QemuInstance::close);
        instances.clear();
    }
}
