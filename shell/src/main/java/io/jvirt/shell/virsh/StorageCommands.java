package io.jvirt.shell.virsh;

import static io.jvirt.shell.virsh.DomainCommands.when;
import static io.jvirt.shell.virsh.Opt.arg;
import static io.jvirt.shell.virsh.Opt.flag;
import static io.jvirt.shell.virsh.Opt.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.jvirt.api.ListAllStoragePoolsFlag;
import io.jvirt.api.PoolInfo;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StoragePoolState;
import io.jvirt.api.StorageVol;
import io.jvirt.api.VolInfo;

/** virsh's {@code pool-list} and {@code vol-list}. */
final class StorageCommands {
    private StorageCommands() {
    }

    static List<CommandDef> all() {
        return List.of(
                new CommandDef("pool-list", "list pools", List.of(flag("inactive", "list inactive pools"),
                        flag("all", "list inactive & active pools"), flag("transient", "list transient pools"),
                        flag("persistent", "list persistent pools"),
                        flag("autostart", "list pools with autostart enabled"),
                        flag("no-autostart", "list pools with autostart disabled"),
                        value("type", "only list pool of specified type(s) (if supported)"),
                        flag("details", "display extended details for pools"),
                        flag("uuid", "list UUID of active pools only"), flag("name", "list name of active pools only")),
                        StorageCommands::poolList),
                new CommandDef("vol-list", "list vols", List.of(arg("pool", true, "pool name or uuid").completing(Names.pools(ListAllStoragePoolsFlag.ACTIVE)),
                        flag("details", "display extended details for volumes")), StorageCommands::volList));
    }

    static List<StoragePool> pools(io.jvirt.api.Connect c, ListAllStoragePoolsFlag... flags) {
        List<StoragePool> pools = new ArrayList<>(c.listAllStoragePools(flags));
        pools.sort(Text.BY_NAME);
        return pools;
    }

    private static void poolList(Invocation call, Args a) {
        DomainCommands.exclusive(a, "details", "uuid");
        DomainCommands.exclusive(a, "details", "name");
        List<ListAllStoragePoolsFlag> flags = new ArrayList<>();
        if (!a.flag("all")) {
            flags.add(a.flag("inactive") ? ListAllStoragePoolsFlag.INACTIVE : ListAllStoragePoolsFlag.ACTIVE);
        }
        when(a, "persistent", flags, ListAllStoragePoolsFlag.PERSISTENT);
        when(a, "transient", flags, ListAllStoragePoolsFlag.TRANSIENT);
        when(a, "autostart", flags, ListAllStoragePoolsFlag.AUTOSTART);
        when(a, "no-autostart", flags, ListAllStoragePoolsFlag.NO_AUTOSTART);
        if (a.value("type") != null) {
            for (String type : a.value("type").split(",")) {
                try {
                    flags.add(ListAllStoragePoolsFlag.valueOf(type.trim().replace('-', '_').toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ShellError("Invalid pool type '" + type + "'");
                }
            }
        }
        List<StoragePool> pools = pools(call.connect(), flags.toArray(ListAllStoragePoolsFlag[]::new));
        boolean name = a.flag("name");
        boolean uuid = a.flag("uuid");
        if (name || uuid) {
            // virsh pads pool names to 20 columns here, trailing blanks included
            StringBuilder b = new StringBuilder();
            for (StoragePool p : pools) {
                if (uuid) {
                    b.append(p.getUUIDString());
                }
                if (uuid && name) {
                    b.append(' ');
                }
                if (name) {
                    b.append(String.format(Locale.ROOT, "%-20s", p.getName()));
                }
                b.append('\n');
            }
            call.out().print(b);
            return;
        }
        if (!a.flag("details")) {
            Table t = new Table("Name", "State", "Autostart");
            for (StoragePool p : pools) {
                t.row(p.getName(), p.isActive() ? "active" : "inactive", Text.yesNo(p.getAutostart()));
            }
            call.out().print(t.render());
            return;
        }
        Table t = new Table("Name", "State", "Autostart", "Persistent", "Capacity", "Allocation", "Available");
        for (StoragePool p : pools) {
            PoolInfo info = p.getInfo();
            boolean active = info.state() != StoragePoolState.INACTIVE;
            t.row(p.getName(), info.state().name().toLowerCase(Locale.ROOT), Text.yesNo(p.getAutostart()),
                    Text.yesNo(p.isPersistent()), active ? Text.capacity(info.capacity()) : "-",
                    active ? Text.capacity(info.allocation()) : "-", active ? Text.capacity(info.available()) : "-");
        }
        call.out().print(t.render());
    }

    private static void volList(Invocation call, Args a) {
        StoragePool pool = Lookup.pool(call.connect(), a.value("pool"));
        List<StorageVol> vols = new ArrayList<>(pool.listAllVolumes());
        vols.sort((x, y) -> String.CASE_INSENSITIVE_ORDER.compare(x.getName(), y.getName()));
        if (!a.flag("details")) {
            Table t = new Table("Name", "Path");
            for (StorageVol v : vols) {
                t.row(v.getName(), v.getPath());
            }
            call.out().print(t.render());
            return;
        }
        Table t = new Table("Name", "Path", "Type", "Capacity", "Allocation");
        for (StorageVol v : vols) {
            VolInfo info = v.getInfo();
            t.row(v.getName(), v.getPath(), info.type().name().toLowerCase(Locale.ROOT),
                    Text.capacity(info.capacity()), Text.capacity(info.allocation()));
        }
        call.out().print(t.render());
    }
}
