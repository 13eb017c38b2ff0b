package io.jvirt.shell.virsh;

import java.util.List;

/** A command: its virsh name, what it does, its options and the code that runs it. */
public record CommandDef(String name, String description, List<Opt> options, Handler handler) {
    @FunctionalInterface
    public interface Handler {
        void run(Invocation call, Args args);
    }

    public CommandDef {
        options = List.copyOf(options);
    }

    Opt option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }
}
