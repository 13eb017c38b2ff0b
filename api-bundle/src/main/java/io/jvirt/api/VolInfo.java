package io.jvirt.api;

/** {@code virStorageVolInfo}: sizes in bytes. */
public record VolInfo(StorageVolType type, long capacity, long allocation) {
}
