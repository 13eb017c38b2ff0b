package io.jvirt.driver.remote;

import java.nio.file.Path;

import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

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
@Component(service = ConnectDriver.class, property = DriverProperties.NAME + "=remote")
public final class RemoteDriver implements ConnectDriver {
    /** The property of jvirtd's status service (see the daemon's Jvirtd component). */
    static final String JVIRTD_FILTER = "(jvirtd.unix=*)";

    private final Path defaultSocketDir;
    private final BooleanSupplier insideDaemon;

    @Activate
    public RemoteDriver(BundleContext context) {
        this(RemoteUri.DEFAULT_SOCKET_DIR, () -> {
            try {
                return context.getServiceReferences((String) null, JVIRTD_FILTER) != null;
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** With another directory for the default {@code libvirt-sock}/{@code libvirt-sock-ro} (tests). */
    public RemoteDriver(Path defaultSocketDir) {
        this(defaultSocketDir, () -> false);
    }

    RemoteDriver(Path defaultSocketDir, BooleanSupplier insideDaemon) {
        this.defaultSocketDir = defaultSocketDir;
        this.insideDaemon = insideDaemon;
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!uri.hasHost() && uri.param("socket").isEmpty() && insideDaemon.getAsBoolean()) {
            return OpenResult.declined();
        }
        try {
            RemoteUri spec = RemoteUri.of(uri, flags, defaultSocketDir);
            if (spec == null) {
                return OpenResult.declined();
            }
            RemoteDrivers conn = new RemoteDrivers(spec, flags);
            conn.start();
            return OpenResult.success(conn);
        } catch (VirtException e) {
            return OpenResult.error(e);
        }
    }
}
