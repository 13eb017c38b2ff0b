package io.jvirt.rpc.remote;

import java.util.List;
import java.util.UUID;

import io.jvirt.rpc.remote.Procedure.Priority;
import io.jvirt.rpc.remote.RemoteTypes.*;
import io.jvirt.rpc.xdr.Xdr.Chars;
import io.jvirt.rpc.xdr.Xdr.Max;
import io.jvirt.rpc.xdr.Xdr.Opt;
import io.jvirt.rpc.xdr.Xdr.VarChars;

/** REMOTE program procedures: event. One declaration each; the structs as records. */
public final class EventProcedures {
    private EventProcedures() {
    }

    /** {@code remote_connect_domain_event_callback_register_any_args}. */
    public record ConnectDomainEventCallbackRegisterAnyArgs(int eventID, @Opt RemoteDomain dom) {
    }

    /** {@code remote_connect_domain_event_callback_register_any_ret}. */
    public record ConnectDomainEventCallbackRegisterAnyRet(int callbackID) {
    }

    /** {@code remote_connect_domain_event_callback_deregister_any_args}. */
    public record ConnectDomainEventCallbackDeregisterAnyArgs(int callbackID) {
    }

    /** {@code remote_domain_event_callback_lifecycle_msg}. */
    public record DomainEventCallbackLifecycleMsg(int callbackID, DomainEventLifecycleMsg msg) {
    }

    /** {@code remote_connect_network_event_register_any_args}. */
    public record ConnectNetworkEventRegisterAnyArgs(int eventID, @Opt RemoteNetwork net) {
    }

    /** {@code remote_connect_network_event_register_any_ret}. */
    public record ConnectNetworkEventRegisterAnyRet(int callbackID) {
    }

    /** {@code remote_connect_network_event_deregister_any_args}. */
    public record ConnectNetworkEventDeregisterAnyArgs(int callbackID) {
    }

    /** {@code remote_network_event_lifecycle_msg}. */
    public record NetworkEventLifecycleMsg(int callbackID, RemoteNetwork net, int event, int detail) {
    }

    /** {@code remote_domain_event_callback_reboot_msg}. */
    public record DomainEventCallbackRebootMsg(int callbackID, DomainEventRebootMsg msg) {
    }

    public static final Procedure<ConnectDomainEventCallbackRegisterAnyArgs, ConnectDomainEventCallbackRegisterAnyRet> CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY = RemoteProgram.declare(316, "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY",
            ConnectDomainEventCallbackRegisterAnyArgs.class, ConnectDomainEventCallbackRegisterAnyRet.class, Priority.HIGH, false);

    public static final Procedure<ConnectDomainEventCallbackDeregisterAnyArgs, Void> CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY = RemoteProgram.declare(317, "CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY",
            ConnectDomainEventCallbackDeregisterAnyArgs.class, null, Priority.HIGH, false);

    public static final Procedure<DomainEventCallbackLifecycleMsg, Void> DOMAIN_EVENT_CALLBACK_LIFECYCLE = RemoteProgram.declare(318, "DOMAIN_EVENT_CALLBACK_LIFECYCLE",
            DomainEventCallbackLifecycleMsg.class, null, Priority.NORMAL, false);

    public static final Procedure<DomainEventLifecycleMsg, Void> DOMAIN_EVENT_LIFECYCLE = RemoteProgram.declare(107, "DOMAIN_EVENT_LIFECYCLE",
            DomainEventLifecycleMsg.class, null, Priority.NORMAL, false);

    public static final Procedure<Void, Void> CONNECT_REGISTER_CLOSE_CALLBACK = RemoteProgram.declare(360, "CONNECT_REGISTER_CLOSE_CALLBACK",
            null, null, Priority.HIGH, false);

    public static final Procedure<Void, Void> CONNECT_UNREGISTER_CLOSE_CALLBACK = RemoteProgram.declare(361, "CONNECT_UNREGISTER_CLOSE_CALLBACK",
            null, null, Priority.HIGH, false);

    public static final Procedure<ConnectNetworkEventRegisterAnyArgs, ConnectNetworkEventRegisterAnyRet> CONNECT_NETWORK_EVENT_REGISTER_ANY = RemoteProgram.declare(313, "CONNECT_NETWORK_EVENT_REGISTER_ANY",
            ConnectNetworkEventRegisterAnyArgs.class, ConnectNetworkEventRegisterAnyRet.class, Priority.HIGH, false);

    public static final Procedure<ConnectNetworkEventDeregisterAnyArgs, Void> CONNECT_NETWORK_EVENT_DEREGISTER_ANY = RemoteProgram.declare(314, "CONNECT_NETWORK_EVENT_DEREGISTER_ANY",
            ConnectNetworkEventDeregisterAnyArgs.class, null, Priority.HIGH, false);

    public static final Procedure<NetworkEventLifecycleMsg, Void> NETWORK_EVENT_LIFECYCLE = RemoteProgram.declare(315, "NETWORK_EVENT_LIFECYCLE",
            NetworkEventLifecycleMsg.class, null, Priority.NORMAL, false);

    public static final Procedure<DomainEventCallbackRebootMsg, Void> DOMAIN_EVENT_CALLBACK_REBOOT = RemoteProgram.declare(319, "DOMAIN_EVENT_CALLBACK_REBOOT",
            DomainEventCallbackRebootMsg.class, null, Priority.NORMAL, true);
}
