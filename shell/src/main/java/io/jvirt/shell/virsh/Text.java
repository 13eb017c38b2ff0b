package io.jvirt.shell.virsh;

import java.util.Comparator;
import java.util.Locale;

import io.jvirt.api.DomainState;
import io.jvirt.api.NamedObject;

/** The words and number formats virsh prints. */
final class Text {
    private Text() {
    }

    /** virsh sorts names without regard to case. */
    static final Comparator<NamedObject> BY_NAME = Comparator.comparing(NamedObject::getName,
            String.CASE_INSENSITIVE_ORDER);

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    static String state(DomainState s) {
        return switch (s) {
            case RUNNING -> "running";
            case BLOCKED -> "idle";
            case PAUSED -> "paused";
            case SHUTDOWN -> "in shutdown";
            case SHUTOFF -> "shut off";
            case CRASHED -> "crashed";
            case PMSUSPENDED -> "pmsuspended";
            default -> "no state";
        };
    }

    /** A "Label:" column of the given width, then a space and the value. */
    static String field(int width, String label, Object value) {
        return String.format(Locale.ROOT, "%-" + width + "s %s%n", label, value).replace(System.lineSeparator(), "\n");
    }

    /** Bytes in the largest binary unit that keeps the number at least 1, two decimals. */
    static String capacity(long bytes) {
        String[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }
}
