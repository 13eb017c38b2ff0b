package io.jvirt.api;

/** Flags of {@code virDomainGetXMLDesc} ({@code virDomainXMLFlags}). */
public enum DomainXMLFlag implements BitFlag {
    SECURE(1),
    INACTIVE(2),
    UPDATE_CPU(4),
    MIGRATABLE(8);

    private final int bit;

    DomainXMLFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
