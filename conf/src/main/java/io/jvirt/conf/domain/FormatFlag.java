package io.jvirt.conf.domain;

/** libvirt's {@code virDomainXMLFlags} as they affect formatting. */
public enum FormatFlag {
    /** Include security-sensitive information (passwords). */
    SECURE,
    /** The persistent (inactive) definition: no runtime ids, aliases or live state. */
    INACTIVE,
    /** Update guest CPU requirements from the host (ignored by the model). */
    UPDATE_CPU,
    /** Omit what a migration destination must not see. */
    MIGRATABLE
}
