package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.driver.qemu.process.ProcInfo;

/**
 * {@code kill -9} of the whole platform (another JVM that started the guest): the guest keeps
 * running, a new platform finds it again and, now that it is no child of this JVM, still notices
 * at once when it is destroyed or dies.
 */
class PlatformRestartTest {

    @Test
    void guestSurvivesKillOfThePlatformAndIsWatchedAfterwards() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            q.deactivate(); // the other JVM owns the root until it dies
            Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), GuestStarter.class.getName(), q.root.toString(), "survivor")
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = out.readLine()) != null && !line.equals("started")) {
                    seen.append(line).append('\n');
                }
                assertEquals("started", line, "the other platform did not start its guest:\n" + seen);
            }
            long pid = q.driverPid("survivor");
            long started = ProcInfo.of(pid).orElseThrow().startTicks();
            jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no deactivate
            assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
            assertTrue(ProcInfo.isAlive(pid, started), "QEMU died with the platform");

            q.open();
            Domain d = q.conn.domainLookupByName("survivor");
            assertEquals("running (booted)", d.getState().toString());
            assertEquals(pid, q.driverPid("survivor"));
            assertEquals(started, ProcInfo.of(pid).orElseThrow().startTicks(), "uptime differs: another QEMU");
            assertNotEquals(ProcessHandle.current().pid(),
                    ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L));

            QemuFixture.Events ev = new QemuFixture.Events(q.conn);
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
            ev.expect("survivor:stopped/failed");
            assertEquals("shutoff (crashed)", d.getState().toString());

            d.create(); // a child of this JVM now; destroy a reattached one again
            long second = q.driverPid("survivor");
            q.deactivate();
            q.open();
            ev = new QemuFixture.Events(q.conn);
            d = q.conn.domainLookupByName("survivor");
            d.destroy();
            ev.expect("survivor:shutdown/host", "survivor:stopped/destroyed");
            assertFalse(ProcInfo.of(second).filter(ProcInfo::alive).isPresent());
        }
    }

    /**
     * The platform as a terminal or service manager stops it: SIGKILL to its whole process group
     * (the JVM runs under {@code setsid}, so it leads a group of its own). QEMU runs in a session
     * of its own and is not in that group: it keeps running and the next platform lists it with
     * the same id.
     */
    @Test
    void guestSurvivesKillOfThePlatformsProcessGroup() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            q.deactivate();
            Process jvm = startPlatform(List.of("setsid"), q.root, "grouped");
            long pgid = Long.parseLong(Files.readString(Path.of("/proc", Long.toString(jvm.pid()), "stat"))
                    .replaceFirst(".*\\) \\S+ \\S+ (\\S+) .*", "$1").trim());
            assertEquals(jvm.pid(), pgid, "the platform leads its own process group under setsid");
            long pid = q.driverPid("grouped");
            long started = ProcInfo.of(pid).orElseThrow().startTicks();
            String[] stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat")).replaceFirst(".*\\) ", "").split(" ");
            assertEquals(Long.toString(pid), stat[2], "QEMU leads its own process group");
            assertEquals(Long.toString(pid), stat[3], "QEMU leads its own session");
            assertEquals(0, new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).start().waitFor());
            assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
            assertTrue(ProcInfo.isAlive(pid, started), "QEMU died with the platform's process group");

            q.open();
            Domain d = q.conn.domainLookupByName("grouped");
            assertEquals("running (booted)", d.getState().toString());
            assertEquals(1, d.getID(), "the first guest of the root keeps its id");
            assertTrue(q.conn.listAllDomains().stream().anyMatch(x -> x.getName().equals("grouped") && x.getID() == 1));
            assertEquals(pid, q.driverPid("grouped"));
            assertEquals(started, ProcInfo.of(pid).orElseThrow().startTicks(), "uptime differs: another QEMU");
            d.destroy();
            assertFalse(ProcInfo.of(pid).filter(ProcInfo::alive).isPresent());
        }
    }

    /** A platform in another JVM ({@link GuestStarter}) under {@code prefix}, once it has started its guest. */
    static Process startPlatform(List<String> prefix, Path root, String name, String... more) throws IOException {
        return startPlatform(prefix, root, name, java.util.Map.of(), more);
    }

    static Process startPlatform(List<String> prefix, Path root, String name, java.util.Map<String, String> env,
            String... more) throws IOException {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), GuestStarter.class.getName(), root.toString(), name));
        argv.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process jvm = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null && !line.equals("started")) {
            seen.append(line).append('\n');
        }
        assertEquals("started", line, "the other platform did not start its guest:\n" + seen);
        return jvm;
    }

    @Test
    void liveVcpuChangeSurvivesKillOfThePlatform() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            q.deactivate();
            Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), GuestStarter.class.getName(), q.root.toString(), "plugged",
                    "plug-vcpu").redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = out.readLine()) != null && !line.equals("started")) {
                    seen.append(line).append('\n');
                }
                assertEquals("started", line, "the other platform did not plug its vCPU:\n" + seen);
            }
            jvm.destroyForcibly();
            assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));

            q.open();
            Domain d = q.conn.domainLookupByName("plugged");
            assertEquals(2, d.getVcpusFlags(io.jvirt.api.DomainModificationFlag.LIVE));
            assertEquals(1, d.getVcpusFlags(io.jvirt.api.DomainModificationFlag.CONFIG));
            assertEquals(2, d.getInfo().nrVirtCpu());
            QemuFixture.assertContains(d.getXMLDesc(), "<vcpu placement='static'>2</vcpu>\n  <vcpus>\n"
                    + "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
                    + "    <vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>\n  </vcpus>\n");
            assertEquals(2, LiveChangesTest.vcpuThreads(q.driverPid("plugged")), "QEMU runs both vCPUs");
        }
    }
}
