package io.jvirt.shell.virsh;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.VirtException;

/**
 * The command table and the loop virsh runs around each command: parse the words, run, print
 * {@code error: ...} lines on failure and, once a command ran (failed or not), an empty line, as
 * virsh does in its default non-quiet mode. One implementation; the Gogo and Karaf adapters only
 * hand it words and streams.
 */
public final class Virsh {
    private final Map<String, CommandDef> commands = new LinkedHashMap<>();

    public Virsh() {
        List<CommandDef> all = new ArrayList<>();
        all.addAll(ConnectionCommands.all());
        all.addAll(DomainCommands.all());
        all.addAll(NetworkCommands.all());
        all.addAll(StorageCommands.all());
        for (CommandDef d : all) {
            commands.put(d.name(), d);
        }
    }

    public List<CommandDef> commands() {
        return Collections.unmodifiableList(new ArrayList<>(commands.values()));
    }

    public CommandDef command(String name) {
        return commands.get(name);
    }

    /**
     * Runs one command.
     *
     * @return whether it succeeded (virsh's exit status 0)
     */
    public boolean run(String name, List<String> words, Platform platform, SessionState session, PrintStream out,
            PrintStream err) {
        CommandDef def = commands.get(name);
        if (def == null) {
            err.println("error: unknown command: '" + name + "'");
            return false;
        }
        Args args;
        try {
            args = Args.parse(def, words);
        } catch (ShellError e) {
            print(err, e);
            return false;
        }
        boolean ok = false;
        try {
            def.handler().run(new Invocation(platform, session, out), args);
            ok = true;
        } catch (ShellError e) {
            print(err, e);
        } catch (VirtException e) {
            err.println("error: " + e.getMessage());
        }
        out.print('\n');
        out.flush();
        err.flush();
        return ok;
    }

    /**
     * The words that may replace {@code partial}, the word under the cursor, after {@code before}
     * (the words between the command's name and the cursor); empty for an unknown command.
     */
    public List<String> complete(String name, List<String> before, String partial, Platform platform,
            SessionState session) {
        CommandDef def = commands.get(name);
        return def == null ? List.of() : Completion.complete(def, before, partial, platform, session);
    }

    private static void print(PrintStream err, ShellError e) {
        for (String line : e.lines()) {
            err.println("error: " + line);
        }
    }
}
