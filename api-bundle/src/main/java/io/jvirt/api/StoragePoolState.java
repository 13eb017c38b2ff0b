package io.jvirt.api;

/** {@code virStoragePoolState}. */
public enum StoragePoolState {
    INACTIVE, BUILDING, RUNNING, DEGRADED, INACCESSIBLE;

    public int value() {
        return ordinal();
    }

    public static StoragePoolState fromValue(int value) {
        return value >= 0 && value < values().length ? values()[value] : INACCESSIBLE;
    }
}
