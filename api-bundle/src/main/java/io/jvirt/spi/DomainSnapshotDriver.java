package io.jvirt.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Domain snapshots ({@code virDomainSnapshot*}). Part of {@link HypervisorDriver}; every method
 * defaults to {@code VIR_ERR_NO_SUPPORT} naming the API.
 */
@ConsumerType
public interface DomainSnapshotDriver {
    default DomainSnapshotRef domainSnapshotCreateXML(DomainRef dom, String xml, int flags) {
        throw Unsupported.api("virDomainSnapshotCreateXML");
    }

    default List<DomainSnapshotRef> domainListAllSnapshots(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainListAllSnapshots");
    }

    default int domainSnapshotNum(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainSnapshotNum");
    }

    default DomainSnapshotRef domainSnapshotLookupByName(DomainRef dom, String name, int flags) {
        throw Unsupported.api("virDomainSnapshotLookupByName");
    }

    default boolean domainHasCurrentSnapshot(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainHasCurrentSnapshot");
    }

    default DomainSnapshotRef domainSnapshotCurrent(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainSnapshotCurrent");
    }

    default String domainSnapshotGetXMLDesc(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotGetXMLDesc");
    }

    default DomainSnapshotRef domainSnapshotGetParent(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotGetParent");
    }

    default boolean domainSnapshotIsCurrent(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotIsCurrent");
    }

    default boolean domainSnapshotHasMetadata(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotHasMetadata");
    }

    default int domainSnapshotNumChildren(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotNumChildren");
    }

    default List<DomainSnapshotRef> domainSnapshotListAllChildren(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotListAllChildren");
    }

    default void domainRevertToSnapshot(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainRevertToSnapshot");
    }

    default void domainSnapshotDelete(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotDelete");
    }
}
