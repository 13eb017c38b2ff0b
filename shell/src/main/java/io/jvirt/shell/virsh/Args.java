package io.jvirt.shell.virsh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line parsed the way virsh parses one: {@code --name value}, {@code --name=value},
 * flags, and bare words filling the positional options in their declared order.
 */
public final class Args {
    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The option's value, or null when it was not given. */
    public String value(String name) {
        return values.get(name);
    }

    /**
     * @throws ShellError with virsh's own wording when an option is unknown, a value is missing,
     *         a word is left over or a required option is absent
     */
    static Args parse(CommandDef def, List<String> words) {
        Map<String, String> values = new LinkedHashMap<>();
        int nextPositional = 0;
        List<Opt> positional = def.options().stream().filter(Opt::positional).toList();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Opt opt = def.option(name);
                if (opt == null) {
                    throw new ShellError("command '" + def.name() + "' doesn't support option --" + name);
                }
                if (opt.kind() == Opt.Kind.FLAG) {
                    if (inline != null) {
                        throw new ShellError("invalid '=' after option --" + name);
                    }
                    values.put(name, "");
                } else if (inline != null) {
                    values.put(name, inline);
                } else if (i + 1 < words.size()) {
                    values.put(name, words.get(++i));
                } else {
                    throw new ShellError("expected syntax: --" + name + " <string>");
                }
            } else {
                while (nextPositional < positional.size() && values.containsKey(positional.get(nextPositional).name())) {
                    nextPositional++;
                }
                if (nextPositional >= positional.size()) {
                    throw new ShellError("unexpected data '" + w + "'");
                }
                values.put(positional.get(nextPositional++).name(), w);
            }
        }
        for (Opt o : def.options()) {
            if (o.required() && !values.containsKey(o.name())) {
                throw new ShellError("command '" + def.name() + "' requires <" + o.name() + "> option");
            }
        }
        return new Args(values);
    }
}
