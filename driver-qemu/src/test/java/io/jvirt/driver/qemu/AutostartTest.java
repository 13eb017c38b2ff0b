package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.driver.qemu.process.ProcInfo;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.spi.OncePerBoot;

/**
 * Autostart once per host boot (libvirt's {@code autostarted} marker): an autostart guest that its
 * user shut down stays shut off when the driver component is deactivated and activated again (a
 * bundle update, a hot swap), and starts after a simulated host boot (the marker gone); a running
 * one is reattached, never started twice. Real QEMU, diskless.
 */
class AutostartTest {

    @Test
    void anAutostartGuestShutDownByItsUserStaysOffUntilTheHostBoots() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            Path marker = q.root.resolve("run").resolve(OncePerBoot.MARKER);
            assertEquals(OncePerBoot.hostBootId() + "\n", Files.readString(marker),
                    "the instance's first initialization recorded this boot");
            Domain d = q.conn.domainDefineXML(QemuFixture.diskless("auto"));
            d.setAutostart(true);
            d.create();
            long first = q.driverPid("auto");
            d.destroy(); // its user shut it down
            assertEquals("shutoff (destroyed)", d.getState().toString());

            for (int i = 0; i < 2; i++) { // the driver component again, twice: a bundle update, a hot swap
                q.deactivate();
                q.open();
                d = q.conn.domainLookupByName("auto");
                assertTrue(d.getAutostart());
                assertEquals("shutoff (unknown)", d.getState().toString(), "autostart ran again in the same boot");
            }
            assertFalse(ProcInfo.of(first).filter(ProcInfo::alive).isPresent());

            q.deactivate();
            Files.delete(marker); // the host booted
            q.open();
            d = q.conn.domainLookupByName("auto");
            assertEquals("running (booted)", d.getState().toString(), "no autostart after the host booted");
            long booted = q.driverPid("auto");
            assertEquals(OncePerBoot.hostBootId() + "\n", Files.readString(marker));

            q.deactivate();
            q.open();
            d = q.conn.domainLookupByName("auto");
            assertEquals("running (booted)", d.getState().toString());
            assertEquals(booted, q.driverPid("auto"), "reattached, not started again");
            d.destroy();
        }
    }

    /**
     * qemu:///system's state is the driver's {@link QemuDriver#initialize()}, which the registry calls:
     * creating the component starts nothing, initialize reattaches and, after a host boot, autostarts.
     */
    @Test
    void theSystemInstanceAutostartsInInitializeNotOnActivation() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            Path system = q.root.resolve("system");
            QemuDriver driver = new QemuDriver(system, q.root.resolve("session"), QemuFixture.EMULATOR);
            driver.initialize(); // nothing there yet: no instance, nothing created
            assertFalse(Files.exists(system), "initialize created the state of an unused instance");
            copyTree(q.root.resolve("cache"), system.resolve("cache")); // the emulator probed once is enough
            Connect c = new InProcessVirt(null).add(driver, "qemu", "qemu").open("qemu:///system");
            c.domainDefineXML(QemuFixture.diskless("sysauto")).setAutostart(true);
            c.close();
            driver.deactivate();

            Files.delete(system.resolve("run").resolve(OncePerBoot.MARKER)); // the host booted
            QemuDriver next = new QemuDriver(system, q.root.resolve("session"), QemuFixture.EMULATOR);
            Path status = system.resolve("run").resolve("sysauto.json");
            assertFalse(Files.exists(status), "the guest started when the component was created");
            try {
                next.initialize();
                assertTrue(Files.exists(status), "initialize did not autostart the guest");
                long pid = io.jvirt.driver.qemu.qmp.QmpClient.JSON.readTree(status.toFile()).path("pid").asLong();
                next.initialize(); // again (the registry restarted): the same instance, nothing started
                assertEquals(pid, io.jvirt.driver.qemu.qmp.QmpClient.JSON.readTree(status.toFile()).path("pid").asLong());
                Connect again = new InProcessVirt(null).add(next, "qemu", "qemu").open("qemu:///system");
                Domain d = again.domainLookupByName("sysauto");
                assertEquals("running (booted)", d.getState().toString());
                d.destroy();
                again.close();
            } finally {
                next.deactivate();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
