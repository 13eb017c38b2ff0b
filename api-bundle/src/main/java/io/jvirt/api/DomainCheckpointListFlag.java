package io.jvirt.api;

/** {@code virDomainCheckpointListFlags (ROOTS and DESCENDANTS share bit 1)}. */
public enum DomainCheckpointListFlag implements BitFlag {
    DESCENDANTS(1),
    TOPOLOGICAL(2),
    LEAVES(4),
    NO_LEAVES(8);

    private final int bit;

    DomainCheckpointListFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
