package io.jvirt.driver.lxc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
import io.jvirt.driver.lxc.cgroup.Cgroups;
import io.jvirt.driver.lxc.domain.LxcInstance;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StateDriver;

/**
 * The LXC driver: {@code lxc:///system} ({@code lxc:///} is libvirt's alias for it) and
 * {@code lxc:///embed?root=DIR}, a private instance whose whole state lives in DIR (what the tests
 * use; its cgroups go under {@code PARTITION/jvirt-HASH/} so instances never share one). Its state
 * ({@link #initialize()}) is that of the system instance once its root has been used: it finds
 * its running containers again and autostarts once per host boot. Deactivating the component lets
 * go of the containers, never stops them.
 */
@Component(service = { ConnectDriver.class, StateDriver.class }, configurationPid = LxcDriver.PID, property = {
        DriverProperties.NAME + "=lxc",
        DriverProperties.URI_SCHEMES + "=lxc",
        DriverProperties.LOCAL_ONLY + ":Boolean=true",
        "service.ranking:Integer=20" })
@Designate(ocd = LxcDriver.Config.class)
public final class LxcDriver implements ConnectDriver, StateDriver {
    public static final String PID = "io.jvirt.driver.lxc";

    @ObjectClassDefinition(name = "jvirt LXC driver")
    public @interface Config {
        @AttributeDefinition(description = "(key system.root) State of lxc:///system; empty: <jvirt.data>/lxc/system, "
                + "else /var/lib/jvirt/lxc")
        String system_root() default "";
    }

    private final Path systemRoot;
    private final Cgroups cgroups;
    private final Map<Path, LxcInstance> instances = new ConcurrentHashMap<>();

    @Activate
    public LxcDriver(Config config, BundleContext context) {
        this(root(config.system_root(), context.getProperty("jvirt.data")), Cgroups.host());
    }

    /** A driver outside OSGi (tests, embedding). */
    public LxcDriver(Path systemRoot, Cgroups cgroups) {
        this.systemRoot = systemRoot.toAbsolutePath().normalize();
        this.cgroups = cgroups;
    }

    private static Path root(String configured, String data) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        if (data != null && !data.isBlank()) {
            return Path.of(data, "lxc", "system");
        }
        return Path.of("/var/lib/jvirt/lxc");
    }

    @Override
    public void initialize() {
        if (Files.isDirectory(systemRoot.resolve("run"))) {
            instance(systemRoot);
        }
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!"lxc".equalsIgnoreCase(uri.scheme())) {
            return OpenResult.declined();
        }
        String path = uri.path() == null ? "" : uri.path();
        try {
            Path root = switch (path) {
                case "", "/", "/system" -> systemRoot;
                case "/embed" -> {
                    String r = uri.param("root").orElseThrow(() -> LxcErrors.invalidArg(
                            "URI 'lxc:///embed' requires a 'root' parameter"));
                    if (!r.startsWith("/")) {
                        throw LxcErrors.invalidArg("root directory '" + r + "' of lxc:///embed must be absolute");
                    }
                    yield Path.of(r).normalize();
                }
                // libvirtd 9.0: code 1 (internal error), domain 17 (LXC)
                default -> throw LxcErrors.internal("Unexpected LXC URI path '" + path + "', try lxc:///system");
            };
            return OpenResult.success(new LxcConnection(instance(root), uri.toString()));
        } catch (VirtException e) {
            return OpenResult.error(e);
        }
    }

    LxcInstance instance(Path root) {
        return instances.computeIfAbsent(root, r -> new LxcInstance(r, cgroups, r.equals(systemRoot) ? "" : prefix(r))
                .initialize());
    }

    /** The cgroup level of an embedded instance: 12 hex digits of its root's SHA-256. */
    static String prefix(Path root) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return "jvirt-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets go of every instance; their containers keep running and are found again next time. */
    @Deactivate
    public void deactivate() {
        instances.values().forEach(LxcInstance::close);
        instances.clear();
    }
}
