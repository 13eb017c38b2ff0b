package io.jvirt.conf.capabilities;

import java.util.Locale;

/** Guest operating system types of {@code <os_type>} (virDomainOSType). */
public enum OsType {
    HVM, XEN, LINUX, EXE, UML, XENPVH;

    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OsType fromXml(String name) {
        for (OsType t : values()) {
            if (t.xmlName().equals(name)) {
                return t;
            }
        }
        throw CapsXml.error("unknown OS type '" + name + "'");
    }

    @Override
    public String toString() {
        return xmlName();
    }
}
