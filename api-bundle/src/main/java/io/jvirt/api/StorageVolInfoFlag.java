package io.jvirt.api;

/** {@code virStorageVolInfoFlags}: flags of {@code virStorageVolGetInfoFlags} (0 is {@code VIR_STORAGE_VOL_USE_ALLOCATION}). */
public enum StorageVolInfoFlag implements BitFlag {
    GET_PHYSICAL(1);

    private final int bit;

    StorageVolInfoFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
