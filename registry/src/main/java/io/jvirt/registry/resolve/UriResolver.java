package io.jvirt.registry.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.registry.resolve.Resolution.Outcome;
import io.jvirt.registry.resolve.Resolution.Step;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.OpenResult;

/**
 * libvirt's {@code virConnectOpen} walk over the driver table (DESIGN §1): skip local-only drivers
 * for a URI that names a host and remote-only ones for a URI that does not, skip drivers whose
 * scheme list lacks the URI's exact scheme, then ask each remaining driver in order. SUCCESS stops,
 * DECLINED goes on, ERROR aborts. Drivers without a scheme list (remote) are asked last.
 */
public final class UriResolver {
    private UriResolver() {
    }

    /**
     * @param missingDriver names the driver that used to serve a scheme and is gone (hot swap), or
     *                      returns null; used to word the no-driver error
     */
    public static Resolution resolve(List<DriverEntry<ConnectDriver>> table, ConnectUri uri, ConnectAuth auth,
            int flags, Function<String, String> missingDriver) {
        List<Step> steps = new ArrayList<>();
        String scheme = uri.scheme().toLowerCase(Locale.ROOT);
        for (DriverEntry<ConnectDriver> e : table) {
            String skip = skipReason(e, uri, scheme);
            if (skip != null) {
                steps.add(new Step(e.name(), Outcome.SKIPPED, skip));
                continue;
            }
            if (!e.enter()) {
                steps.add(new Step(e.name(), Outcome.SKIPPED, "the driver is being removed"));
                continue;
            }
            OpenResult result;
            try {
                result = e.service().open(uri, auth, flags);
            } catch (VirtException ex) {
                result = OpenResult.error(ex);
            } catch (RuntimeException ex) {
                result = OpenResult.error(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                        "internal error: driver " + e.describe() + " failed to open " + uri + ": " + ex, ex));
            } finally {
                e.exit();
            }
            if (result == null) {
                result = OpenResult.declined();
            }
            switch (result.status()) {
                case SUCCESS -> {
                    steps.add(new Step(e.name(), Outcome.OPENED, "opened the URI"));
                    return new Resolution(e, result.connection(), null, List.copyOf(steps));
                }
                case DECLINED -> steps.add(new Step(e.name(), Outcome.DECLINED, "the driver declined the URI"));
                case ERROR -> {
                    steps.add(new Step(e.name(), Outcome.ERROR, result.error().getMessage()));
                    return new Resolution(e, null, result.error(), List.copyOf(steps));
                }
            }
        }
        String missing = missingDriver.apply(scheme);
        String message = "no connection driver available for " + uri
                + (missing != null ? ": driver " + missing + " is not running" : "");
        return new Resolution(null, null, new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE, message),
                List.copyOf(steps));
    }

    private static String skipReason(DriverEntry<ConnectDriver> e, ConnectUri uri, String scheme) {
        if (e.isRemote()) {
            return null;
        }
        if (e.localOnly() && uri.hasHost()) {
            return "local-only driver, and the URI names host '" + uri.host().orElse("") + "'";
        }
        if (e.remoteOnly() && !uri.hasHost()) {
            return "remote-only driver, and the URI names no host";
        }
        if (!e.schemes().contains(scheme)) {
            return "scheme '" + uri.scheme() + "' is not one of " + e.schemes();
        }
        return null;
    }
}
