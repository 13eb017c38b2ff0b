package io.jvirt.api;

/** {@code virDomainCheckpointXMLFlags}. */
public enum DomainCheckpointXMLFlag implements BitFlag {
    SECURE(1),
    NO_DOMAIN(2),
    SIZE(4);

    private final int bit;

    DomainCheckpointXMLFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
