package io.jvirt.shell.karaf;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.Registry;
import org.apache.karaf.shell.api.console.SessionFactory;

import io.jvirt.shell.virsh.CommandDef;
import io.jvirt.shell.virsh.Platform;
import io.jvirt.shell.virsh.Virsh;

/**
 * Puts every virsh command into a Karaf console's command registry. Only this package names
 * Karaf's types, and the bundle imports them optionally: without Karaf nothing here is loaded.
 */
public final class KarafCommands {
    private KarafCommands() {
    }

    /**
     * Registers the commands with {@code sessionFactory} (a Karaf {@link SessionFactory}).
     *
     * @return what takes them out again
     */
    public static Runnable register(Object sessionFactory, Virsh virsh, Platform platform) {
        Registry registry = ((SessionFactory) sessionFactory).getRegistry();
        List<KarafCommand> commands = new ArrayList<>();
        for (CommandDef def : virsh.commands()) {
            KarafCommand c = new KarafCommand(virsh, def, platform);
            registry.register(c);
            commands.add(c);
        }
        return () -> commands.forEach(registry::unregister);
    }
}
