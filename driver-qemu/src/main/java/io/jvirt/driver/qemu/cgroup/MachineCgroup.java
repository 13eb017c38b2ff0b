package io.jvirt.driver.qemu.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import io.jvirt.driver.qemu.QemuErrors;

/**
 * One guest's cgroup, {@code PARTITION/MACHINE.libvirt-qemu} in every hierarchy of the host, as
 * libvirt 9.0 lays it out without systemd: the QEMU process in the group itself, and where threads
 * can be tuned (v1 cpu and cpuset, cgroup2) its threads in {@code emulator} and {@code vcpuN}. The
 * partition is made when missing and never removed (other guests, and libvirtd's, share it).
 */
public final class MachineCgroup {
    public static final String DEFAULT_PARTITION = "/machine";
    private final CgroupHost host;
    /** The group's path inside each hierarchy, e.g. {@code /machine/qemu-1-web.libvirt-qemu}. */
    private final String path;

    public MachineCgroup(CgroupHost host, String path) {
        this.host = host;
        this.path = path;
    }

    public String path() {
        return path;
    }

    /**
     * libvirt's machine name: {@code qemu-ID-NAME}, or {@code qemu-embed-HASH-ID-NAME} for an
     * embedded driver (HASH: 8 hex digits of SHA-256 of its root) so that two roots never share a
     * group; of NAME only host-name characters are kept, at most 64 characters in all.
     */
    public static String machineName(String embedRoot, int id, String name) {
        StringBuilder b = new StringBuilder();
        if (embedRoot != null) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(embedRoot.getBytes(StandardCharsets.UTF_8));
                b.append("qemu-embed-").append(HexFormat.of().formatHex(h), 0, 8).append('-');
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        } else {
            b.append("qemu-");
        }
        b.append(id).append('-');
        boolean skip = true;
        for (char c : name.toCharArray()) {
            if (b.length() >= 64) {
                break;
            }
            if (c == '.' || c == '-') {
                if (!skip) {
                    b.append(c);
                    skip = true;
                }
            } else if (c < 128 && (Character.isLetterOrDigit(c))) {
                b.append(c);
                skip = false;
            }
        }
        while (b.length() > 0 && (b.charAt(b.length() - 1) == '-' || b.charAt(b.length() - 1) == '.')) {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    public static MachineCgroup of(CgroupHost host, String partition, String machineName) {
        return new MachineCgroup(host, partition.replaceAll("/+$", "") + "/" + machineName + ".libvirt-qemu");
    }

    public Path dir(Hierarchy h) {
        return h.mount().resolve(path.substring(1));
    }

    /** The directory of the hierarchy that has {@code controller}, if the host has one. */
    public Optional<Path> dir(String controller) {
        return host.hierarchies().stream().filter(h -> h.controllers().contains(controller)).findFirst().map(this::dir);
    }

    /** Makes the partition (when missing) and the group in every hierarchy. */
    public void create() {
        for (Hierarchy h : host.hierarchies()) {
            Path dir = dir(h);
            List<Path> chain = new ArrayList<>();
            for (Path p = dir; !p.equals(h.mount()); p = p.getParent()) {
                chain.add(0, p);
            }
            Path parent = h.mount();
            for (Path p : chain) {
                try {
                    if (!Files.isDirectory(p)) {
                        enableControllers(h, parent);
                        Files.createDirectory(p);
                    }
                    inheritCpuset(h, parent, p);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // made by a concurrent start
                } catch (IOException e) {
                    throw QemuErrors.system(io.jvirt.api.ErrorDomain.CGROUP, "Unable to create cgroup for '" + p + "'", e);
                }
                parent = p;
            }
        }
    }

    /** The group's {@code cgroup.procs} files: what the spawn helper writes QEMU's pid into. */
    public List<Path> procsFiles() {
        return host.hierarchies().stream().map(h -> dir(h).resolve("cgroup.procs")).toList();
    }

    /**
     * Before {@code cont}: QEMU's threads into {@code emulator} and each vCPU thread ({@code vcpus}:
     * vCPU index to thread id) into {@code vcpuN}, where threads are tuned.
     */
    public void placeThreads(long pid, Map<Integer, Long> vcpus) throws IOException {
        List<Long> tids = new ArrayList<>();
        try (var s = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            s.forEach(t -> tids.add(Long.parseLong(t.getFileName().toString())));
        }
        for (Hierarchy h : host.hierarchies()) {
            if (!h.threaded()) {
                continue;
            }
            Path group = dir(h);
            Path emulator = subgroup(h, group, "emulator");
            for (Map.Entry<Integer, Long> v : vcpus.entrySet()) {
                subgroup(h, group, "vcpu" + v.getKey());
            }
            if (h.v2()) {
                enableControllers(h, group);
            }
            String file = h.v2() ? "cgroup.threads" : "tasks";
            for (long tid : tids) {
                if (!vcpus.containsValue(tid)) {
                    write(emulator.resolve(file), Long.toString(tid));
                }
            }
            for (Map.Entry<Integer, Long> v : vcpus.entrySet()) {
                write(group.resolve("vcpu" + v.getKey()).resolve(file), Long.toString(v.getValue()));
            }
        }
    }

    private static Path subgroup(Hierarchy h, Path group, String name) throws IOException {
        Path p = group.resolve(name);
        if (!Files.isDirectory(p)) {
            Files.createDirectory(p);
        }
        if (h.v2()) {
            write(p.resolve("cgroup.type"), "threaded");
        }
        inheritCpuset(h, group, p);
        return p;
    }

    /** Whether {@code pid} is in this group (or below it) in some hierarchy: how a reattach finds it again. */
    public boolean holds(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
                String p = line.split(":", 3).length == 3 ? line.split(":", 3)[2] : "";
                if ((p.equals(path) || p.startsWith(path + "/"))
                        && host.hierarchies().stream().anyMatch(h -> h.names(line))) {
                    return true;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return false;
    }

    /** Removes the group (sub-groups first) everywhere; a group still busy is retried briefly, then left. */
    public void remove() {
        for (Hierarchy h : host.hierarchies()) {
            Path group = dir(h);
            if (!Files.isDirectory(group)) {
                continue;
            }
            try (var s = Files.list(group)) {
                for (Path sub : s.filter(Files::isDirectory).toList()) {
                    rmdir(sub);
                }
            } catch (IOException e) {
                // listed below again by rmdir's failure
            }
            rmdir(group);
        }
    }

    private static void rmdir(Path dir) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    java.util.logging.Logger.getLogger(MachineCgroup.class.getName()).warning("cannot remove cgroup " + dir + ": " + e);
                    return;
                }
                LockSupport.parkNanos(20_000_000);
            }
        }
    }

    /** v1 cpuset: a new group has no CPUs nor memory nodes, and no task may join it until it has its parent's. */
    private static void inheritCpuset(Hierarchy h, Path parent, Path dir) throws IOException {
        if (h.v2() || !h.controllers().contains("cpuset")) {
            return;
        }
        for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
            if (Files.readString(dir.resolve(f)).isBlank()) {
                write(dir.resolve(f), Files.readString(parent.resolve(f)).trim());
            }
        }
    }

    /** cgroup2: a child gets the controllers its parent enables in {@code cgroup.subtree_control}. */
    private static void enableControllers(Hierarchy h, Path parent) throws IOException {
        if (!h.v2() || h.controllers().isEmpty()) {
            return;
        }
        Path groupType = parent.resolve("cgroup.type");
        boolean threadedRoot = Files.exists(groupType) && !Files.readString(groupType).trim().equals("domain")
                || Files.exists(parent.resolve("cgroup.procs")) && !Files.readString(parent.resolve("cgroup.procs")).isBlank();
        List<String> want = new ArrayList<>();
        for (String c : threadedRoot ? List.of("cpu", "cpuset") : List.of("cpu", "cpuset", "memory", "io", "pids")) {
            if (Files.readString(parent.resolve("cgroup.controllers")).contains(c)) {
                want.add("+" + c);
            }
        }
        if (!want.isEmpty()) {
            write(parent.resolve("cgroup.subtree_control"), String.join(" ", want));
        }
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }
}
