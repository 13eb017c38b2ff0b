package io.jvirt.api;

/** Flags of {@code virDomainDestroyFlags}. */
public enum DomainDestroyFlag implements BitFlag {
    GRACEFUL(1);

    private final int bit;

    DomainDestroyFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
