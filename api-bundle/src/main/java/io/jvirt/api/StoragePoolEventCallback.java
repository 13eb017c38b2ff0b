package io.jvirt.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives storage pool lifecycle events: {@code event} is libvirt's {@code virStoragePoolEventLifecycleType}. */
@ConsumerType
@FunctionalInterface
public interface StoragePoolEventCallback {
    void onLifecycle(StoragePool pool, int event, int detail);
}
