package io.jvirt.driver.qemu.cgroup;

import java.nio.file.Path;
import java.util.Set;

/** One mounted cgroup hierarchy the driver places guests in: a v1 mount with its controllers, or the cgroup2 mount. */
public record Hierarchy(Path mount, Set<String> controllers, boolean v2) {
    /** Whether QEMU's threads are split into {@code emulator} and {@code vcpuN} here (libvirt's thread-level tuning). */
    boolean threaded() {
        return v2 || controllers.contains("cpu") || controllers.contains("cpuset");
    }

    /** The file whose lines name each hierarchy in {@code /proc/PID/cgroup}: {@code 0::} for v2, the controllers for v1. */
    boolean names(String procLine) {
        String[] f = procLine.split(":", 3);
        if (f.length < 3) {
            return false;
        }
        return v2 ? f[0].equals("0") && f[1].isEmpty() : Set.of(f[1].split(",")).containsAll(controllers);
    }
}
