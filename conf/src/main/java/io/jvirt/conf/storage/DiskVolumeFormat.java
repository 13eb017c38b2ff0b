package io.jvirt.conf.storage;

/** Partition types of volumes in {@code disk} pools; {@code none} is the default. */
public enum DiskVolumeFormat implements VolumeFormat {
    NONE("none"),
    LINUX("linux"),
    FAT16("fat16"),
    FAT32("fat32"),
    LINUX_SWAP("linux-swap"),
    LINUX_LVM("linux-lvm"),
    LINUX_RAID("linux-raid"),
    EXTENDED("extended");

    private final String xml;

    DiskVolumeFormat(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
