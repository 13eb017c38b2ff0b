package io.jvirt.spi;

import org.osgi.annotation.versioning.ProviderType;

import io.jvirt.api.DomainEvent;

/**
 * Where a driver delivers the events of one registration. Drivers call it after releasing their
 * own locks (DESIGN §6): the platform may call back into the driver from here.
 */
@ProviderType
@FunctionalInterface
public interface DomainEventSink {
    void emit(DomainRef domain, DomainEvent event);
}
