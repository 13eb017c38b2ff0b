package io.jvirt.conf.storage;

import java.util.List;

/**
 * {@code <pool type='...'>}, in libvirt's order, with what each type reads and writes in its
 * {@code <source>}: which source elements it uses (the others are parsed but not written back),
 * its source formats and default, and the volume formats of its volumes.
 */
public enum StoragePoolType {
    DIR("dir", 0, null, null, VolumeFormats.FILE),
    FS("fs", Source.DEVICE, List.of(FsPoolFormat.values()), FsPoolFormat.AUTO, VolumeFormats.FILE),
    NETFS("netfs", Source.HOST | Source.DIR, List.of(NetfsPoolFormat.values()), NetfsPoolFormat.AUTO,
            VolumeFormats.FILE),
    LOGICAL("logical", Source.NAME | Source.DEVICE, List.of(LogicalPoolFormat.values()), LogicalPoolFormat.LVM2,
            VolumeFormats.NONE),
    DISK("disk", Source.DEVICE, List.of(DiskPoolFormat.values()), DiskPoolFormat.UNKNOWN, VolumeFormats.DISK),
    ISCSI("iscsi", Source.HOST | Source.DEVICE | Source.INITIATOR_IQN, null, null, VolumeFormats.NONE),
    ISCSI_DIRECT("iscsi-direct", Source.HOST | Source.DEVICE | Source.NETWORK | Source.INITIATOR_IQN, null, null,
            VolumeFormats.NONE),
    SCSI("scsi", Source.ADAPTER, null, null, VolumeFormats.NONE),
    MPATH("mpath", 0, null, null, VolumeFormats.NONE),
    RBD("rbd", Source.HOST | Source.NETWORK | Source.NAME, null, null, VolumeFormats.FILE),
    SHEEPDOG("sheepdog", Source.HOST | Source.NETWORK | Source.NAME, null, null, VolumeFormats.NONE),
    GLUSTER("gluster", Source.HOST | Source.NETWORK | Source.NAME | Source.DIR, null, null, VolumeFormats.FILE),
    ZFS("zfs", Source.NAME | Source.DEVICE, null, null, VolumeFormats.NONE),
    VSTORAGE("vstorage", Source.NAME, null, null, VolumeFormats.FILE);

    /** Bits naming the source elements a pool type uses (libvirt's pool options). */
    static final class Source {
        static final int HOST = 1;
        static final int DEVICE = 1 << 1;
        static final int DIR = 1 << 2;
        static final int ADAPTER = 1 << 3;
        static final int NAME = 1 << 4;
        static final int INITIATOR_IQN = 1 << 5;
        static final int NETWORK = 1 << 6;

        private Source() {
        }
    }

    /** Which list of volume formats a pool type's volumes use. */
    enum VolumeFormats {
        NONE, FILE, DISK
    }

    private final String xml;
    private final int sourceFlags;
    private final List<PoolSourceFormat> sourceFormats;
    private final PoolSourceFormat defaultSourceFormat;
    private final VolumeFormats volumeFormats;

    StoragePoolType(String xml, int sourceFlags, List<? extends PoolSourceFormat> sourceFormats,
            PoolSourceFormat defaultSourceFormat, VolumeFormats volumeFormats) {
        this.xml = xml;
        this.sourceFlags = sourceFlags;
        this.sourceFormats = sourceFormats == null ? null : List.copyOf(sourceFormats);
        this.defaultSourceFormat = defaultSourceFormat;
        this.volumeFormats = volumeFormats;
    }

    public String xml() {
        return xml;
    }

    /** Whether the pool has a {@code <source><format>} (then it is always written). */
    public boolean hasSourceFormat() {
        return sourceFormats != null;
    }

    /** The source formats this type accepts, or an empty list. */
    public List<PoolSourceFormat> sourceFormats() {
        return sourceFormats == null ? List.of() : sourceFormats;
    }

    /** The source format used when the XML gives none, or null for types without formats. */
    public PoolSourceFormat defaultSourceFormat() {
        return defaultSourceFormat;
    }

    /** Whether volumes of this pool have a {@code <format>}. */
    public boolean hasVolumeFormat() {
        return volumeFormats != VolumeFormats.NONE;
    }

    /** The format a volume gets when its XML gives none, or null when volumes have no format. */
    public VolumeFormat defaultVolumeFormat() {
        return switch (volumeFormats) {
            case FILE -> FileFormat.RAW;
            case DISK -> DiskVolumeFormat.NONE;
            case NONE -> null;
        };
    }

    /** The volume format named {@code word}, or null when this pool type does not know it. */
    public VolumeFormat volumeFormat(String word) {
        switch (volumeFormats) {
            case FILE:
                for (FileFormat f : FileFormat.values()) {
                    if (f != FileFormat.NONE && f.xml().equals(word)) {
                        return f;
                    }
                }
                return null;
            case DISK:
                for (DiskVolumeFormat f : DiskVolumeFormat.values()) {
                    if (f.xml().equals(word)) {
                        return f;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    boolean uses(int sourceFlag) {
        return (sourceFlags & sourceFlag) != 0;
    }

    int sourceFlags() {
        return sourceFlags;
    }

    /** Whether the pool has a {@code <target>} in its XML (network pools have none). */
    public boolean hasTarget() {
        return this != RBD && this != SHEEPDOG && this != GLUSTER && this != ISCSI_DIRECT;
    }

    /** The type named {@code word}, or null. */
    public static StoragePoolType fromXml(String word) {
        for (StoragePoolType t : values()) {
            if (t.xml.equals(word)) {
                return t;
            }
        }
        return null;
    }
}
