package io.jvirt.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives domain events registered with {@link Connect#domainEventRegisterAny}. Keep it quick. */
@ConsumerType
@FunctionalInterface
public interface DomainEventCallback {
    void onEvent(Domain domain, DomainEvent event);
}
