package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.ParseContext;
import io.jvirt.driver.qemu.caps.CapsProbe;
import io.jvirt.driver.qemu.caps.QemuCaps;
import io.jvirt.driver.qemu.command.CommandLine;
import io.jvirt.driver.qemu.domain.QemuDomainHook;
import io.jvirt.driver.qemu.qmp.QmpClient;
import io.jvirt.driver.qemu.util.AtomicFiles;

/** Domain XML to argv, and real QEMU accepting that argv (it reaches the prelaunch state). */
class CommandLineTest {
    private static Path dir;
    private static QemuCaps caps;

    @BeforeAll
    static void probe() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jqc");
        caps = new CapsProbe(dir.resolve("cache")).capabilities(QemuFixture.EMULATOR);
        run("qemu-img", "create", "-q", "-f", "raw", dir.resolve("base.img").toString(), "16M");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", dir.resolve("base.img").toString(),
                dir.resolve("top.qcow2").toString());
        run("qemu-img", "create", "-q", "-f", "raw", dir.resolve("data.img").toString(), "8M");
        run("qemu-img", "create", "-q", "-f", "raw", dir.resolve("cd.iso").toString(), "1M");
    }

    @AfterAll
    static void clean() {
        AtomicFiles.deleteTree(dir);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed (qemu-utils installed?)");
        }
    }

    private static List<String> argv(String xml) {
        DomainDef def = DomainDef.parse(xml, ParseContext.define(new QemuDomainHook(caps)));
        return CommandLine.build(def, new CommandLine.Target(caps, QemuFixture.KVM, dir.resolve("m.qmp")));
    }

    private static String domain(String machine, String devices) {
        return "<domain type='" + QemuFixture.type() + "'><name>argv</name>"
                + "<uuid>7d5e1c1a-3b7e-4d7a-9d50-3f2a4a0a1b01</uuid><memory unit='MiB'>96</memory>"
                + "<vcpu current='1'>2</vcpu><os><type arch='x86_64' machine='" + machine + "'>hvm</type>"
                + "<boot dev='cdrom'/><boot dev='hd'/></os><features><acpi/><apic/></features>"
                + "<cpu mode='custom'><model>qemu64</model><topology sockets='1' dies='1' cores='2' threads='1'/></cpu>"
                + "<clock offset='utc'><timer name='rtc' tickpolicy='catchup'/><timer name='hpet' present='no'/></clock>"
                + "<devices>" + devices + "</devices></domain>";
    }

    @Test
    void pcWithIdeVirtioAndUserNetwork() throws Exception {
        List<String> a = argv(domain("pc",
                "<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none' discard='unmap'/>"
                        + "<source file='" + dir.resolve("top.qcow2") + "'/><target dev='vda' bus='virtio'/></disk>"
                        + "<disk type='file' device='disk'><source file='" + dir.resolve("base.img") + "'/>"
                        + "<target dev='vdb' bus='virtio'/><readonly/></disk>"
                        + "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                        + "<source file='" + dir.resolve("data.img") + "'/><target dev='hdb' bus='ide'/></disk>"
                        + "<disk type='file' device='cdrom'><source file='" + dir.resolve("cd.iso") + "'/>"
                        + "<target dev='hdc' bus='ide'/></disk>"
                        + "<interface type='user'><mac address='52:54:00:12:34:56'/><model type='virtio'/></interface>"
                        + "<interface type='user'><model type='e1000'/></interface>"
                        + "<serial type='file'><source path='" + dir.resolve("serial.log") + "'/></serial>"
                        + "<serial type='unix'><source mode='bind' path='" + dir.resolve("s1.sock") + "'/></serial>"
                        + "<graphics type='vnc' autoport='yes'/><video><model type='cirrus'/></video>"
                        + "<input type='tablet' bus='usb'/><rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"
                        + "<watchdog model='i6300esb' action='poweroff'/>"));
        String s = String.join(" ", a);
        assertTrue(a.containsAll(List.of("-no-user-config", "-nodefaults", "-S", "-no-shutdown")), s);
        assertEquals("size=98304k", after(a, "-m"));
        assertEquals("1,maxcpus=2,sockets=1,dies=1,cores=2,threads=1", after(a, "-smp"));
        assertEquals("qemu64", after(a, "-cpu"));
        assertEquals("order=dc", after(a, "-boot"));
        assertEquals("base=utc,driftfix=slew", after(a, "-rtc"));
        assertTrue(after(a, "-machine").startsWith("pc-i440fx-"), s);
        assertEquals(QemuFixture.KVM ? "kvm" : "tcg", after(a, "-accel"));
        assertTrue(s.contains("\"driver\":\"qcow2\""), s);
        assertTrue(s.contains("\"discard\":\"unmap\"") && s.contains("\"direct\":true"), s);
        assertTrue(s.contains("virtio-blk-pci,drive=libvirt-1-format,id=virtio-disk0"), s);
        assertTrue(s.contains("\"read-only\":true,\"driver\":\"raw\",\"file\":\"libvirt-2-storage\""), s);
        assertTrue(s.contains("ide-hd,bus=ide.0,unit=1,drive=libvirt-3-format,id=ide0-0-1"), s);
        assertTrue(s.contains("ide-cd,bus=ide.1,unit=0,drive=libvirt-4-format,id=ide0-1-0"), s);
        assertTrue(s.contains("virtio-net-pci,netdev=hostnet0,id=net0,mac=52:54:00:12:34:56"), s);
        assertTrue(s.contains("e1000,netdev=hostnet1,id=net1"), s);
        assertTrue(s.contains("socket,id=charserial1,path=" + dir.resolve("s1.sock") + ",server=on,wait=off"), s);
        assertTrue(s.contains("-vnc 127.0.0.1:0,to="), s);
        assertTrue(s.contains("usb-tablet,id=input"), s);
        assertAccepted(a, 4);
    }

    @Test
    void q35WithSataScsiAndBootOrder() throws Exception {
        List<String> a = argv(domain("q35",
                "<controller type='scsi' model='virtio-scsi'/>"
                        + "<controller type='usb' model='qemu-xhci'/>"
                        + "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                        + "<source file='" + dir.resolve("data.img") + "'/><target dev='sda' bus='sata'/></disk>"
                        + "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                        + "<source file='" + dir.resolve("top.qcow2") + "'/><target dev='sdb' bus='scsi'/></disk>"
                        + "<serial type='pty'/><console type='pty'/><memballoon model='none'/>")
                .replace("<boot dev='cdrom'/><boot dev='hd'/>", ""));
        String s = String.join(" ", a);
        assertTrue(after(a, "-machine").startsWith("pc-q35-"), s);
        assertTrue(s.contains("ide-hd,bus=ide.0,drive=libvirt-1-format,id=sata0-0-0"), s);
        assertTrue(s.contains("scsi-hd,bus=scsi0.0,channel=0,scsi-id=0,lun=1,drive=libvirt-2-format"), s);
        assertTrue(s.contains("virtio-scsi-pci,id=scsi0"), s);
        assertTrue(!s.contains("virtio-balloon"), s);
        assertAccepted(a, 2);
    }

    @Test
    void kernelInitrdAndCommandLine() throws Exception {
        Path kernel = Files.writeString(dir.resolve("vmlinuz"), "not really a kernel");
        List<String> a = argv(domain("pc", "").replace("<boot dev='cdrom'/><boot dev='hd'/>",
                "<kernel>" + kernel + "</kernel><initrd>/boot/initrd.img</initrd><cmdline>console=ttyS0 quiet</cmdline>"));
        assertEquals(kernel.toString(), after(a, "-kernel"));
        assertEquals("/boot/initrd.img", after(a, "-initrd"));
        assertEquals("console=ttyS0 quiet", after(a, "-append"), "one argv element, no shell quoting");
    }

    private static String after(List<String> argv, String option) {
        int i = argv.indexOf(option);
        assertTrue(i >= 0 && i + 1 < argv.size(), option + " missing in " + argv);
        return argv.get(i + 1);
    }

    /** Runs the argv for real: QEMU must reach prelaunch (paused by -S) with the disks we asked for. */
    private static void assertAccepted(List<String> argv, int disks) throws Exception {
        Path log = dir.resolve("qemu.log");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (QmpClient qmp = QmpClient.connect(dir.resolve("m.qmp"), (n, d) -> {
        }, 30_000, p::isAlive)) {
            assertEquals("prelaunch", qmp.execute("query-status").path("status").asText());
            List<String> devices = new ArrayList<>();
            for (JsonNode b : qmp.execute("query-block")) {
                if (b.has("inserted")) {
                    devices.add(b.path("qdev").asText());
                }
            }
            assertEquals(disks, devices.size(), "disks with media: " + devices);
            qmp.execute("quit");
        } catch (RuntimeException e) {
            p.destroyForcibly();
            fail("QEMU refused the command line: " + e.getMessage() + "\n" + read(log) + "\n" + argv);
        } finally {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
