package io.jvirt.spi;

import org.osgi.annotation.versioning.ProviderType;

/** Where a driver delivers the node device lifecycle events of one registration. */
@ProviderType
@FunctionalInterface
public interface NodeDeviceEventSink {
    void emit(String device, int event, int detail);
}
