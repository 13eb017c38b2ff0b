package io.jvirt.driver.lxc.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jvirt.driver.lxc.LxcErrors;
import io.jvirt.driver.lxc.conf.LxcDefinition;

/**
 * The host's cgroup layout, as libvirt's cgroup code sees it: either the v1 controllers mounted one
 * per directory under {@code /sys/fs/cgroup} (this machine's hybrid layout, whose cgroup2 mount at
 * {@code unified} has no controllers and is left alone) or one cgroup2 hierarchy at
 * {@code /sys/fs/cgroup}. A container's cgroup is {@code PARTITION/LEAF} in each hierarchy it uses.
 * libvirt 9.0's LXC driver fails on the hybrid layout (it insists on a cgroup of its own in the
 * controller-less v2 mount); this one uses v1 there, as libvirt's QEMU driver does.
 */
public final class Cgroups {
    /** The v1 controllers a container joins; cpuset needs its cpus and mems filled before anyone joins. */
    static final List<String> V1 = List.of("cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids");

    private final Path mount;
    private final boolean v2;
    private final List<String> v1Controllers;

    private Cgroups(Path mount, boolean v2, List<String> v1Controllers) {
        this.mount = mount;
        this.v2 = v2;
        this.v1Controllers = v1Controllers;
    }

    /** The layout of this host. */
    public static Cgroups host() {
        return of(Path.of("/sys/fs/cgroup"));
    }

    /** The layout under {@code mount}: v2 when it is itself a cgroup2 root with controllers, else the v1 controllers there. */
    public static Cgroups of(Path mount) {
        if (Files.exists(mount.resolve("cgroup.controllers"))) {
            return new Cgroups(mount, true, List.of());
        }
        List<String> found = new ArrayList<>();
        for (String c : V1) {
            if (Files.exists(mount.resolve(c).resolve("cgroup.procs"))) {
                found.add(c);
            }
        }
        return new Cgroups(mount, false, found);
    }

    public boolean v2() {
        return v2;
    }

    /** What a test or a log line names the layout by: {@code v2} or {@code v1(cpu,memory,...)}. */
    public String describe() {
        return v2 ? "v2" : "v1" + v1Controllers;
    }

    /** The container cgroup {@code partition/leaf} (partition absolute, as {@code <resource><partition>}). */
    public Group group(String partition, String leaf) {
        String rel = (partition.startsWith("/") ? partition.substring(1) : partition) + "/" + leaf;
        if (v2) {
            return new Group(this, List.of(mount.resolve(rel)), rel);
        }
        List<Path> dirs = new ArrayList<>();
        for (String c : v1Controllers) {
            dirs.add(mount.resolve(c).resolve(rel));
        }
        return new Group(this, dirs, rel);
    }

    /**
     * Removes the empty directory {@code rel} (an embed instance's level) in every hierarchy;
     * one that still holds a container's cgroup stays (rmdir of a cgroup with children fails).
     */
    public void removeLevel(String rel) {
        String r = rel.startsWith("/") ? rel.substring(1) : rel;
        List<Path> dirs = v2 ? List.of(mount.resolve(r)) : v1Controllers.stream().map(c -> mount.resolve(c).resolve(r)).toList();
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d);
            } catch (IOException e) {
                // not empty: in use
            }
        }
    }

    Path dir(String controller, String rel) {
        return v2 ? mount.resolve(rel) : mount.resolve(controller).resolve(rel);
    }

    boolean has(String controller) {
        return v2 || v1Controllers.contains(controller);
    }

    Path mount() {
        return mount;
    }

    /** One container's cgroup in every hierarchy it uses. */
    public static final class Group {
        private final Cgroups layout;
        private final List<Path> dirs;
        private final String rel;

        Group(Cgroups layout, List<Path> dirs, String rel) {
            this.layout = layout;
            this.dirs = dirs;
            this.rel = rel;
        }

        /** The directories init joins (the controller writes its pid into each {@code cgroup.procs}). */
        public List<Path> dirs() {
            return dirs;
        }

        /** {@code freezer.state} (v1) or {@code cgroup.freeze} (v2). */
        public Path freezer() {
            return layout.v2 ? dirs.get(0).resolve("cgroup.freeze") : layout.dir("freezer", rel).resolve("freezer.state");
        }

        /** {@code cgroup.kill} where the kernel has it (v2 since 5.14), else null. */
        public Path killFile() {
            Path k = layout.v2 ? dirs.get(0).resolve("cgroup.kill") : null;
            return k != null && Files.exists(k.getParent().getParent().resolve("cgroup.kill")) ? k : null;
        }

        /**
         * Makes the directories (and the partition's) and writes the definition's limits: the
         * memory limit is {@code <memory>} unless {@code <memtune><hard_limit>} says otherwise, as
         * libvirt's LXC driver sets it.
         */
        public void create(LxcDefinition def) {
            try {
                if (layout.v2) {
                    enableV2(dirs.get(0));
                }
                for (Path d : dirs) {
                    if (!layout.v2 && d.startsWith(layout.mount.resolve("cpuset"))) {
                        makeCpuset(d);
                    } else {
                        Files.createDirectories(d);
                    }
                }
                Limits.apply(layout, rel, def);
            } catch (IOException e) {
                remove();
                throw LxcErrors.system(io.jvirt.api.ErrorDomain.CGROUP, "Unable to create cgroup " + rel,
                        io.jvirt.driver.lxc.util.Errno.text(e));
            }
        }

        /** cpuset in v1: a new directory has no cpus nor mems until they are copied from its parent. */
        private static void makeCpuset(Path d) throws IOException {
            List<Path> chain = new ArrayList<>();
            for (Path p = d; !Files.exists(p); p = p.getParent()) {
                chain.add(0, p);
            }
            for (Path p : chain) {
                Files.createDirectory(p);
                for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
                    String v = Files.readString(p.getParent().resolve(f)).trim();
                    if (Files.readString(p.resolve(f)).trim().isEmpty()) {
                        Files.writeString(p.resolve(f), v);
                    }
                }
            }
        }

        /** v2: the controllers must be enabled in every ancestor's subtree_control. */
        private void enableV2(Path leaf) throws IOException {
            Path root = layout.mount;
            List<Path> chain = new ArrayList<>();
            for (Path p = leaf.getParent(); p.startsWith(root); p = p.getParent()) {
                chain.add(0, p);
                if (p.equals(root)) {
                    break;
                }
            }
            for (Path p : chain) {
                Files.createDirectories(p);
                String available = Files.readString(p.resolve("cgroup.controllers")).trim();
                StringBuilder want = new StringBuilder();
                for (String c : List.of("cpu", "io", "memory", "pids", "cpuset")) {
                    if ((" " + available + " ").contains(" " + c + " ")) {
                        want.append(want.length() == 0 ? "" : " ").append('+').append(c);
                    }
                }
                if (want.length() > 0) {
                    try {
                        Files.writeString(p.resolve("cgroup.subtree_control"), want.toString());
                    } catch (IOException e) {
                        // the root of a delegated tree may refuse what it has already: the limits tell
                    }
                }
            }
        }

        /** Removes the directories (they must be empty of tasks); what is gone already is fine. */
        public void remove() {
            for (int i = dirs.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(dirs.get(i));
                } catch (IOException e) {
                    // busy: the controller removes it when the last task left
                }
            }
        }

        /** CPU time of all the container's tasks in nanoseconds (cpuacct.usage / cpu.stat usage_usec). */
        public long cpuTimeNs() {
            if (layout.v2) {
                return stat(dirs.get(0).resolve("cpu.stat"), "usage_usec") * 1000;
            }
            return number(layout.dir("cpuacct", rel).resolve("cpuacct.usage"));
        }

        /** Memory in use in KiB (memory.usage_in_bytes / memory.current), as libvirt's getInfo reports it. */
        public long memoryKiB() {
            Path f = layout.v2 ? dirs.get(0).resolve("memory.current") : layout.dir("memory", rel).resolve("memory.usage_in_bytes");
            return number(f) / 1024;
        }

        /** Freezes or thaws every task, and waits (bounded) until the kernel says it is done. */
        public void freeze(boolean frozen) throws IOException {
            Path f = freezer();
            Files.writeString(f, layout.v2 ? (frozen ? "1" : "0") : (frozen ? "FROZEN" : "THAWED"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (frozen() == frozen) {
                    return;
                }
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            throw new IOException("the freezer of " + f.getParent() + " did not reach " + (frozen ? "FROZEN" : "THAWED"));
        }

        /** Whether the container is frozen now. */
        public boolean frozen() {
            try {
                if (layout.v2) {
                    return stat(dirs.get(0).resolve("cgroup.events"), "frozen") == 1;
                }
                return Files.readString(freezer()).trim().equals("FROZEN");
            } catch (IOException e) {
                return false;
            }
        }

        /** A limit file of a controller, for tests and dominfo: its trimmed content, or null when absent. */
        public String read(String controller, String file) {
            try {
                return Files.readString(layout.dir(controller, rel).resolve(file), StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                return null;
            }
        }

        public boolean v2() {
            return layout.v2;
        }

        private static long number(Path f) {
            try {
                return Long.parseLong(Files.readString(f).trim());
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }

        private static long stat(Path f, String key) {
            try {
                for (String line : Files.readAllLines(f)) {
                    String[] kv = line.trim().split("\\s+");
                    if (kv.length == 2 && kv[0].equals(key)) {
                        return Long.parseLong(kv[1]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // absent: 0
            }
            return 0;
        }
    }
}
