package io.jvirt.conf.storage;

/** {@code <volume type='...'>}; {@code file} when absent. */
public enum StorageVolType {
    FILE("file"),
    BLOCK("block"),
    DIR("dir"),
    NETWORK("network"),
    NETDIR("netdir"),
    PLOOP("ploop");

    private final String xml;

    StorageVolType(String xml) {
        this.xml = xml;
    }

    public String xml() {
        return xml;
    }
}
