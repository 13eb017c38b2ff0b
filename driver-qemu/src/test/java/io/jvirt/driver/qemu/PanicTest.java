package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.testsupport.TestGuest;

/**
 * A real guest kernel panic (the test guest's {@code jvirt.panic=1}: sysrq 'c' right after
 * JVIRT-GUEST-UP, reported by the pvpanic driver through {@code <panic model='isa'/>}) and each
 * {@code on_crash} action, with the states, reasons and events libvirtd 9.0 reports for the same
 * guest (observed with the anchor's libvirtd, same kernel, initrd and {@code <panic model='isa'/>}):
 * <pre>
 * on_crash          events after started/booted                      state after        QEMU
 * destroy           crashed/panicked, stopped/crashed                shutoff (crashed)  gone
 * coredump-destroy  crashed/panicked, stopped/crashed (dump first)   shutoff (crashed)  gone
 * preserve          crashed/panicked                                 crashed (panicked) paused
 * restart           crashed/panicked, reboot, resumed/unpaused       running (crashed)  same
 * coredump-restart  as restart, after the dump                       running (crashed)  same
 * </pre>
 * libvirtd also reports suspended/paused before crashed/panicked now and then (its STOP handler
 * races with its panic job); this driver handles the panic first and never does.
 */
class PanicTest {
    /** A TCG boot takes seconds; on a machine shared by several builds it can take minutes. */
    private static final long BOOT_S = 180;
    private static QemuFixture q;
    private static TestGuest guest;
    private static String type;

    @BeforeAll
    static void guest() throws Exception {
        guest = TestGuest.build();
        type = guest.type();
        System.out.println("PanicTest boots the test guest with " + guest.accelerator());
        q = new QemuFixture();
    }

    @AfterAll
    static void close() {
        if (q != null) {
            q.close();
        }
    }

    private static Domain define(String name, String onCrash) {
        return define(name, "<on_crash>" + onCrash + "</on_crash>", " jvirt.panic=1");
    }

    private static Domain define(String name, String lifecycle, String cmdline) {
        Path serial = q.root.resolve(name + ".serial");
        return q.conn.domainDefineXML("<domain type='" + type + "'><name>" + name + "</name>"
                + "<memory unit='MiB'>128</memory><vcpu>1</vcpu>" + guest.os(cmdline) + "<features><acpi/></features>"
                + lifecycle + "<devices><serial type='file'><source path='" + serial + "'/>"
                + "</serial><memballoon model='none'/><panic/></devices></domain>");
    }

    /** Running, not a zombie. */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void destroy() throws Exception {
        QemuFixture.Events ev = new QemuFixture.Events(q.conn, q.root, "pdestroy");
        Domain d = define("pdestroy", "destroy");
        d.create();
        long pid = q.driverPid("pdestroy");
        ev.expectWithin(BOOT_S, "pdestroy:defined/added", "pdestroy:resumed/unpaused", "pdestroy:started/booted",
                "pdestroy:crashed/panicked",
                "pdestroy:stopped/crashed");
        assertEquals("shutoff (crashed)", d.getState().toString());
        awaitGone(pid);
        QemuFixture.assertContains(Files.readString(q.root.resolve("pdestroy.serial")), "JVIRT-GUEST-PANIC");
    }

    @Test
    void preserveKeepsTheCrashedGuestAcrossADriverRestart() throws Exception {
        QemuFixture.Events ev = new QemuFixture.Events(q.conn, q.root, "ppreserve");
        Domain d = define("ppreserve", "preserve");
        d.create();
        long pid = q.driverPid("ppreserve");
        ev.expectWithin(BOOT_S, "ppreserve:defined/added", "ppreserve:resumed/unpaused", "ppreserve:started/booted",
                "ppreserve:crashed/panicked");
        assertEquals("crashed (panicked)", d.getState().toString());
        assertTrue(alive(pid), "QEMU must stay for debugging");
        QemuFixture.assertContains(d.getXMLDesc(), "<panic model='isa'/>");

        // the status file remembers the crash: a new driver finds the guest crashed, not paused
        q.deactivate();
        q.open();
        d = q.conn.domainLookupByName("ppreserve");
        assertEquals("crashed (panicked)", d.getState().toString());
        ev = new QemuFixture.Events(q.conn, q.root, "ppreserve");
        d.destroy();
        // libvirtd 9.0 the same (virsh event --all --loop around virsh destroy of the preserved guest)
        ev.expectWithin(BOOT_S, "ppreserve:shutdown/host", "ppreserve:stopped/destroyed");
        assertEquals("shutoff (destroyed)", d.getState().toString());
        awaitGone(pid); // gone or a zombie its parent (this JVM) reaps soon
    }

    @Test
    void restartRunsTheGuestAgainAsCrashed() throws Exception {
        QemuFixture.Events ev = new QemuFixture.Events(q.conn, q.root, "prestart");
        Domain d = define("prestart", "restart");
        d.create();
        long pid = q.driverPid("prestart");
        ev.expectWithin(BOOT_S, "prestart:defined/added", "prestart:resumed/unpaused", "prestart:started/booted",
                "prestart:crashed/panicked",
                "prestart:reboot", "prestart:resumed/unpaused");
        // the reset guest boots (and, with jvirt.panic, panics) again: read the state before that
        String state = d.getState().toString();
        assertTrue(state.equals("running (crashed)") || state.equals("crashed (panicked)"), state);
        assertEquals(pid, q.driverPid("prestart"), "the same QEMU runs on");
        d.destroy();
    }

    @Test
    void coredumpDestroyDumpsTheMemoryFirst() throws Exception {
        QemuFixture.Events ev = new QemuFixture.Events(q.conn, q.root, "pdump");
        Domain d = define("pdump", "coredump-destroy");
        d.create();
        int id = d.getID();
        ev.expectWithin(BOOT_S, "pdump:defined/added", "pdump:resumed/unpaused", "pdump:started/booted",
                "pdump:crashed/panicked", "pdump:stopped/crashed");
        assertEquals("shutoff (crashed)", d.getState().toString());
        // libvirt's name: <id>-<name>-<local time>, under the driver's dump directory
        List<Path> dumps;
        try (var files = Files.list(q.root.resolve("dump"))) {
            dumps = files.filter(f -> f.getFileName().toString()
                    .matches(id + "-pdump-\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d")).toList();
        }
        assertEquals(1, dumps.size(), "one dump in " + q.root.resolve("dump"));
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(dumps.get(0))) {
            assertEquals(4, in.read(head));
        }
        assertEquals("\u007fELF", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(Files.size(dumps.get(0)) > 128L << 20, "the guest's 128 MiB are in the dump");
        Files.delete(dumps.get(0));
    }

    /** on_poweroff restart (libvirt: only with on_reboot restart): a power-off is a reboot, no shutdown state. */
    @Test
    void poweroffRestartRebootsInstead() throws Exception {
        QemuFixture.Events ev = new QemuFixture.Events(q.conn, q.root, "ppoweroff");
        Domain d = define("ppoweroff", "<on_poweroff>restart</on_poweroff>", "");
        d.create();
        long pid = q.driverPid("ppoweroff");
        ev.expect("ppoweroff:defined/added", "ppoweroff:resumed/unpaused", "ppoweroff:started/booted");
        BootedGuestTest.awaitUp(q.root.resolve("ppoweroff.serial"), 1);
        d.shutdown();
        ev.expectWithin(BOOT_S, "ppoweroff:reboot");
        BootedGuestTest.awaitUp(q.root.resolve("ppoweroff.serial"), 2);
        assertEquals("running (booted)", d.getState().toString());
        assertEquals(pid, q.driverPid("ppoweroff"), "the same QEMU runs on");
        ev.queue.removeIf("ppoweroff:reboot"::equals); // the firmware's own resets of a direct kernel boot
        assertEquals(List.of(), List.copyOf(ev.queue), "no shutdown or stopped event");
        d.destroy();
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (alive(pid) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        if (alive(pid)) {
            fail("QEMU (pid " + pid + ") still runs");
        }
    }
}
