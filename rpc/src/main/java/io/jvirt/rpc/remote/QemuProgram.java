package io.jvirt.rpc.remote;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.jvirt.rpc.remote.Procedure.Priority;
import io.jvirt.rpc.remote.RemoteTypes.RemoteDomain;
import io.jvirt.rpc.xdr.Xdr.Opt;

/**
 * libvirt's QEMU program ({@code qemu_protocol.x}, 0x20008087 v1): the calls of libvirt-qemu
 * (monitor and agent commands, attach, monitor events). jvirt declares them so that its daemon
 * answers each as libvirtd does for a driver without them, and numbers outside the table as
 * unknown procedures.
 */
public final class QemuProgram {
    public static final int PROGRAM = 0x20008087;
    public static final int VERSION = 1;

    private static final Map<Integer, Procedure<?, ?>> BY_NUMBER = Collections.synchronizedMap(new TreeMap<>());

    private QemuProgram() {
    }

    /** {@code qemu_domain_monitor_command_args}. */
    public record DomainMonitorCommandArgs(RemoteDomain dom, String cmd, int flags) {
    }

    /** {@code qemu_domain_monitor_command_ret}. */
    public record DomainMonitorCommandRet(String result) {
    }

    /** {@code qemu_domain_attach_args}. */
    public record DomainAttachArgs(int pidValue, int flags) {
    }

    /** {@code qemu_domain_attach_ret}. */
    public record DomainAttachRet(RemoteDomain dom) {
    }

    /** {@code qemu_domain_agent_command_args}. */
    public record DomainAgentCommandArgs(RemoteDomain dom, String cmd, int timeout, int flags) {
    }

    /** {@code qemu_domain_agent_command_ret}. */
    public record DomainAgentCommandRet(@Opt String result) {
    }

    /** {@code qemu_connect_domain_monitor_event_register_args}. */
    public record ConnectDomainMonitorEventRegisterArgs(@Opt RemoteDomain dom, @Opt String event, int flags) {
    }

    /** {@code qemu_connect_domain_monitor_event_register_ret}. */
    public record ConnectDomainMonitorEventRegisterRet(int callbackID) {
    }

    /** {@code qemu_connect_domain_monitor_event_deregister_args}. */
    public record ConnectDomainMonitorEventDeregisterArgs(int callbackID) {
    }

    /** {@code qemu_domain_monitor_event_msg}. */
    public record DomainMonitorEventMsg(int callbackID, RemoteDomain dom, String event, long seconds, int micros,
            @Opt String details) {
    }

    /** {@code qemu_domain_monitor_command_with_files_args}. */
    public record DomainMonitorCommandWithFilesArgs(RemoteDomain dom, String cmd, int flags) {
    }

    /** {@code qemu_domain_monitor_command_with_files_ret}. */
    public record DomainMonitorCommandWithFilesRet(String result) {
    }

    private static <A, R> Procedure<A, R> declare(int number, String name, String api, Class<A> args, Class<R> ret,
            Priority priority) {
        // every call of libvirt-qemu.c refuses a read-only connection; libvirtd looks a callback up
        // before deregistering it, so an unknown one fails that way first
        boolean readOnlyCheck = !name.equals("CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER");
        Procedure<A, R> p = new Procedure<>(PROGRAM, number, name, api, args, ret, priority, readOnlyCheck);
        if (BY_NUMBER.putIfAbsent(number, p) != null) {
            throw new IllegalStateException("QEMU procedure " + number + " declared twice");
        }
        return p;
    }

    public static final Procedure<DomainMonitorCommandArgs, DomainMonitorCommandRet> DOMAIN_MONITOR_COMMAND = declare(1,
            "DOMAIN_MONITOR_COMMAND", "virDomainQemuMonitorCommand", DomainMonitorCommandArgs.class,
            DomainMonitorCommandRet.class, Priority.NORMAL);

    public static final Procedure<DomainAttachArgs, DomainAttachRet> DOMAIN_ATTACH = declare(2, "DOMAIN_ATTACH",
            "virDomainQemuAttach", DomainAttachArgs.class, DomainAttachRet.class, Priority.NORMAL);

    public static final Procedure<DomainAgentCommandArgs, DomainAgentCommandRet> DOMAIN_AGENT_COMMAND = declare(3,
            "DOMAIN_AGENT_COMMAND", "virDomainQemuAgentCommand", DomainAgentCommandArgs.class,
            DomainAgentCommandRet.class, Priority.NORMAL);

    public static final Procedure<ConnectDomainMonitorEventRegisterArgs, ConnectDomainMonitorEventRegisterRet>
            CONNECT_DOMAIN_MONITOR_EVENT_REGISTER = declare(4, "CONNECT_DOMAIN_MONITOR_EVENT_REGISTER",
                    "virConnectDomainQemuMonitorEventRegister", ConnectDomainMonitorEventRegisterArgs.class,
                    ConnectDomainMonitorEventRegisterRet.class, Priority.HIGH);

    public static final Procedure<ConnectDomainMonitorEventDeregisterArgs, Void>
            CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER = declare(5, "CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER",
                    "virConnectDomainQemuMonitorEventDeregister", ConnectDomainMonitorEventDeregisterArgs.class,
                    null, Priority.HIGH);

    public static final Procedure<DomainMonitorEventMsg, Void> DOMAIN_MONITOR_EVENT = declare(6,
            "DOMAIN_MONITOR_EVENT", "virConnectDomainQemuMonitorEvent", DomainMonitorEventMsg.class, null,
            Priority.NORMAL);

    public static final Procedure<DomainMonitorCommandWithFilesArgs, DomainMonitorCommandWithFilesRet>
            DOMAIN_MONITOR_COMMAND_WITH_FILES = declare(7, "DOMAIN_MONITOR_COMMAND_WITH_FILES",
                    "virDomainQemuMonitorCommandWithFiles", DomainMonitorCommandWithFilesArgs.class,
                    DomainMonitorCommandWithFilesRet.class, Priority.NORMAL);

    /** The procedure with this number, or null. */
    public static Procedure<?, ?> procedure(int number) {
        return BY_NUMBER.get(number);
    }

    public static Collection<Procedure<?, ?>> procedures() {
        return Collections.unmodifiableCollection(BY_NUMBER.values());
    }
}
