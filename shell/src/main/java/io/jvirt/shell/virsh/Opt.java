package io.jvirt.shell.virsh;

import java.util.List;

import io.jvirt.api.Connect;

/**
 * One option of a command, as virsh declares them: a flag ({@code --all}), or a value
 * ({@code --pool NAME}) that may also be given without its name, by position, when it is
 * {@code positional}. A value option may say which words complete it ({@link #completing}).
 */
public record Opt(String name, Kind kind, boolean required, boolean positional, String help, Values values) {
    public enum Kind { FLAG, VALUE }

    /** The words a value may take right now, read from the session's connection (names of domains, ...). */
    @FunctionalInterface
    public interface Values {
        List<String> of(Connect connect);
    }

    public static Opt flag(String name, String help) {
        return new Opt(name, Kind.FLAG, false, false, help, null);
    }

    /** A value that may be given by position. */
    public static Opt arg(String name, boolean required, String help) {
        return new Opt(name, Kind.VALUE, required, true, help, null);
    }

    /** A value that must be named ({@code --mode acpi}). */
    public static Opt value(String name, String help) {
        return new Opt(name, Kind.VALUE, false, false, help, null);
    }

    /** This option, completed with {@code values}. */
    public Opt completing(Values values) {
        return new Opt(name, kind, required, positional, help, values);
    }
}
