package io.jvirt.shell.virsh;

/**
 * One option of a command, as virsh declares them: a flag ({@code --all}), or a value
 * ({@code --pool NAME}) that may also be given without its name, by position, when it is
 * {@code positional}.
 */
public record Opt(String name, Kind kind, boolean required, boolean positional, String help) {
    public enum Kind { FLAG, VALUE }

    public static Opt flag(String name, String help) {
        return new Opt(name, Kind.FLAG, false, false, help);
    }

    /** A value that may be given by position. */
    public static Opt arg(String name, boolean required, String help) {
        return new Opt(name, Kind.VALUE, required, true, help);
    }

    /** A value that must be named ({@code --mode acpi}). */
    public static Opt value(String name, String help) {
        return new Opt(name, Kind.VALUE, false, false, help);
    }
}
