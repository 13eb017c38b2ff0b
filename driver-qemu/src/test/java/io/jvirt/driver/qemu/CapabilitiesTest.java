package io.jvirt.driver.qemu;

import static io.jvirt.driver.qemu.QemuFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;

import io.jvirt.conf.capabilities.Capabilities;
import io.jvirt.conf.capabilities.DomainCapabilities;
import io.jvirt.conf.capabilities.VirtType;
import io.jvirt.driver.qemu.caps.CapsDocuments;
import io.jvirt.driver.qemu.caps.CapsProbe;
import io.jvirt.driver.qemu.caps.QemuCaps;
import io.jvirt.driver.qemu.qmp.QmpClient;
import io.jvirt.driver.qemu.util.AtomicFiles;

/** The emulator is probed once per binary version; the documents come from what it said. */
class CapabilitiesTest {

    @Test
    void probedOnceThenReadFromTheCache() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jqcaps");
        try {
            CapsProbe probe = new CapsProbe(dir, () -> dir);
            QemuCaps first = probe.capabilities(QemuFixture.EMULATOR);
            Path cache = probe.cacheFile(QemuFixture.EMULATOR);
            assertTrue(Files.isRegularFile(cache));
            assertTrue(first.machine("pc").isPresent() && first.machine("q35").isPresent(), first.machines().toString());
            assertTrue(first.hasCpuModel("qemu64"));
            // the device models and QMP commands the driver relies on, as this QEMU reports them
            for (String dev : java.util.List.of("virtio-blk-pci", "virtio-net-pci", "ide-hd", "ich9-ahci", "scsi-hd",
                    "virtio-scsi-pci", "isa-serial", "virtserialport", "virtio-balloon-pci", "VGA")) {
                assertTrue(first.hasDevice(dev), dev + " missing from " + first.devices());
            }
            assertTrue(!first.hasDevice("device") && !first.hasDevice("pci-device"), "abstract types were listed");
            for (String cmd : java.util.List.of("qmp_capabilities", "cont", "device_add", "device_del", "blockdev-add",
                    "netdev_add", "query-hotpluggable-cpus", "system_powerdown")) {
                assertTrue(first.hasCommand(cmd), cmd + " missing from " + first.commands());
            }
            assertTrue(first.kvmSupported(), "Debian's qemu-system-x86 is built with KVM");
            FileTime written = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(cache, written);

            QemuCaps second = new CapsProbe(dir, () -> dir).capabilities(QemuFixture.EMULATOR);
            assertEquals(first, second);
            assertEquals(written, Files.getLastModifiedTime(cache), "the cache was rewritten: QEMU was probed again");

            // a changed binary (another mtime) is probed again
            QemuCaps stale = new QemuCaps(first.emulator(), first.size(), first.mtimeMs() - 1, "0.0.1",
                    first.machines(), first.cpuModels(), first.devices(), first.commands(), first.kvmSupported());
            AtomicFiles.write(cache, QmpClient.JSON.writeValueAsBytes(stale));
            QemuCaps third = new CapsProbe(dir, () -> dir).capabilities(QemuFixture.EMULATOR);
            assertEquals(first, third);
            assertNotEquals("0.0.1", QmpClient.JSON.readValue(cache.toFile(), QemuCaps.class).version());

            // a cache written before device types were probed (same binary) is incomplete: probed again
            var old = (com.fasterxml.jackson.databind.node.ObjectNode) QmpClient.JSON.valueToTree(first);
            old.remove("devices");
            old.put("version", "0.0.2");
            AtomicFiles.write(cache, QmpClient.JSON.writeValueAsBytes(old));
            assertEquals(first, new CapsProbe(dir, () -> dir).capabilities(QemuFixture.EMULATOR));
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    @Test
    void capabilitiesDocumentsThroughTheApi() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            String caps = q.conn.getCapabilities();
            Capabilities parsed = Capabilities.parse(caps);
            assertEquals(1, parsed.guests().size());
            assertContains(caps, "<emulator>/usr/bin/qemu-system-x86_64</emulator>");
            assertContains(caps, "<domain type='qemu'");
            assertEquals(QemuFixture.KVM, caps.contains("<domain type='kvm'"));
            assertTrue(caps.matches("(?s).*<machine canonical='pc-i440fx-[0-9.]+'[^>]*>pc</machine>.*"), caps);
            assertTrue(q.conn.getVersion() >= 7_000_000, "version " + q.conn.getVersion());

            QemuCaps probed = new CapsProbe(q.root.resolve("cache").resolve("capabilities"), () -> q.root)
                    .capabilities(QemuFixture.EMULATOR);
            String dc = CapsDocuments.domainCapabilities(probed, QemuFixture.KVM, "q35", VirtType.KVM).format();
            DomainCapabilities back = DomainCapabilities.parse(dc);
            assertTrue(back.machine().startsWith("pc-q35-"), dc);
            assertContains(dc, "<value>virtio</value>");
            // q35 has no IDE bus; the buses and models listed are the ones this QEMU has
            String flat = dc.replaceAll(">\\s+<", "><");
            assertContains(flat, "<enum name='bus'><value>scsi</value><value>virtio</value><value>sata</value></enum>");
            assertContains(flat, "<rng supported='yes'><enum name='model'><value>virtio</value></enum>");
            String pc = CapsDocuments.domainCapabilities(probed, QemuFixture.KVM, "pc", VirtType.QEMU).format();
            assertContains(pc.replaceAll(">\\s+<", "><"), "<value>ide</value><value>scsi</value>");
        }
    }
}
