package io.jvirt.conf.storage;

/**
 * The {@code <format type='...'/>} of a volume or backing store. Which list applies depends on the
 * pool: file formats ({@link FileFormat}) for directory-like pools, partition types
 * ({@link DiskVolumeFormat}) for {@code disk} pools, and none for the others (the format is then
 * neither read nor written).
 */
public sealed interface VolumeFormat permits FileFormat, DiskVolumeFormat {
    /** The word in the XML. */
    String xml();
}
