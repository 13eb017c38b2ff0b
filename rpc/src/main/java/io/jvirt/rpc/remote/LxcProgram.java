package io.jvirt.rpc.remote;

import java.util.Collection;
import java.util.List;

import io.jvirt.rpc.remote.Procedure.Priority;
import io.jvirt.rpc.remote.RemoteTypes.RemoteDomain;

/**
 * libvirt's LXC program ({@code lxc_protocol.x}, 0x00068000 v1): libvirt-lxc's one call, declared
 * so that jvirt's daemon answers it as libvirtd does for a driver without it.
 */
public final class LxcProgram {
    public static final int PROGRAM = 0x00068000;
    public static final int VERSION = 1;

    private LxcProgram() {
    }

    /** {@code lxc_domain_open_namespace_args}. */
    public record DomainOpenNamespaceArgs(RemoteDomain dom, int flags) {
    }

    /** The namespaces come back as file descriptors, so the reply has no payload. */
    public static final Procedure<DomainOpenNamespaceArgs, Void> DOMAIN_OPEN_NAMESPACE = new Procedure<>(PROGRAM, 1,
            "DOMAIN_OPEN_NAMESPACE", "virDomainLxcOpenNamespace", DomainOpenNamespaceArgs.class, null,
            Priority.NORMAL, true);

    public static Procedure<?, ?> procedure(int number) {
        return number == 1 ? DOMAIN_OPEN_NAMESPACE : null;
    }

    public static Collection<Procedure<?, ?>> procedures() {
        return List.of(DOMAIN_OPEN_NAMESPACE);
    }
}
