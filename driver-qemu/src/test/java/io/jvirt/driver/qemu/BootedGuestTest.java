package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.testsupport.TestGuest;

/**
 * A real Linux guest (scripts/test-guest: Debian's kernel and a busybox initramfs that prints
 * JVIRT-GUEST-UP on ttyS0 and powers off on the ACPI button): console output, reboot through an
 * ACPI power-off turned into a reset, and ACPI shutdown, with libvirt's events and reasons.
 */
class BootedGuestTest {
    private static final long BOOT_TIMEOUT_MS = 180_000;

    @Test
    void consoleRebootAndAcpiShutdown() throws Exception {
        TestGuest guest = TestGuest.build();
        String type = guest.type();
        System.out.println("BootedGuestTest boots the test guest with " + guest.accelerator());
        try (QemuFixture q = new QemuFixture()) {
            Path serial = q.root.resolve("serial.log");
            String xml = "<domain type='" + type + "'><name>booted</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>"
                    + guest.os()
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

    /** Waits (bounded; boots take seconds under TCG) until the guest said it is up {@code times} times. */
    static void awaitUp(Path serial, int times) throws Exception {
        TestGuest.awaitText(serial, "JVIRT-GUEST-UP", times, Duration.ofMillis(BOOT_TIMEOUT_MS));
    }
}
