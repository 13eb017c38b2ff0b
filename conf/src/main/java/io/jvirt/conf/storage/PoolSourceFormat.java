package io.jvirt.conf.storage;

/**
 * The {@code <source><format type='...'/>} of a pool: one enum per pool family
 * ({@link FsPoolFormat}, {@link NetfsPoolFormat}, {@link DiskPoolFormat}, {@link LogicalPoolFormat}).
 */
public sealed interface PoolSourceFormat permits FsPoolFormat, NetfsPoolFormat, DiskPoolFormat, LogicalPoolFormat {
    /** The word in the XML. */
    String xml();

    /** The position in libvirt's list for this family (libvirt keeps formats as numbers). */
    int ordinal();
}
