package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
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
