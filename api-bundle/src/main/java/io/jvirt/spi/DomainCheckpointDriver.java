package io.jvirt.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Domain checkpoints ({@code virDomainCheckpoint*}). Part of {@link HypervisorDriver}; every
 * method defaults to {@code VIR_ERR_NO_SUPPORT} naming the API.
 */
@ConsumerType
public interface DomainCheckpointDriver {
    default DomainCheckpointRef domainCheckpointCreateXML(DomainRef dom, String xml, int flags) {
        throw Unsupported.api("virDomainCheckpointCreateXML");
    }

    default List<DomainCheckpointRef> domainListAllCheckpoints(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainListAllCheckpoints");
    }

    default DomainCheckpointRef domainCheckpointLookupByName(DomainRef dom, String name, int flags) {
        throw Unsupported.api("virDomainCheckpointLookupByName");
    }

    default String domainCheckpointGetXMLDesc(DomainCheckpointRef cp, int flags) {
        throw Unsupported.api("virDomainCheckpointGetXMLDesc");
    }

    default DomainCheckpointRef domainCheckpointGetParent(DomainCheckpointRef cp, int flags) {
        throw Unsupported.api("virDomainCheckpointGetParent");
    }

    default List<DomainCheckpointRef> domainCheckpointListAllChildren(DomainCheckpointRef cp, int flags) {
        throw Unsupported.api("virDomainCheckpointListAllChildren");
    }

    default void domainCheckpointDelete(DomainCheckpointRef cp, int flags) {
        throw Unsupported.api("virDomainCheckpointDelete");
    }
}
