package io.jvirt.api;

/** {@code virDomainModificationImpact} plus the MAXIMUM bit of memory and vcpu setters (CURRENT is the empty set). */
public enum DomainModificationFlag implements BitFlag {
    LIVE(1),
    CONFIG(2),
    MAXIMUM(4);

    private final int bit;

    DomainModificationFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
