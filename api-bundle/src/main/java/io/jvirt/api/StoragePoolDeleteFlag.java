package io.jvirt.api;

/** Flags of {@code virStoragePoolDelete}. */
public enum StoragePoolDeleteFlag implements BitFlag {
    ZEROED(1);

    private final int bit;

    StoragePoolDeleteFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
