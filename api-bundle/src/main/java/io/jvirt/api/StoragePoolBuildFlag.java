package io.jvirt.api;

/** Flags of {@code virStoragePoolBuild}. */
public enum StoragePoolBuildFlag implements BitFlag {
    REPAIR(1),
    RESIZE(2),
    NO_OVERWRITE(4),
    OVERWRITE(8);

    private final int bit;

    StoragePoolBuildFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
