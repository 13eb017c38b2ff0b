package io.jvirt.conf.storage;

/** Partition table types of {@code disk} pools; {@code unknown} is the default. */
public enum DiskPoolFormat implements PoolSourceFormat {
    UNKNOWN("unknown"),
    DOS("dos"),
    DVH("dvh"),
    GPT("gpt"),
    MAC("mac"),
    BSD("bsd"),
    PC98("pc98"),
    SUN("sun"),
    LVM2("lvm2");

    private final String xml;

    DiskPoolFormat(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
