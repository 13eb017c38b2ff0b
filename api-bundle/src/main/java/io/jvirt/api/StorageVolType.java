package io.jvirt.api;

/** {@code virStorageVolType}. */
public enum StorageVolType {
    FILE, BLOCK, DIR, NETWORK, NETDIR, PLOOP;

    public int value() {
        return ordinal();
    }

    public static StorageVolType fromValue(int value) {
        return value >= 0 && value < values().length ? values()[value] : FILE;
    }
}
