package io.jvirt.driver.qemu.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cgroup hierarchies of this host the driver uses, from {@code /proc/self/mountinfo}, as
 * libvirt 9.0 picks them (measured on a hybrid host): the v1 mounts of cpu, cpuacct, cpuset,
 * memory, devices, freezer, blkio, net_cls, perf_event, and the cgroup2 mount. With both (hybrid),
 * the cgroup2 side answers for cpuacct and devices, so those v1 mounts stay unused. Unlike libvirt
 * without systemd, pids too: else a guest stays in the platform's pids cgroup, which then cannot be
 * removed and whose limit would count the guests.
 */
public record CgroupHost(List<Hierarchy> hierarchies) {
    private static final Set<String> V1 = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio",
            "net_cls", "perf_event", "pids");

    public static CgroupHost detect() {
        try {
            return parse(Files.readString(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            return new CgroupHost(List.of());
        }
    }

    static CgroupHost parse(String mountinfo) {
        List<Hierarchy> v1 = new ArrayList<>();
        Hierarchy v2 = null;
        for (String line : mountinfo.split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] pre = line.substring(0, dash).split(" ");
            String[] post = line.substring(dash + 3).split(" ");
            if (pre.length < 5 || post.length < 3 || !pre[3].equals("/")) {
                continue; // only whole hierarchies: a bind of a sub-group would misname paths
            }
            Path mount = Path.of(pre[4].replace("\\040", " "));
            if (!Files.isWritable(mount)) {
                continue;
            }
            if (post[0].equals("cgroup2")) {
                Set<String> ctl = new LinkedHashSet<>();
                try {
                    for (String c : Files.readString(mount.resolve("cgroup.controllers")).trim().split(" ")) {
                        if (!c.isEmpty()) {
                            ctl.add(c);
                        }
                    }
                } catch (IOException e) {
                    continue;
                }
                v2 = new Hierarchy(mount, Set.copyOf(ctl), true);
            } else if (post[0].equals("cgroup")) {
                Set<String> ctl = new LinkedHashSet<>();
                for (String o : post[2].split(",")) {
                    if (V1.contains(o)) {
                        ctl.add(o);
                    }
                }
                if (!ctl.isEmpty()) {
                    v1.add(new Hierarchy(mount, Set.copyOf(ctl), false));
                }
            }
        }
        List<Hierarchy> used = new ArrayList<>();
        for (Hierarchy h : v1) {
            Set<String> ctl = new LinkedHashSet<>(h.controllers());
            if (v2 != null) {
                ctl.removeAll(Set.of("cpuacct", "devices"));
            }
            if (!ctl.isEmpty()) {
                used.add(new Hierarchy(h.mount(), h.controllers(), false));
            }
        }
        if (v2 != null) {
            used.add(v2);
        }
        return new CgroupHost(List.copyOf(used));
    }

    public boolean available() {
        return !hierarchies.isEmpty();
    }
}
