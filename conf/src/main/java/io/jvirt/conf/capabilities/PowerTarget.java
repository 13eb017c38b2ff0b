package io.jvirt.conf.capabilities;

import java.util.Locale;

/** The host's suspend targets in {@code <power_management>}, in libvirt's order. */
public enum PowerTarget {
    SUSPEND_MEM, SUSPEND_DISK, SUSPEND_HYBRID;

    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PowerTarget fromXml(String name) {
        for (PowerTarget t : values()) {
            if (t.xmlName().equals(name)) {
                return t;
            }
        }
        throw CapsXml.error("unknown power management target '" + name + "'");
    }
}
