package io.jvirt.spi;

import org.osgi.annotation.versioning.ProviderType;

/** Where a driver delivers the storage pool lifecycle events of one registration. */
@ProviderType
@FunctionalInterface
public interface StoragePoolEventSink {
    void emit(StoragePoolRef pool, int event, int detail);
}
