package io.jvirt.daemon.remote;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.dispatch.Handler;
import io.jvirt.spi.Unsupported;

/**
 * The calls libvirt had before its {@code ListAll} calls ({@code virConnectNumOfNetworks}, ...),
 * which jvirtd answers from them: where the connection's driver does not serve the kind (a
 * {@code network:///system} connection asked for pools), the error names the call the client
 * made, as libvirt's own entry for it does.
 */
final class Legacy {
    private static final java.util.regex.Pattern LIST_ALL = java.util.regex.Pattern.compile(": virConnectListAll\\w+$");

    private Legacy() {
    }

    static <A, R> Handler<A, R> as(String api, Handler<A, R> fromListAll) {
        return (c, a) -> {
            try {
                return fromListAll.handle(c, a);
            } catch (VirtException e) {
                if (e.code() == ErrorCode.NO_SUPPORT && LIST_ALL.matcher(e.getMessage()).find()) {
                    throw Unsupported.api(api);
                }
                throw e;
            }
        };
    }
}
