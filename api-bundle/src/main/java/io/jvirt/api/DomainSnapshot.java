package io.jvirt.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** A domain snapshot ({@code virDomainSnapshotPtr}), named by its domain and its name. */
@ProviderType
public interface DomainSnapshot {
    String getName();

    Domain getDomain();

    String getXMLDesc(DomainXMLFlag... flags);

    /** The parent snapshot; {@link ErrorCode#NO_DOMAIN_SNAPSHOT} for a root. */
    DomainSnapshot getParent();

    boolean isCurrent();

    boolean hasMetadata();

    int numChildren(DomainSnapshotListFlag... flags);

    List<DomainSnapshot> listAllChildren(DomainSnapshotListFlag... flags);

    /** {@code virDomainRevertToSnapshot}. */
    void revert(DomainSnapshotRevertFlag... flags);

    void delete(DomainSnapshotDeleteFlag... flags);
}
