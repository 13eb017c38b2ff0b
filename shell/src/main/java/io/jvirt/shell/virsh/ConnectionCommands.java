package io.jvirt.shell.virsh;

import static io.jvirt.shell.virsh.Opt.arg;
import static io.jvirt.shell.virsh.Opt.flag;

import java.util.List;

import io.jvirt.api.NodeInfo;
import io.jvirt.api.runtime.DriverRegistryRuntime;

/** The session's connection, the host, and the registry's own view ({@code drivers}, {@code uri URI}). */
final class ConnectionCommands {
    private ConnectionCommands() {
    }

    static List<CommandDef> all() {
        return List.of(
                new CommandDef("connect", "(re)connect to hypervisor",
                        List.of(arg("name", false, "hypervisor connection URI"),
                                flag("readonly", "read-only connection")),
                        (call, a) -> call.reconnect(a.value("name"), a.flag("readonly"))),
                new CommandDef("uri", "print the hypervisor canonical URI; with a URI: how it resolves",
                        List.of(arg("name", false, "a URI to resolve against the driver table (jvirt)")),
                        ConnectionCommands::uri),
                new CommandDef("nodeinfo", "node information", List.of(), ConnectionCommands::nodeinfo),
                new CommandDef("capabilities", "capabilities", List.of(),
                        (call, a) -> call.out().print(call.connect().getCapabilities() + "\n")),
                new CommandDef("drivers", "the driver table in order, secondary and failed drivers (jvirt)",
                        List.of(), ConnectionCommands::drivers));
    }

    private static void uri(Invocation call, Args a) {
        String uri = a.value("name");
        if (uri == null) {
            call.out().print(call.connect().getURI() + "\n");
            return;
        }
        call.out().print(Reports.resolution(registry(call).explain(uri)));
    }

    private static void nodeinfo(Invocation call, Args a) {
        NodeInfo n = call.connect().nodeGetInfo();
        StringBuilder b = new StringBuilder();
        b.append(Text.field(20, "CPU model:", n.model()));
        b.append(Text.field(20, "CPU(s):", n.cpus()));
        b.append(Text.field(20, "CPU frequency:", n.mhz() + " MHz"));
        b.append(Text.field(20, "CPU socket(s):", n.sockets()));
        b.append(Text.field(20, "Core(s) per socket:", n.cores()));
        b.append(Text.field(20, "Thread(s) per core:", n.threads()));
        b.append(Text.field(20, "NUMA cell(s):", n.nodes()));
        b.append(Text.field(20, "Memory size:", n.memoryKiB() + " KiB"));
        call.out().print(b);
    }

    private static void drivers(Invocation call, Args a) {
        DriverRegistryRuntime r = registry(call);
        call.out().print(Reports.drivers(r.getConnectDrivers(), r.getSecondaryDrivers(), r.getFailedDrivers(),
                call.platform()::bundleState));
    }

    private static DriverRegistryRuntime registry(Invocation call) {
        DriverRegistryRuntime r = call.platform().registry();
        if (r == null) {
            throw new ShellError("the jvirt driver registry (io.jvirt.registry) is not running");
        }
        return r;
    }
}
