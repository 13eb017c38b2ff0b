package io.jvirt.shell.karaf;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Parser;
import org.apache.karaf.shell.api.console.Session;

import io.jvirt.shell.GogoCommand;
import io.jvirt.shell.virsh.CommandDef;
import io.jvirt.shell.virsh.Platform;
import io.jvirt.shell.virsh.SessionState;
import io.jvirt.shell.virsh.Virsh;

/**
 * One virsh command as a command of Karaf's console: the same {@link Virsh} run as the Gogo
 * adapter's, plus a completer, which Karaf only asks of its own {@link Command}s (the Gogo
 * functions it wraps have none).
 */
final class KarafCommand implements Command {
    static final String SCOPE = "virt";

    private final Virsh virsh;
    private final CommandDef def;
    private final Platform platform;

    KarafCommand(Virsh virsh, CommandDef def, Platform platform) {
        this.virsh = virsh;
        this.def = def;
        this.platform = platform;
    }

    @Override
    public String getScope() {
        return SCOPE;
    }

    @Override
    public String getName() {
        return def.name();
    }

    @Override
    public String getDescription() {
        return def.description();
    }

    @Override
    public Parser getParser() {
        return null; // Karaf's own parser splits the line into words as for any command
    }

    @Override
    public Object execute(Session session, List<Object> arguments) {
        List<String> words = new ArrayList<>();
        for (Object o : arguments) {
            words.add(String.valueOf(o));
        }
        PrintStream out = session.getConsole() != null ? session.getConsole() : System.out;
        boolean ok = virsh.run(def.name(), words, platform, state(session), out, System.err);
        session.put(GogoCommand.STATUS_VARIABLE, ok ? 0 : 1);
        return null;
    }

    /**
     * Completes this command's line: its name in the first word ({@code virt:dominfo}, or
     * {@code dominfo} inside the {@code virt} subshell), then what {@link Virsh#complete} offers.
     */
    @Override
    public Completer getCompleter(boolean scoped) {
        List<String> names = scoped ? List.of(def.name()) : List.of(SCOPE + ":" + def.name(), def.name());
        return new Completer() {
            @Override
            public int complete(Session session, CommandLine line, List<String> candidates) {
                List<Candidate> found = new ArrayList<>();
                completeCandidates(session, line, found);
                found.forEach(c -> candidates.add(c.value()));
                return line.getBufferPosition() - line.getArgumentPosition();
            }

            @Override
            public void completeCandidates(Session session, CommandLine line, List<Candidate> candidates) {
                String[] args = line.getArguments();
                int index = line.getCursorArgumentIndex();
                if (index < 0 || args.length == 0) {
                    return;
                }
                String word = index < args.length ? args[index] : "";
                String partial = word.substring(0, Math.min(Math.max(line.getArgumentPosition(), 0), word.length()));
                List<String> words;
                if (index == 0) {
                    words = names.stream().filter(n -> n.startsWith(partial)).toList();
                } else if (names.contains(args[0])) {
                    List<String> before = Arrays.asList(args).subList(1, Math.min(index, args.length));
                    words = virsh.complete(def.name(), before, partial, platform, state(session));
                } else {
                    return; // another command's line
                }
                for (String w : words) {
                    candidates.add(new Candidate(w, true));
                }
            }
        };
    }

    private static SessionState state(Session session) {
        return new SessionState() {
            @Override
            public Object get(String key) {
                return session.get(key);
            }

            @Override
            public void put(String key, Object value) {
                session.put(key, value);
            }
        };
    }
}
