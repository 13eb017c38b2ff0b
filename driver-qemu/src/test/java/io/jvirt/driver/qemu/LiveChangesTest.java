package io.jvirt.driver.qemu;

import static io.jvirt.driver.qemu.QemuFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.jvirt.api.Domain;
import io.jvirt.api.DomainModificationFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/**
 * Attach and detach of disks and interfaces, memory and vcpu changes, live and persistent, on real
 * QEMU: QEMU's lock on an image file shows whether the disk is really plugged in.
 */
class LiveChangesTest {
    private static final DomainModificationFlag LIVE = DomainModificationFlag.LIVE;
    private static final DomainModificationFlag CONFIG = DomainModificationFlag.CONFIG;

    private static String guest(String name, String extraDevices, String vcpu) {
        return QemuFixture.diskless(name).replace("<vcpu>1</vcpu>", vcpu)
                .replace("</devices>", extraDevices + "</devices>");
    }

    @Test
    void disksAndInterfacesComeAndGoLiveAndPersistently() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            System.out.println("LiveChangesTest hot-plugs with " + (QemuFixture.KVM ? "KVM" : "TCG"));
            Path image = q.root.resolve("data.qcow2");
            run("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "16M");
            Domain d = q.conn.domainDefineXML(guest("hp",
                    "<controller type='scsi' index='0' model='virtio-scsi'/>", "<vcpu>1</vcpu>"));
            d.create();
            assertTrue(imageFree(image), "nothing uses the image yet");

            String disk = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + image
                    + "'/><target dev='sdb' bus='scsi'/></disk>";
            d.attachDevice(disk, LIVE, CONFIG);
            assertFalse(imageFree(image), "QEMU holds the attached image");
            String live = d.getXMLDesc();
            assertContains(live, "<target dev='sdb' bus='scsi'/>");
            assertContains(live, "<alias name='scsi0-0-0-1'/>");
            assertContains(d.getXMLDesc(DomainXMLFlag.INACTIVE), "<target dev='sdb' bus='scsi'/>");
            assertContains(Files.readString(q.root.resolve("config/hp.xml")), "dev='sdb'");
            assertContains(Files.readString(q.root.resolve("run/hp.json")), "dev='sdb'");

            expect(ErrorCode.OPERATION_INVALID, "target sdb already exists", () -> d.attachDevice(disk, LIVE, CONFIG));
            expect(ErrorCode.OPERATION_FAILED, "target sdb already exists", () -> d.attachDevice(disk, LIVE));

            // a new driver component finds the attached disk in the status file
            q.deactivate();
            q.open();
            Domain again = q.conn.domainLookupByName("hp");
            assertContains(again.getXMLDesc(), "<alias name='scsi0-0-0-1'/>");

            // scsi disks leave at once (no guest cooperation): DEVICE_DELETED, then the block nodes go
            again.detachDevice("<disk type='file' device='disk'><target dev='sdb'/></disk>", LIVE, CONFIG);
            assertFalse(again.getXMLDesc().contains("dev='sdb'"), again.getXMLDesc());
            assertFalse(again.getXMLDesc(DomainXMLFlag.INACTIVE).contains("dev='sdb'"));
            assertFalse(Files.readString(q.root.resolve("run/hp.json")).contains("dev='sdb'"));
            assertTrue(imageFree(image), "QEMU let the detached image go");
            expect(ErrorCode.DEVICE_MISSING, "disk sdb not found",
                    () -> again.detachDevice("<disk type='file' device='disk'><target dev='sdb'/></disk>", LIVE));
            expect(ErrorCode.DEVICE_MISSING, "no target device sdb",
                    () -> again.detachDevice("<disk type='file' device='disk'><target dev='sdb'/></disk>", CONFIG));

            // attach again: the same target works, with fresh block nodes
            again.attachDevice(disk, LIVE);
            assertFalse(imageFree(image), "QEMU holds the image attached again");
            assertFalse(again.getXMLDesc(DomainXMLFlag.INACTIVE).contains("dev='sdb'"), "a LIVE attach is not persistent");

            String nic = "<interface type='user'><mac address='52:54:00:aa:bb:01'/><model type='virtio'/></interface>";
            again.attachDevice(nic, LIVE, CONFIG);
            live = again.getXMLDesc();
            assertContains(live, "<mac address='52:54:00:aa:bb:01'/>");
            assertContains(live, "<alias name='net0'/>");
            assertContains(again.getXMLDesc(DomainXMLFlag.INACTIVE), "52:54:00:aa:bb:01");
            expect(ErrorCode.DEVICE_MISSING, "52:54:00:aa:bb:02", () -> again.detachDevice(
                    "<interface type='user'><mac address='52:54:00:aa:bb:02'/></interface>", LIVE));
            // a PCI device leaves only when the guest lets it go; this guest runs no OS: the request is
            // sent, the device stays live until then, and the persistent definition loses it now
            again.detachDevice("<interface type='user'><mac address='52:54:00:aa:bb:01'/></interface>", LIVE, CONFIG);
            assertContains(again.getXMLDesc(), "52:54:00:aa:bb:01");
            assertFalse(again.getXMLDesc(DomainXMLFlag.INACTIVE).contains("52:54:00:aa:bb:01"));

            // an inactive domain takes config changes only
            again.destroy();
            expect(ErrorCode.OPERATION_INVALID, "not running", () -> again.attachDevice(nic, LIVE));
            again.attachDevice(nic);
            assertContains(again.getXMLDesc(DomainXMLFlag.INACTIVE), "52:54:00:aa:bb:01");
            // libvirtd 9.0: 35 (VIR_ERR_XML_DETAIL), domain 20, "(device_definition):1: Couldn't find end of Start Tag ..."
            expect(ErrorCode.XML_DETAIL, "(device_definition):1: ", () -> again.attachDevice("<disk", CONFIG));
        }
    }

    @Test
    void memoryThroughTheBalloonAndVcpus() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            System.out.println("LiveChangesTest resizes with " + (QemuFixture.KVM ? "KVM" : "TCG"));
            Domain d = q.conn.domainDefineXML(guest("mem", "<memballoon model='virtio'/>",
                    "<vcpu current='1'>2</vcpu>"));
            d.create();
            d.setMemory(32768, CONFIG);
            assertContains(d.getXMLDesc(DomainXMLFlag.INACTIVE), "<currentMemory unit='KiB'>32768</currentMemory>");
            d.setMemory(49152, LIVE);
            // the balloon reports what the guest gave back: this guest runs no balloon driver, so all of it
            assertEquals(65536, d.getInfo().memoryKiB());
            expect(ErrorCode.INVALID_ARG, "higher than max memory", () -> d.setMemory(131072, LIVE));
            expect(ErrorCode.OPERATION_INVALID, "maximum memory", () -> d.setMemory(32768, DomainModificationFlag.MAXIMUM, LIVE));
            d.setMemory(98304, DomainModificationFlag.MAXIMUM, CONFIG);
            assertContains(d.getXMLDesc(DomainXMLFlag.INACTIVE), "<memory unit='KiB'>98304</memory>");

            d.setVcpus(2, CONFIG);
            assertContains(d.getXMLDesc(DomainXMLFlag.INACTIVE), ">2</vcpu>");
            assertEquals(2, d.getVcpusFlags(CONFIG));
            assertEquals(1, d.getVcpusFlags(LIVE));
            expect(ErrorCode.INVALID_ARG, "3 > 2", () -> d.setVcpus(3, LIVE));
            expect(ErrorCode.INVALID_ARG, "3 > 2", () -> d.setVcpus(3, CONFIG));
            // vCPU hotplug needs no guest cooperation: QEMU runs a second vCPU thread at once
            assertEquals(1, vcpuThreads(q.driverPid("mem")));
            d.setVcpus(2, LIVE);
            assertEquals(2, vcpuThreads(q.driverPid("mem")));
            assertEquals(2, d.getVcpusFlags(LIVE));
            assertEquals(2, d.getInfo().nrVirtCpu());
            assertContains(d.getXMLDesc(), "<vcpu placement='static'>2</vcpu>\n  <vcpus>\n"
                    + "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
                    + "    <vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>\n  </vcpus>");
            assertContains(Files.readString(q.root.resolve("run/mem.json")), "hotpluggable='yes' order='2'");
            // a new driver component finds the plugged vCPU in the status file
            String plugged = d.getXMLDesc();
            q.deactivate();
            q.open();
            Domain d2 = q.conn.domainLookupByName("mem");
            assertEquals(plugged, d2.getXMLDesc());
            assertEquals(2, d2.getVcpusFlags(LIVE));
            // unplug needs the guest's ACPI: QEMU refuses it until an OS switched to modern CPU hotplug,
            // which this diskless guest never does; the vCPU stays (VcpuHotplugTest unplugs from a real guest)
            expect(ErrorCode.INTERNAL_ERROR, "internal error: unable to execute QEMU command 'device_del': acpi: device"
                    + " unplug request for not supported device type", () -> d2.setVcpus(1, LIVE));
            assertEquals(2, d2.getVcpusFlags(LIVE));
            expect(ErrorCode.INVALID_ARG, "must not be zero", () -> d2.setVcpus(0, LIVE));
            expect(ErrorCode.INVALID_ARG, "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually"
                    + " exclusive", () -> d2.getVcpusFlags(LIVE, CONFIG));
            expect(ErrorCode.INVALID_ARG, "VIR_DOMAIN_AFFECT_CONFIG' is required",
                    () -> d2.setVcpus(1, DomainModificationFlag.MAXIMUM, LIVE));
            d2.destroy();
            d2.create();
            assertEquals(98304, d2.getInfo().maxMemKiB(), "started with the new maximum");
            assertEquals(2, d2.getInfo().nrVirtCpu());
            assertFalse(d2.getXMLDesc().contains("<vcpus>"), "libvirt shows <vcpus> only after a change");
            // both vCPUs came from -smp: neither can be unplugged, and nothing changes
            expect(ErrorCode.CONFIG_UNSUPPORTED, "failed to find appropriate hotpluggable vcpus to reach the desired"
                    + " target vcpu count", () -> d2.setVcpus(1, LIVE, CONFIG));
            assertEquals(2, d2.getVcpusFlags(CONFIG));
            assertEquals(2, vcpuThreads(q.driverPid("mem")));

            Domain noBalloon = q.conn.domainCreateXML(guest("nob", "<memballoon model='none'/>", "<vcpu>1</vcpu>"));
            expect(ErrorCode.OPERATION_INVALID, "balloon", () -> noBalloon.setMemory(32768, LIVE));
        }
    }

    @Test
    void domainCapabilities() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            String caps = q.conn.getDomainCapabilities(null, "x86_64", "pc", "qemu", 0);
            assertContains(caps, "<domain>qemu</domain>");
            assertContains(caps, "<machine>pc-i440fx-");
            assertContains(caps, "<path>" + QemuFixture.EMULATOR + "</path>");
            assertContains(q.conn.getDomainCapabilities(null, null, null, null, 0),
                    "<domain>" + QemuFixture.type() + "</domain>");
            expect(ErrorCode.CONFIG_UNSUPPORTED, "machine type 'nosuch'",
                    () -> q.conn.getDomainCapabilities(null, null, "nosuch", "qemu", 0));
            expect(ErrorCode.INVALID_ARG, "virttype", () -> q.conn.getDomainCapabilities(null, null, null, "xen", 0));
        }
    }

    private static void expect(ErrorCode code, String text, Executable e) {
        VirtException x = assertThrows(VirtException.class, e);
        assertEquals(code, x.code(), x.getMessage());
        assertContains(x.getMessage(), text);
    }

    /** QEMU's vCPU threads ({@code debug-threads=on} names them "CPU n/TCG" or "CPU n/KVM"). */
    static int vcpuThreads(long pid) throws Exception {
        int n = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                n += Files.readString(t.resolve("comm")).startsWith("CPU ") ? 1 : 0;
            }
        }
        return n;
    }

    /** Whether qemu-img can open the image (a QEMU using it holds a write lock). */
    private static boolean imageFree(Path image) throws Exception {
        Process p = new ProcessBuilder("qemu-img", "info", image.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0 && !out.contains("lock")) {
            throw new AssertionError("qemu-img info failed: " + out);
        }
        return rc == 0;
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", argv) + " failed (qemu-utils installed?): " + out);
        }
    }
}
