package io.jvirt.daemon.dispatch;

import java.lang.reflect.RecordComponent;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.client.Client;
import io.jvirt.rpc.remote.Procedure;
import io.jvirt.rpc.remote.RemoteProgram;
import io.jvirt.spi.PublicApis;

/**
 * What libvirtd checks before a procedure's public API reaches a driver, in its order: that the
 * client opened a connection (every call but opening, closing and authenticating needs one), then,
 * in the public API, that a read-only connection neither changes state nor asks for secrets. The
 * refusals name the public API of this very procedure: {@code DOMAIN_DESTROY} is
 * {@code virDomainDestroy} and {@code DOMAIN_DESTROY_FLAGS} {@code virDomainDestroyFlags}, although
 * jvirt's Java API serves both with one method (whose own check names the flags variant).
 */
final class PublicApiChecks {
    /**
     * A read-only refusal that depends on an argument: which field, when it refuses, and whether
     * libvirt words it as asking for secrets ({@code virDomainGetXMLDesc with secure flag}) or as
     * any other change ({@code read only access prevents virDomainGetVcpusFlags}).
     */
    private record ArgumentCheck(String field, java.util.function.IntPredicate refuses, boolean secure) {
    }

    /**
     * The public APIs that refuse some arguments on a read-only connection (libvirt-domain.c,
     * -domain-snapshot.c, -domain-checkpoint.c): XML with secrets (SECURE, and a domain's migratable
     * XML, which carries them), the guest's own vCPU view and addresses (both asked of the guest agent).
     */
    private static final Map<String, ArgumentCheck> ARGUMENT_CHECKS = Map.of(
            "DOMAIN_GET_XML_DESC", new ArgumentCheck("flags", f -> (f & (1 | 8)) != 0, true),
            "DOMAIN_SNAPSHOT_GET_XML_DESC", new ArgumentCheck("flags", f -> (f & 1) != 0, true),
            "DOMAIN_CHECKPOINT_GET_XML_DESC", new ArgumentCheck("flags", f -> (f & 1) != 0, true),
            "DOMAIN_MANAGED_SAVE_GET_XML_DESC", new ArgumentCheck("flags", f -> (f & 1) != 0, true),
            "DOMAIN_GET_VCPUS_FLAGS", new ArgumentCheck("flags", f -> (f & 8) != 0, false), // VIR_DOMAIN_VCPU_GUEST
            "DOMAIN_INTERFACE_ADDRESSES", new ArgumentCheck("source", s -> s == 1, false));

    private PublicApiChecks() {
    }

    static void check(Client client, Procedure<?, ?> proc, Object args) {
        if (!client.isOpen()) {
            if (needsConnection(proc, args)) {
                throw notOpen(proc);
            }
            return;
        }
        invalidArguments(proc, args);
        if (!client.connect().isReadOnly()) {
            return;
        }
        String api = proc.publicApi();
        ArgumentCheck c = proc.program() == RemoteProgram.PROGRAM ? ARGUMENT_CHECKS.get(proc.name()) : null;
        boolean refusedArgument = c != null && c.refuses().test(intField(args, c.field()));
        if (proc.mutating() || refusedArgument) {
            String why = refusedArgument && c.secure() ? api + " with secure flag" : "read only access prevents " + api;
            throw new VirtException(ErrorCode.OPERATION_DENIED, PublicApis.errorDomain(api), "operation forbidden: " + why);
        }
    }

    /** VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND and _REMOVE: both need keys. */
    private static final int SSH_KEYS_APPEND_OR_REMOVE = 1 | 2;

    /**
     * The argument checks of the public API that come before its read-only check (measured on
     * libvirtd 9.0's read-only socket): appending or removing no SSH keys (an empty XDR array
     * arrives as NULL) is VIR_ERR_INVALID_ARG, read-only or not.
     */
    private static void invalidArguments(Procedure<?, ?> proc, Object args) {
        if (proc.program() == RemoteProgram.PROGRAM && proc.name().equals("DOMAIN_AUTHORIZED_SSH_KEYS_SET")
                && (intField(args, "flags") & SSH_KEYS_APPEND_OR_REMOVE) != 0 && listField(args, "keys").isEmpty()) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                    "keys in virDomainAuthorizedSSHKeysSet must not be NULL");
        }
    }

    /** libvirt's VIR_DRV_FEATURE_PROGRAM_KEEPALIVE: the one feature a client asks about before opening. */
    private static final int FEATURE_PROGRAM_KEEPALIVE = 10;

    private static boolean needsConnection(Procedure<?, ?> proc, Object args) {
        if (proc.program() != RemoteProgram.PROGRAM) {
            return true;
        }
        String n = proc.name();
        if (n.equals("CONNECT_SUPPORTS_FEATURE")) {
            // libvirtd answers the keepalive feature before CONNECT_OPEN (clients ask it first);
            // every other feature needs the hypervisor connection
            return intField(args, "feature") != FEATURE_PROGRAM_KEEPALIVE;
        }
        return !(n.equals("CONNECT_OPEN") || n.equals("CONNECT_CLOSE") || n.equals("AUTH_LIST")
                || n.startsWith("AUTH_SASL_"));
    }

    /** Node device calls that libvirt sends to the hypervisor driver (host device assignment). */
    private static final java.util.Set<String> HYPERVISOR_NODE_DEVICE_CALLS = java.util.Set.of("NODE_DEVICE_DETTACH",
            "NODE_DEVICE_DETACH_FLAGS", "NODE_DEVICE_RE_ATTACH", "NODE_DEVICE_RESET");

    /**
     * libvirtd's words for a call before CONNECT_OPEN: calls of the network, storage, nwfilter, secret,
     * node device and interface drivers say "connection not open", the hypervisor's say
     * "hypervisor connection not open" (measured for every procedure of libvirtd 9.0).
     */
    static VirtException notOpen(Procedure<?, ?> proc) {
        boolean secondary = !HYPERVISOR_NODE_DEVICE_CALLS.contains(proc.name())
                && switch (PublicApis.errorDomain(proc.publicApi())) {
                    case NETWORK, STORAGE, NWFILTER, SECRET, NODEDEV, INTERFACE -> true;
                    default -> false;
                };
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.RPC,
                "internal error: " + (secondary ? "" : "hypervisor ") + "connection not open");
    }

    /** A list field of a call's arguments, empty when it has none. */
    private static java.util.List<?> listField(Object args, String field) {
        Object v = field(args, field, java.util.List.class);
        return v == null ? java.util.List.of() : (java.util.List<?>) v;
    }

    /** An int field of a call's arguments, 0 when it has none. */
    private static int intField(Object args, String field) {
        Object v = field(args, field, int.class);
        return v == null ? 0 : (int) v;
    }

    /** The value of a call's argument field of that type, null when it has none. */
    private static Object field(Object args, String field, Class<?> type) {
        if (args == null || !args.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent c : args.getClass().getRecordComponents()) {
            if (c.getName().equals(field) && c.getType() == type) {
                try {
                    return c.getAccessor().invoke(args);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
