package io.jvirt.api;

/** Flags of {@code virStorageVolDelete}. */
public enum StorageVolDeleteFlag implements BitFlag {
    ZEROED(1),
    WITH_SNAPSHOTS(2);

    private final int bit;

    StorageVolDeleteFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
