package io.jvirt.conf.network;

import java.util.Locale;

/** {@code <forward mode>}: how the network reaches the outside (none is an isolated network). */
public enum ForwardMode {
    NONE, NAT, ROUTE, OPEN, BRIDGE, PRIVATE, VEPA, PASSTHROUGH, HOSTDEV;

    public String xml() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ForwardMode of(String s) {
        for (ForwardMode m : values()) {
            if (m.xml().equals(s)) {
                return m;
            }
        }
        return null;
    }

    /** Whether libvirt runs a bridge of its own for this mode (bridge attributes stp/delay apply). */
    public boolean hasBridge() {
        return this == NONE || this == NAT || this == ROUTE || this == OPEN;
    }
}
