package io.jvirt.api;

/** {@code virDomainSnapshotRevertFlags}. */
public enum DomainSnapshotRevertFlag implements BitFlag {
    RUNNING(1),
    PAUSED(2),
    FORCE(4),
    RESET_NVRAM(8);

    private final int bit;

    DomainSnapshotRevertFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
