package io.jvirt.spi;

import org.osgi.annotation.versioning.ProviderType;

import io.jvirt.api.CloseReason;

/** How a driver reports that its connection closed by itself (remote peer gone, keepalive). */
@ProviderType
@FunctionalInterface
public interface CloseSink {
    void closed(CloseReason reason);
}
