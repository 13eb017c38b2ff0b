package io.jvirt.api;

/** {@code virDomainSnapshotCreateFlags}. */
public enum DomainSnapshotCreateFlag implements BitFlag {
    REDEFINE(1),
    CURRENT(2),
    NO_METADATA(4),
    HALT(8),
    DISK_ONLY(16),
    REUSE_EXT(32),
    QUIESCE(64),
    ATOMIC(128),
    LIVE(256),
    VALIDATE(512);

    private final int bit;

    DomainSnapshotCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
