package io.jvirt.spi;

import org.osgi.annotation.versioning.ProviderType;

import io.jvirt.api.NetworkLifecycle;

/** Where a driver delivers network lifecycle events of one registration. */
@ProviderType
@FunctionalInterface
public interface NetworkEventSink {
    void emit(NetworkRef network, NetworkLifecycle type, int detail);
}
