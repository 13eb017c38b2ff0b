package io.jvirt.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

import io.jvirt.shell.virsh.Platform;
import io.jvirt.shell.virsh.SessionState;
import io.jvirt.shell.virsh.Virsh;

/** One virsh command as a Gogo {@link Function}: the words go to {@link Virsh}, the session keeps the connection. */
public final class GogoCommand {
    /** The session variable holding the last command's status, 0 or 1, like virsh's exit code. */
    public static final String STATUS_VARIABLE = "virt.status";

    private GogoCommand() {
    }

    public static Function of(Virsh virsh, String name, Platform platform) {
        return (session, arguments) -> {
            List<String> words = new ArrayList<>();
            for (Object o : arguments) {
                words.add(String.valueOf(o));
            }
            // Gogo (and Karaf) point System.out/err of the command's thread at the session's streams
            PrintStream out = session.getConsole() != null ? session.getConsole() : System.out;
            boolean ok = virsh.run(name, words, platform, state(session), out, System.err);
            session.put(STATUS_VARIABLE, ok ? 0 : 1);
            return null;
        };
    }

    private static SessionState state(CommandSession session) {
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
