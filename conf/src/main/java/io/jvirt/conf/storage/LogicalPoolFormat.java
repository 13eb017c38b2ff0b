package io.jvirt.conf.storage;

/** Volume group formats of {@code logical} pools; {@code lvm2} is the default. */
public enum LogicalPoolFormat implements PoolSourceFormat {
    UNKNOWN("unknown"),
    LVM2("lvm2");

    private final String xml;

    LogicalPoolFormat(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
