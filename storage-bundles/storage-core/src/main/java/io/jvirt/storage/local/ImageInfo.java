package io.jvirt.storage.local;

import java.util.Set;

import io.jvirt.conf.storage.FileFormat;
import io.jvirt.conf.storage.VolEncryption;
import io.jvirt.conf.storage.VolTarget;

/**
 * What an image header says, as libvirt's {@code virStorageFileProbeGetMetadata} reads it.
 *
 * @param format        the image format
 * @param capacity      the virtual size in bytes, 0 when the header gives none (raw: the file's size applies)
 * @param clusterSize   qcow2's cluster size, 0 otherwise
 * @param backingRaw    the backing file as the header names it (possibly relative), or null
 * @param backingFormat the backing file's format from the header, null to probe it
 * @param features      qcow2 v3 feature bits libvirt knows (empty set: v3 without them), null otherwise
 * @param compat        {@code 1.1} for qcow2 v3, else null
 * @param encryption    the encryption format the header shows, or null
 * @param payloadOffset LUKS payload offset in 512-byte sectors, -1 when unknown
 */
public record ImageInfo(FileFormat format, long capacity, long clusterSize, String backingRaw,
        FileFormat backingFormat, Set<VolTarget.Feature> features, String compat, VolEncryption.Format encryption,
        long payloadOffset) {
}
