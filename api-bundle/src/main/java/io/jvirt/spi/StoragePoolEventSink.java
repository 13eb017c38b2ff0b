package io.jvirt.spi;

import org.osgi.annotation.versioning.ProviderType;

/** Where a driver delivers the storage pool events of one registration. */
@ProviderType
@FunctionalInterface
public interface StoragePoolEventSink {
    void emit(StoragePoolRef pool, int event, int detail);

    /** The event of a registration for {@code VIR_STORAGE_POOL_EVENT_ID_REFRESH}. */
    default void refresh(StoragePoolRef pool) {
    }
}
