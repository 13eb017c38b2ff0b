package io.jvirt.shell.virsh;

import static io.jvirt.shell.virsh.DomainCommands.when;
import static io.jvirt.shell.virsh.Opt.arg;
import static io.jvirt.shell.virsh.Opt.flag;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.api.ListAllNetworksFlag;
import io.jvirt.api.Network;
import io.jvirt.api.VirtException;

/** virsh's {@code net-list} and {@code net-info}. */
final class NetworkCommands {
    private NetworkCommands() {
    }

    static List<CommandDef> all() {
        return List.of(
                new CommandDef("net-list", "list networks", List.of(flag("inactive", "list inactive networks"),
                        flag("all", "list inactive & active networks"),
                        flag("persistent", "list persistent networks"), flag("transient", "list transient networks"),
                        flag("autostart", "list networks with autostart enabled"),
                        flag("no-autostart", "list networks with autostart disabled"),
                        flag("uuid", "list uuid's only"), flag("name", "list network names only"),
                        flag("table", "list table (default)")), NetworkCommands::list),
                new CommandDef("net-info", "network information",
                        List.of(arg("network", true, "network name or uuid").completing(Names.networks())), NetworkCommands::info));
    }

    static List<Network> networks(io.jvirt.api.Connect c, ListAllNetworksFlag... flags) {
        List<Network> nets = new ArrayList<>(c.listAllNetworks(flags));
        nets.sort(Text.BY_NAME);
        return nets;
    }

    private static void list(Invocation call, Args a) {
        if ((a.flag("table") ? 1 : 0) + (a.flag("name") ? 1 : 0) + (a.flag("uuid") ? 1 : 0) > 1) {
            throw new ShellError("Only one argument from --table, --name and --uuid may be specified.");
        }
        List<ListAllNetworksFlag> flags = new ArrayList<>();
        if (!a.flag("all")) {
            flags.add(a.flag("inactive") ? ListAllNetworksFlag.INACTIVE : ListAllNetworksFlag.ACTIVE);
        }
        when(a, "persistent", flags, ListAllNetworksFlag.PERSISTENT);
        when(a, "transient", flags, ListAllNetworksFlag.TRANSIENT);
        when(a, "autostart", flags, ListAllNetworksFlag.AUTOSTART);
        when(a, "no-autostart", flags, ListAllNetworksFlag.NO_AUTOSTART);
        List<Network> nets = networks(call.connect(), flags.toArray(ListAllNetworksFlag[]::new));
        boolean name = a.flag("name");
        boolean uuid = a.flag("uuid");
        if (name || uuid) {
            StringBuilder b = new StringBuilder();
            for (Network n : nets) {
                b.append(uuid ? n.getUUIDString() : n.getName()).append('\n');
            }
            call.out().print(b);
            return;
        }
        Table t = new Table("Name", "State", "Autostart", "Persistent");
        for (Network n : nets) {
            t.row(n.getName(), n.isActive() ? "active" : "inactive", Text.yesNo(n.getAutostart()),
                    Text.yesNo(n.isPersistent()));
        }
        call.out().print(t.render());
    }

    private static void info(Invocation call, Args a) {
        Network n = Lookup.network(call.connect(), a.value("network"));
        StringBuilder b = new StringBuilder();
        b.append(Text.field(15, "Name:", n.getName()));
        b.append(Text.field(15, "UUID:", n.getUUIDString()));
        b.append(Text.field(15, "Active:", unknownOr(() -> Text.yesNo(n.isActive()))));
        b.append(Text.field(15, "Persistent:", unknownOr(() -> Text.yesNo(n.isPersistent()))));
        b.append(Text.field(15, "Autostart:", unknownOr(() -> Text.yesNo(n.getAutostart()))));
        try {
            b.append(Text.field(15, "Bridge:", n.getBridgeName()));
        } catch (VirtException e) {
            // a network without a bridge (e.g. macvtap forwarding) has no Bridge line
        }
        call.out().print(b);
    }

    private static String unknownOr(java.util.function.Supplier<String> s) {
        try {
            return s.get();
        } catch (VirtException e) {
            return "unknown";
        }
    }
}
