package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.driver.qemu.process.ProcInfo;

/**
 * Each guest in a cgroup of its own under the machine partition, as libvirtd 9.0 places it on this
 * host without systemd (measured with the anchor: memory, blkio, freezer hold the process in
 * {@code /machine/qemu-1-NAME.libvirt-qemu}; cpu, cpuset and cgroup2 its threads in {@code emulator}
 * and {@code vcpuN}). The platform in a cgroup of its own is stopped as a service manager stops it:
 * every process of its cgroup killed, the cgroup removed; the guest is in none of them, keeps
 * running, and the next platform finds it and its cgroup again; its stop removes the cgroup. pids is
 * a deliberate difference: libvirt without systemd leaves QEMU in its daemon's pids cgroup.
 */
class GuestCgroupTest {
    /** v1 mounts libvirt uses here (cpuacct and devices are the cgroup2 side's in hybrid mode), and cgroup2. */
    private static final List<String> PROCESS_LEVEL = List.of("memory", "blkio", "freezer", "pids");
    private static final List<String> THREAD_LEVEL = List.of("cpu", "cpuset");

    @Test
    void guestOutlivesThePlatformsCgroupAndIsFoundInItsOwn() throws Exception {
        Path cg = Path.of("/sys/fs/cgroup");
        Path unified = Files.isRegularFile(cg.resolve("cgroup.controllers")) ? cg : cg.resolve("unified");
        if (!Files.isDirectory(cg.resolve("memory")) && !Files.isRegularFile(unified.resolve("cgroup.procs"))) {
            fail("no cgroup hierarchy is mounted under /sys/fs/cgroup: this test needs cgroup v1 or v2");
        }
        boolean v1 = Files.isDirectory(cg.resolve("memory"));
        try (QemuFixture q = new QemuFixture()) {
            q.deactivate();
            // the platform's own cgroup in every hierarchy
            String own = "jq-platform-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
            List<Path> platform = new ArrayList<>();
            for (String c : v1 ? List.of("memory", "blkio", "freezer", "cpu", "cpuset", "pids") : List.<String>of()) {
                Path d = Files.createDirectory(cg.resolve(c).resolve(own));
                if (c.equals("cpuset")) {
                    for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
                        Files.writeString(d.resolve(f), Files.readString(cg.resolve(c).resolve(f)).trim());
                    }
                }
                platform.add(d);
            }
            if (Files.isRegularFile(unified.resolve("cgroup.procs"))) {
                platform.add(Files.createDirectory(unified.resolve(own)));
            }
            try {
                List<String> prefix = new ArrayList<>(List.of("sh", "-c",
                        "for d in $JQ_CGROUPS; do echo $$ > $d/cgroup.procs || exit 126; done; exec setsid \"$@\"", "sh"));
                Process jvm = PlatformRestartTest.startPlatform(prefix, q.root, "cgplat",
                        Map.of("JQ_CGROUPS", String.join(" ", platform.stream().map(Path::toString).toList())));
                long pid = q.driverPid("cgplat");
                long started = ProcInfo.of(pid).orElseThrow().startTicks();
                String group = "/machine/qemu-embed-" + hash8(q.root.toString()) + "-1-cgplat.libvirt-qemu";
                assertEquals(group, io.jvirt.driver.qemu.qmp.QmpClient.JSON.readTree(
                        q.root.resolve("run/cgplat.json").toFile()).path("cgroup").asText());

                // a service manager's stop: every process of the platform's cgroup, then the cgroup
                Path procs = platform.get(0).resolve("cgroup.procs");
                for (String p : Files.readAllLines(procs)) {
                    new ProcessBuilder("kill", "-KILL", p).start().waitFor();
                }
                assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
                for (Path d : platform) {
                    rmdir(d); // fails (EBUSY) if anything of the platform's were left in it
                }
                platform.clear();
                assertTrue(ProcInfo.isAlive(pid, started), "QEMU died with the platform's cgroup");

                q.open();
                Domain d = q.conn.domainLookupByName("cgplat");
                assertEquals("running (booted)", d.getState().toString());
                assertEquals(1, d.getID());
                QemuFixture.assertContains(d.getXMLDesc(), "<vcpu placement='static'>1</vcpu>\n  <resource>\n"
                        + "    <partition>/machine</partition>\n  </resource>\n  <os>");
                assertFalse(d.getXMLDesc(io.jvirt.api.DomainXMLFlag.INACTIVE).contains("<resource>"),
                        "libvirt puts the partition into the live definition only");

                Map<String, String> proc = cgroupsOf(pid, pid);
                long vcpu = vcpuThread(pid);
                Map<String, String> vcpuCg = cgroupsOf(pid, vcpu);
                List<Path> dirs = new ArrayList<>();
                if (v1) {
                    for (String c : PROCESS_LEVEL) {
                        assertEquals(group, proc.get(c), c + " of QEMU");
                        assertEquals(group, vcpuCg.get(c), c + " of its vCPU thread");
                        dirs.add(cg.resolve(c).resolve(group.substring(1)));
                    }
                    for (String c : THREAD_LEVEL) {
                        assertEquals(group + "/emulator", proc.get(c), c + " of QEMU's main thread");
                        assertEquals(group + "/vcpu0", vcpuCg.get(c), c + " of its vCPU thread");
                        dirs.add(cg.resolve(c).resolve(group.substring(1)));
                    }
                }
                assertEquals(group + "/emulator", proc.get(""), "cgroup2 of QEMU's main thread");
                assertEquals(group + "/vcpu0", vcpuCg.get(""), "cgroup2 of its vCPU thread");
                assertEquals("domain threaded", Files.readString(unified.resolve(group.substring(1)).resolve("cgroup.type")).trim());
                dirs.add(unified.resolve(group.substring(1)));
                for (Path dir : dirs) {
                    assertTrue(Files.isDirectory(dir), dir + " exists");
                }

                d.destroy();
                for (Path dir : dirs) {
                    assertFalse(Files.exists(dir), dir + " is removed when the guest stops");
                }
            } finally {
                for (Path d : platform) {
                    rmdir(d);
                }
            }
        }
    }

    /** The guest's single vCPU thread (QEMU names it "CPU 0/TCG" or "CPU 0/KVM"). */
    private static long vcpuThread(long pid) throws IOException {
        try (var s = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : s.toList()) {
                if (Files.readString(t.resolve("comm")).startsWith("CPU 0/")) {
                    return Long.parseLong(t.getFileName().toString());
                }
            }
        }
        return fail("QEMU " + pid + " has no thread named CPU 0/...");
    }

    /** A thread's cgroup per controller ("" for cgroup2). */
    private static Map<String, String> cgroupsOf(long pid, long tid) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "cgroup"))) {
            String[] f = line.split(":", 3);
            for (String c : f[1].split(",", -1)) {
                m.put(c, f[2]);
            }
        }
        return m;
    }

    private static String hash8(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 8);
    }

    private static void rmdir(Path d) throws IOException {
        if (Files.exists(d)) {
            Files.delete(d);
        }
    }
}
