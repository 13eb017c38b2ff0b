package io.jvirt.api;

/** {@code virDomainCoreDumpFlags}. */
public enum DomainCoreDumpFlag implements BitFlag {
    CRASH(1),
    LIVE(2),
    BYPASS_CACHE(4),
    RESET(8),
    MEMORY_ONLY(16);

    private final int bit;

    DomainCoreDumpFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
