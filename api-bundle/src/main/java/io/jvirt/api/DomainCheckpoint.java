package io.jvirt.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** A domain checkpoint ({@code virDomainCheckpointPtr}), named by its domain and its name. */
@ProviderType
public interface DomainCheckpoint {
    String getName();

    Domain getDomain();

    String getXMLDesc(DomainCheckpointXMLFlag... flags);

    /** The parent checkpoint; {@link ErrorCode#NO_DOMAIN_CHECKPOINT} for a root. */
    DomainCheckpoint getParent();

    List<DomainCheckpoint> listAllChildren(DomainCheckpointListFlag... flags);

    void delete(DomainCheckpointDeleteFlag... flags);
}
