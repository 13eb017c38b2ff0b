package io.jvirt.conf.domain;

import java.util.List;

/** {@code <interface>}: child order and defaults. */
public final class Interfaces {
    /** Children of an interface in libvirt's output order. */
    static final List<String> ORDER = List.of("mac", "source", "vlan", "virtualport", "ip", "route", "script",
            "downscript", "backenddomain", "target", "guest", "model", "driver", "backend", "teaming", "filterref",
            "tune", "bandwidth", "link", "mtu", "coalesce", "rom", "alias", "address", "acpi", "boot");

    private Interfaces() {
    }

    /** Where a new {@code <target>} goes among an interface's children. */
    public static int targetIndex(XmlNode net) {
        int target = ORDER.indexOf("target");
        int i = 0;
        for (XmlNode c : net.children()) {
            int k = ORDER.indexOf(c.name());
            if (k > target) {
                return i;
            }
            i++;
        }
        return i;
    }
}
