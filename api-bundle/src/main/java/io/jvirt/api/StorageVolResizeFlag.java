package io.jvirt.api;

/** {@code virStorageVolResizeFlags}: flags of {@code virStorageVolResize}. */
public enum StorageVolResizeFlag implements BitFlag {
    ALLOCATE(1),
    DELTA(2),
    SHRINK(4);

    private final int bit;

    StorageVolResizeFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
