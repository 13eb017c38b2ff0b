package io.jvirt.api;

/** Flags of {@code virDomainDefineXMLFlags}. */
public enum DomainDefineFlag implements BitFlag {
    VALIDATE(1);

    private final int bit;

    DomainDefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
