package io.jvirt.api;

/** Flags of {@code virStorageVolCreateXML}. */
public enum StorageVolCreateFlag implements BitFlag {
    PREALLOC_METADATA(1),
    REFLINK(2),
    VALIDATE(4);

    private final int bit;

    StorageVolCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
