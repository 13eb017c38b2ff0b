package io.jvirt.api;

/** {@code virStoragePoolCreateFlags}: flags of {@code virStoragePoolCreate} and {@code virStoragePoolCreateXML}. */
public enum StoragePoolCreateFlag implements BitFlag {
    WITH_BUILD(1),
    WITH_BUILD_OVERWRITE(2),
    WITH_BUILD_NO_OVERWRITE(4);

    private final int bit;

    StoragePoolCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
