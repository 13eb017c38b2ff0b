package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;

/**
 * A real Linux guest (scripts/test-guest: Debian's kernel and a busybox initramfs that prints
 * JVIRT-GUEST-UP on ttyS0 and powers off on the ACPI button): console output, reboot through an
 * ACPI power-off turned into a reset, and ACPI shutdown, with libvirt's events and reasons.
 */
class BootedGuestTest {
    private static final long BOOT_TIMEOUT_MS = 180_000;

    @Test
    void consoleRebootAndAcpiShutdown() throws Exception {
        Map<String, String> guest = buildGuest();
        String type = accelType();
        System.out.println("BootedGuestTest boots the test guest with " + (type.equals("kvm") ? "KVM" : "TCG"));
        try (QemuFixture q = new QemuFixture()) {
            Path serial = q.root.resolve("serial.log");
            String xml = "<domain type='" + type + "'><name>booted</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>"
                    + "<os><type arch='x86_64' machine='pc'>hvm</type><kernel>" + guest.get("kernel") + "</kernel>"
                    + "<initrd>" + guest.get("initrd") + "</initrd><cmdline>" + guest.get("cmdline") + "</cmdline></os>"
                    + "<features><acpi/></features><devices><serial type='file'><source path='" + serial + "'/></serial>"
                    + "<memballoon model='none'/></devices></domain>";
            QemuFixture.Events ev = new QemuFixture.Events(q.conn, q.root);
            Domain d = q.conn.domainDefineXML(xml);
            d.create();
            ev.expect("booted:defined/added", "booted:resumed/unpaused", "booted:started/booted");
            awaitUp(serial, 1);

            // a PCI device leaves once the guest's ACPI hotplug driver ejects it (QEMU's DEVICE_DELETED)
            String nic = "<interface type='user'><mac address='52:54:00:aa:bb:10'/><model type='virtio'/></interface>";
            d.attachDevice(nic, io.jvirt.api.DomainModificationFlag.LIVE);
            QemuFixture.assertContains(d.getXMLDesc(), "52:54:00:aa:bb:10");
            d.detachDevice(nic, io.jvirt.api.DomainModificationFlag.LIVE);
            long gone = System.currentTimeMillis() + 30_000;
            while (d.getXMLDesc().contains("52:54:00:aa:bb:10") && System.currentTimeMillis() < gone) {
                Thread.sleep(50);
            }
            org.junit.jupiter.api.Assertions.assertFalse(d.getXMLDesc().contains("52:54:00:aa:bb:10"),
                    "the guest did not release the interface:\n" + d.getXMLDesc());

            d.reboot();
            ev.expect("booted:reboot");
            awaitUp(serial, 2);
            // a directly booted kernel is reset once more by the firmware (QMP RESET guest-reset):
            // libvirt reports every RESET as a reboot event, so may we
            ev.queue.removeIf("booted:reboot"::equals);
            assertEquals("running (booted)", d.getState().toString());

            d.shutdown();
            ev.expect("booted:shutdown/guest", "booted:stopped/shutdown");
            assertEquals("shutoff (shutdown)", d.getState().toString());
        }
    }

    /** scripts/test-guest/build.sh's kernel, initrd and cmdline (it builds the guest if needed). */
    static Map<String, String> buildGuest() throws Exception {
        Path repo = Path.of(System.getProperty("jvirt.repository", ".."));
        return keyValues(run(repo.resolve("scripts/test-guest/build.sh").toString()));
    }

    /** The domain type that boots the guest here: scripts/test-guest/accel.sh's choice (qemu means TCG). */
    static String accelType() throws Exception {
        Path repo = Path.of(System.getProperty("jvirt.repository", ".."));
        return run(repo.resolve("scripts/test-guest/accel.sh").toString()).trim().equals("kvm") ? "kvm" : "qemu";
    }

    /** Waits (bounded; boots take seconds under TCG) until the guest said it is up {@code times} times. */
    static void awaitUp(Path serial, int times) throws Exception {
        long deadline = System.currentTimeMillis() + BOOT_TIMEOUT_MS;
        String text = "";
        while (System.currentTimeMillis() < deadline) {
            text = Files.exists(serial) ? Files.readString(serial) : "";
            if (text.split("JVIRT-GUEST-UP", -1).length - 1 >= times) {
                return;
            }
            Thread.sleep(50);
        }
        fail("the guest did not print JVIRT-GUEST-UP " + times + " time(s) within " + BOOT_TIMEOUT_MS / 1000
                + " s; serial console:\n" + text);
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed (it names what is missing above): " + out);
        }
        return out;
    }

    private static Map<String, String> keyValues(String out) {
        Map<String, String> m = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("cmdline=")) {
                m.put("cmdline", line.substring("cmdline=".length()));
                continue;
            }
            for (String kv : line.trim().split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return m;
    }
}
