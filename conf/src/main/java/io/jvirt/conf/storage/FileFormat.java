package io.jvirt.conf.storage;

/** Image formats of file-based volumes; {@code raw} is the default, {@code none} is never accepted in the XML. */
public enum FileFormat implements VolumeFormat {
    NONE("none"),
    RAW("raw"),
    DIR("dir"),
    BOCHS("bochs"),
    CLOOP("cloop"),
    DMG("dmg"),
    ISO("iso"),
    VPC("vpc"),
    VDI("vdi"),
    FAT("fat"),
    VHD("vhd"),
    PLOOP("ploop"),
    COW("cow"),
    QCOW("qcow"),
    QCOW2("qcow2"),
    QED("qed"),
    VMDK("vmdk");

    private final String xml;

    FileFormat(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
