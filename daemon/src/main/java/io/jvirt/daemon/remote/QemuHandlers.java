package io.jvirt.daemon.remote;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.QemuProgram;

/**
 * The QEMU program's procedures jvirtd answers itself. It serves no monitor events (their
 * registration is "not supported", from the dispatcher), so every callback a client names is
 * unknown, worded as libvirtd words it.
 */
public final class QemuHandlers {
    private QemuHandlers() {
    }

    public static void register(Dispatcher d) {
        d.on(QemuProgram.CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER, (c, a) -> {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC,
                    "internal error: qemu monitor event callback " + a.callbackID() + " not registered");
        });
    }
}
