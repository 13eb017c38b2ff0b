package io.jvirt.driver.secret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.driver.secret.store.Layout;
import io.jvirt.driver.secret.store.SecretStore;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StateDriver;

/**
 * The secret driver, as libvirt's modular {@code virtsecretd}: {@code secret:///system} and
 * {@code secret:///session} (two instances with their own roots, see {@link Config}) and
 * {@code secret:///embed?root=DIR} (a private instance whose secrets live in DIR, beside the
 * {@code qemu:///embed} instance of the same root). An instance is opened on first use and kept
 * until the component goes; its ephemeral secrets go with it.
 */
@Component(service = { ConnectDriver.class, StateDriver.class }, configurationPid = SecretDriverComponent.PID, property = {
        DriverProperties.NAME + "=secret",
        DriverProperties.KIND + "=secret",
        DriverProperties.URI_SCHEMES + "=secret",
        DriverProperties.LOCAL_ONLY + ":Boolean=true",
        "service.ranking:Integer=30" })
@Designate(ocd = SecretDriverComponent.Config.class)
public final class SecretDriverComponent implements ConnectDriver, StateDriver {
    public static final String PID = "io.jvirt.driver.secret";

    @ObjectClassDefinition(name = "jvirt secret driver")
    public @interface Config {
        @AttributeDefinition(description = "(key system.root) Secrets of secret:///system; empty: "
                + "<jvirt.data>/secret/system, else /var/lib/jvirt/secret")
        String system_root() default "";

        @AttributeDefinition(description = "(key session.root) Secrets of secret:///session; empty: "
                + "<jvirt.data>/secret/session, else $XDG_DATA_HOME/jvirt/secret or ~/.local/share/jvirt/secret")
        String session_root() default "";

        @AttributeDefinition(description = "Where libvirt's RELAX NG schemas are (for VIR_SECRET_DEFINE_VALIDATE)")
        String schemas_dir() default "/usr/share/libvirt/schemas";
    }

    private final Path systemRoot;
    private final Path sessionRoot;
    private final SchemaValidator schemas;
    private final Map<Path, SecretStore> instances = new ConcurrentHashMap<>();

    @Activate
    public SecretDriverComponent(Config config, BundleContext context) {
        this(Roots.of(config.system_root(), context.getProperty("jvirt.data"), "system"),
                Roots.of(config.session_root(), context.getProperty("jvirt.data"), "session"),
                new SchemaValidator(Path.of(config.schemas_dir())));
    }

    /** A driver outside OSGi (tests, embedding). */
    public SecretDriverComponent(Path systemRoot, Path sessionRoot, SchemaValidator schemas) {
        this.systemRoot = systemRoot;
        this.sessionRoot = sessionRoot;
        this.schemas = schemas;
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!"secret".equalsIgnoreCase(uri.scheme())) {
            return OpenResult.declined();
        }
        try {
            Path root = root(uri);
            return OpenResult.success(new SecretConnection(instance(root), uri.toString(), schemas));
        } catch (VirtException e) {
            return OpenResult.error(e);
        }
    }

    private Path root(ConnectUri uri) {
        Optional<DriverScope> scope = DriverScope.of(uri);
        if (scope.isEmpty()) {
            String path = uri.path() == null || uri.path().isEmpty() ? "/" : uri.path();
            if (path.equals("/embed")) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, uri.param("root").isEmpty()
                        ? "invalid argument: URI 'secret:///embed' requires a 'root' parameter"
                        : "invalid argument: root directory '" + uri.param("root").get()
                                + "' of secret:///embed must be absolute");
            }
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                    "internal error: unexpected secret URI path '" + path + "', try secret:///system");
        }
        return switch (scope.get().kind()) {
            case SYSTEM -> systemRoot;
            case SESSION -> sessionRoot;
            case EMBED -> Path.of(scope.get().root().orElseThrow()).normalize();
        };
    }

    /**
     * libvirt's secretStateInitialize: loads the system and session instances that have secrets on
     * disk (the registry calls it off the activation thread, before the hypervisor drivers' states,
     * so that an autostarting guest finds its keys). Other instances load on first use.
     */
    @Override
    public void initialize() {
        List<String> failed = new ArrayList<>();
        for (Path root : List.of(systemRoot, sessionRoot)) {
            if (Files.isDirectory(new Layout(root).dir())) {
                try {
                    instance(root);
                } catch (VirtException e) {
                    failed.add(root + ": " + e.getMessage());
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.SECRET,
                    "internal error: cannot initialize the secret driver's state: " + String.join("; ", failed));
        }
    }

    /** The instance of a root, opened (and its secrets loaded) on first use. */
    SecretStore instance(Path root) {
        return instances.computeIfAbsent(root, SecretStore::open);
    }

    /** Lets go of every instance: persistent secrets stay on disk, ephemeral ones are gone. */
    @Deactivate
    public void deactivate() {
        instances.values().forEach(SecretStore::close);
        instances.clear();
    }
}
