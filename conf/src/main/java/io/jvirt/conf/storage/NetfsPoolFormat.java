package io.jvirt.conf.storage;

/** Network file system types of {@code netfs} pools; {@code auto} is the default. */
public enum NetfsPoolFormat implements PoolSourceFormat {
    AUTO("auto"),
    NFS("nfs"),
    GLUSTERFS("glusterfs"),
    CIFS("cifs");

    private final String xml;

    NetfsPoolFormat(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
