package io.jvirt.api;

/** Flags of {@code virDomainGetMessages} ({@code virDomainMessageType}): which messages; none means all. */
public enum DomainMessageType implements BitFlag {
    /** Configuration the hypervisor deprecated. */
    DEPRECATION(1),
    /** Why the domain is tainted (e.g. its emulator runs as root). */
    TAINTING(2);

    private final int bit;

    DomainMessageType(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
