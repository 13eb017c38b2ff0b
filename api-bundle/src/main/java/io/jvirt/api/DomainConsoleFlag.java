package io.jvirt.api;

/** {@code virDomainConsoleFlags}: how {@link Domain#openConsole} treats a console another stream holds. */
public enum DomainConsoleFlag implements BitFlag {
    /** Abort the stream that holds the console and take it over. */
    FORCE(1),
    /** Refuse to open a console that another stream holds (drivers that track consoles always do). */
    SAFE(2);

    private final int bit;

    DomainConsoleFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
