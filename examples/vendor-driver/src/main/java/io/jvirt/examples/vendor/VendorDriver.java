package io.jvirt.examples.vendor;

import org.osgi.service.component.annotations.Component;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.OpenResult;

/**
 * A third-party hypervisor driver, built only against {@code io.jvirt.api} and {@code io.jvirt.spi}:
 * the model for vendors. It serves {@code vendor:///default}, an in-memory host whose state lives
 * as long as this component instance.
 * <p>
 * All a vendor needs is this: one DS component providing {@link ConnectDriver} with a driver name,
 * its URI schemes and whether it is local-only. The registry does the rest (ordering, URI
 * resolution, read-only enforcement, hot swap).
 */
@Component(service = ConnectDriver.class, property = {
        DriverProperties.NAME + "=vendor",
        DriverProperties.URI_SCHEMES + "=vendor",
        DriverProperties.LOCAL_ONLY + ":Boolean=true",
        "service.ranking:Integer=100" })
public final class VendorDriver implements ConnectDriver {
    private final VendorHost host = new VendorHost();

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        if (!"vendor".equalsIgnoreCase(uri.scheme())) {
            return OpenResult.declined();
        }
        if (!"/default".equals(uri.path())) {
            // The URI is ours but names something we do not have: ERROR stops the search.
            return OpenResult.error(new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE,
                    "no connection driver available for " + uri + ": the vendor driver serves only vendor:///default"));
        }
        return OpenResult.success(new VendorConnection(host, uri));
    }
}
