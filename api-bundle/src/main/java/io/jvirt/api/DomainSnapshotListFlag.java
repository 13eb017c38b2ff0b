package io.jvirt.api;

/** {@code virDomainSnapshotListFlags}. */
public enum DomainSnapshotListFlag implements BitFlag {
    /** ROOTS when listing a domain's snapshots, DESCENDANTS when listing a snapshot's children (same bit). */
    DESCENDANTS(1),
    METADATA(2),
    LEAVES(4),
    NO_LEAVES(8),
    NO_METADATA(16),
    INACTIVE(32),
    ACTIVE(64),
    DISK_ONLY(128),
    INTERNAL(256),
    EXTERNAL(512),
    TOPOLOGICAL(1024);

    private final int bit;

    DomainSnapshotListFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
