package io.jvirt.api;

/** {@code virDomainCheckpointDeleteFlags}. */
public enum DomainCheckpointDeleteFlag implements BitFlag {
    CHILDREN(1),
    METADATA_ONLY(2),
    CHILDREN_ONLY(4);

    private final int bit;

    DomainCheckpointDeleteFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
