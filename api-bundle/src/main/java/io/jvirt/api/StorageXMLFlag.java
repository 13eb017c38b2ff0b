package io.jvirt.api;

/** Flags of {@code virStoragePoolGetXMLDesc}. */
public enum StorageXMLFlag implements BitFlag {
    INACTIVE(1);

    private final int bit;

    StorageXMLFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
