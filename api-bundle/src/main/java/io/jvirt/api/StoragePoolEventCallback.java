package io.jvirt.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives storage pool events: {@code event} of a lifecycle one is libvirt's {@code virStoragePoolEventLifecycleType}. */
@ConsumerType
@FunctionalInterface
public interface StoragePoolEventCallback {
    /** {@code VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE}. */
    int LIFECYCLE = 0;
    /** {@code VIR_STORAGE_POOL_EVENT_ID_REFRESH}. */
    int REFRESH = 1;

    void onLifecycle(StoragePool pool, int event, int detail);

    /** A {@link #REFRESH} registration's event: the pool was refreshed. */
    default void onRefresh(StoragePool pool) {
    }
}
