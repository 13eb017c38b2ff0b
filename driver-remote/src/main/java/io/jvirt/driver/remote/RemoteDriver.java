package io.jvirt.driver.remote;

import java.nio.file.Path;

import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.VirtException;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.OpenResult;

/**
 * libvirt's remote driver: the table's last entry (no {@code jvirt.uri.schemes}), taking every URI
 * that names a host or a transport, or whose default daemon socket exists, and speaking libvirt's
 * RPC protocol to jvirtd or libvirtd.
 * <p>
 * Inside a platform that runs jvirtd (the monolithic daemon, in libvirt's terms) it declines URIs
 * without a host or an explicit socket, as libvirt's remote driver does inside libvirtd: such a
 * URI is for a local driver, and opening the daemon's own socket would loop back into it.
 */
@Component(service = ConnectDriver.class, property = DriverProperties.NAME + "=remote",
        configurationPid = RemoteDriver.PID)
@Designate(ocd = RemoteDriver.Config.class)
public final class RemoteDriver implements ConnectDriver {
    public static final String PID = "io.jvirt.driver.remote";
    /** The property of jvirtd's status service (see the daemon's Jvirtd component). */
    static final String JVIRTD_FILTER = "(jvirtd.unix=*)";

    @ObjectClassDefinition(name = "jvirt remote driver", description = "libvirt's RPC protocol to jvirtd or "
            + "libvirtd; changes apply to connections opened afterwards")
    public @interface Config {
        @AttributeDefinition(description = "Directory of the daemon's libvirt-sock and libvirt-sock-ro for "
                + "URIs without a host or socket parameter")
        String socket_dir() default "/run/libvirt";

        @AttributeDefinition(description = "Milliseconds a TCP or TLS connection may take to establish")
        int connect_timeout_ms() default 30_000;

        @AttributeDefinition(description = "Milliseconds a call on a ?reconnect=1 connection waits for the "
                + "session to come back")
        long reconnect_wait_ms() default 30_000;
    }

    private volatile RemoteSettings settings;
    private final BooleanSupplier insideDaemon;

    @Activate
    public RemoteDriver(BundleContext context, Config config) {
        this(settings(config), () -> {
            try {
                return context.getServiceReferences((String) null, JVIRTD_FILTER) != null;
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** With another directory for the default {@code libvirt-sock}/{@code libvirt-sock-ro} (tests). */
    public RemoteDriver(Path defaultSocketDir) {
        this(RemoteSettings.defaults().withSocketDir(defaultSocketDir), () -> false);
    }

    RemoteDriver(RemoteSettings settings, BooleanSupplier insideDaemon) {
        this.settings = settings;
        this.insideDaemon = insideDaemon;
    }

    /** A configuration change: connections already open keep the values they were opened with. */
    @Modified
    void modified(Config config) {
        settings = settings(config);
    }

    private static RemoteSettings settings(Config config) {
        return new RemoteSettings(Path.of(config.socket_dir()), Math.max(1, config.connect_timeout_ms()),
                Math.max(0, config.reconnect_wait_ms()));
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!uri.hasHost() && uri.param("socket").isEmpty() && insideDaemon.getAsBoolean()) {
            return OpenResult.declined();
        }
        try {
            RemoteSettings now = settings;
            RemoteUri spec = RemoteUri.of(uri, flags, now.socketDir());
            if (spec == null) {
                return OpenResult.declined();
            }
            RemoteDrivers conn = new RemoteDrivers(spec, flags, now);
            conn.start();
            return OpenResult.success(conn);
        } catch (VirtException e) {
            return OpenResult.error(e);
        }
    }
}
