package io.jvirt.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A domain event as delivered to a {@link DomainEventCallback}. One record per
 * {@link DomainEventId} jvirt delivers; {@link #id()} tells which.
 */
@ProviderType
public sealed interface DomainEvent {
    DomainEventId id();

    /** {@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}: a state change, with libvirt's type and detail numbers. */
    record Lifecycle(DomainLifecycle type, int detail) implements DomainEvent {
        @Override
        public DomainEventId id() {
            return DomainEventId.LIFECYCLE;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_REBOOT}. */
    record Reboot() implements DomainEvent {
        @Override
        public DomainEventId id() {
            return DomainEventId.REBOOT;
        }
    }

    /**
     * {@code VIR_DOMAIN_EVENT_ID_METADATA_CHANGE}: the description, title or an element of
     * {@code <metadata>} changed; {@code type} is libvirt's {@code virDomainMetadataType},
     * {@code nsuri} the namespace of an element (null otherwise).
     */
    record MetadataChange(int type, String nsuri) implements DomainEvent {
        @Override
        public DomainEventId id() {
            return DomainEventId.METADATA_CHANGE;
        }
    }
}
