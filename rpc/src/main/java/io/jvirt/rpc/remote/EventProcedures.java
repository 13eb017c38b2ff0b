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

    /** {@code remote_domain_event_lifecycle_msg}. */
    public record DomainEventLifecycleMsg(RemoteDomain dom, int event, int detail) {
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
}
