package io.jvirt.driver.remote;

import java.nio.file.Path;

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
 */
@Component(service = ConnectDriver.class, property = DriverProperties.NAME + "=remote")
public final class RemoteDriver implements ConnectDriver {
    private final Path defaultSocketDir;

    public RemoteDriver() {
        this(RemoteUri.DEFAULT_SOCKET_DIR);
    }

    /** With another directory for the default {@code libvirt-sock}/{@code libvirt-sock-ro} (tests). */
    public RemoteDriver(Path defaultSocketDir) {
        this.defaultSocketDir = defaultSocketDir;
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
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
