package io.jvirt.api;

/** {@code virStoragePoolInfo}: sizes in bytes. */
public record PoolInfo(StoragePoolState state, long capacity, long allocation, long available) {
}
