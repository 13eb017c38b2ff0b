package io.jvirt.shell.virsh;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.jvirt.api.VirtException;

/**
 * Completes the word under the cursor of one command line as virsh's own completion does
 * ({@code virsh complete -- dominfo t}): right after {@code --opt}, or for a word that starts a
 * positional value, the values of that option (domain, network or pool names read from the
 * session's connection, or a fixed set); otherwise the options not given yet. Shell adapters
 * only say which words come before the cursor; the command table decides the rest.
 */
final class Completion {
    private Completion() {
    }

    static List<String> complete(CommandDef def, List<String> before, String partial, Platform platform,
            SessionState session) {
        Set<String> given = new HashSet<>();
        Opt filling = null;
        int nextPositional = 0;
        List<Opt> positional = def.options().stream().filter(Opt::positional).toList();
        for (int i = 0; i < before.size(); i++) {
            String w = before.get(i);
            filling = null;
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2);
                int eq = name.indexOf('=');
                Opt opt = def.option(eq >= 0 ? name.substring(0, eq) : name);
                if (opt == null) {
                    continue;
                }
                given.add(opt.name());
                if (opt.kind() == Opt.Kind.VALUE && eq < 0) {
                    filling = opt; // its value is the next word
                    if (i + 1 < before.size()) {
                        i++;
                        filling = null;
                    }
                }
            } else {
                while (nextPositional < positional.size() && given.contains(positional.get(nextPositional).name())) {
                    nextPositional++;
                }
                if (nextPositional < positional.size()) {
                    given.add(positional.get(nextPositional++).name());
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (filling == null && !partial.isEmpty() && !partial.startsWith("-")) {
            filling = positional.stream().filter(o -> !given.contains(o.name())).findFirst().orElse(null);
        }
        if (filling != null) {
            if (filling.values() != null) {
                for (String v : values(filling, platform, session)) {
                    if (v.startsWith(partial)) {
                        out.add(v);
                    }
                }
            }
            return out;
        }
        for (Opt o : def.options()) {
            String word = "--" + o.name();
            if (!given.contains(o.name()) && word.startsWith(partial)) {
                out.add(word);
            }
        }
        return out;
    }

    /** The option's current values; none when the session cannot connect (completion prints no errors). */
    private static List<String> values(Opt opt, Platform platform, SessionState session) {
        try {
            return opt.values().of(new Invocation(platform, session, null).connect());
        } catch (ShellError | VirtException noConnection) {
            return List.of();
        }
    }
}
