package io.jvirt.api;

/** {@code virDomainSnapshotDeleteFlags}. */
public enum DomainSnapshotDeleteFlag implements BitFlag {
    CHILDREN(1),
    METADATA_ONLY(2),
    CHILDREN_ONLY(4);

    private final int bit;

    DomainSnapshotDeleteFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
