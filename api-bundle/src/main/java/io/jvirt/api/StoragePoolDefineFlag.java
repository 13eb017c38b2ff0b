package io.jvirt.api;

/** {@code virStoragePoolDefineFlags}: flags of {@code virStoragePoolDefineXML}. */
public enum StoragePoolDefineFlag implements BitFlag {
    VALIDATE(1);

    private final int bit;

    StoragePoolDefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
