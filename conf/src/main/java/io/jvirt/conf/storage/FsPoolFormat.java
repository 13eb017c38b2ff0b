package io.jvirt.conf.storage;

/** File system types of {@code fs} pools; {@code auto} is the default. */
public enum FsPoolFormat implements PoolSourceFormat {
    AUTO("auto"),
    EXT2("ext2"),
    EXT3("ext3"),
    EXT4("ext4"),
    UFS("ufs"),
    ISO9660("iso9660"),
    UDF("udf"),
    GFS("gfs"),
    GFS2("gfs2"),
    VFAT("vfat"),
    HFS_PLUS("hfs+"),
    XFS("xfs"),
    OCFS2("ocfs2"),
    VMFS("vmfs");

    private final String xml;

    FsPoolFormat(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
