package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.ParseContext;
import io.jvirt.driver.qemu.caps.CapsProbe;
import io.jvirt.driver.qemu.caps.QemuCaps;
import io.jvirt.driver.qemu.command.CommandLine;
import io.jvirt.driver.qemu.domain.QemuDomainHook;
import io.jvirt.driver.qemu.net.Taps;
import io.jvirt.driver.qemu.qmp.QmpClient;
import io.jvirt.driver.qemu.util.AtomicFiles;

/** Domain XML to argv, and real QEMU accepting that argv (it reaches the prelaunch state). */
class CommandLineTest {
    private static Path dir;
    private static QemuCaps caps;

    @BeforeAll
    static void probe() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jqc");
        caps = new CapsProbe(dir.resolve("cache"), () -> dir).capabilities(QemuFixture.EMULATOR);
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
        return CommandLine.build(parse(xml), target());
    }

    private static DomainDef parse(String xml) {
        return DomainDef.parse(xml, ParseContext.define(new QemuDomainHook(caps)));
    }

    private static CommandLine.Target target() {
        return new CommandLine.Target(caps, QemuFixture.KVM, dir.resolve("m.qmp"));
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
        assertTrue(s.contains("virtio-blk-pci,bus=pci.0,addr=0x5,drive=libvirt-4-format,id=virtio-disk0"), s);
        assertTrue(s.contains("\"read-only\":true,\"driver\":\"raw\",\"file\":\"libvirt-3-storage\""), s);
        assertTrue(s.contains("ide-hd,bus=ide.0,unit=1,drive=libvirt-2-format,id=ide0-0-1"), s);
        assertTrue(s.contains("ide-cd,bus=ide.1,unit=0,drive=libvirt-1-format,id=ide0-1-0"), s);
        assertTrue(s.contains("virtio-net-pci,netdev=hostnet0,id=net0,mac=52:54:00:12:34:56"), s);
        assertTrue(s.contains("e1000,netdev=hostnet1,id=net1"), s);
        assertTrue(s.contains("socket,id=charserial1,path=" + dir.resolve("s1.sock") + ",server=on,wait=off"), s);
        assertTrue(s.contains("-vnc 127.0.0.1:0,to="), s);
        assertTrue(s.contains("usb-tablet,id=input"), s);
        assertTrue(s.contains("-object rng-random,id=objrng0,filename=/dev/urandom -device virtio-rng-pci,rng=objrng0,id=rng0"), s);
        assertTrue(s.contains("-device i6300esb,id=watchdog0"), s);
        assertEquals("watchdog=poweroff", after(a, "-action"));
        assertTrue(s.contains("-device cirrus-vga,id=video0"), s);
        assertTrue(s.contains("-device virtio-balloon-pci,id=balloon0"), s);
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
        assertTrue(s.contains("ide-hd,bus=ide.0,drive=libvirt-2-format,id=sata0-0-0"), s);
        assertTrue(s.contains("scsi-hd,bus=scsi0.0,channel=0,scsi-id=0,lun=1,drive=libvirt-1-format"), s);
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

    /** As libvirtd 9.0 runs them (observed): the ISA pvpanic device, its port, Hyper-V's crash MSRs. */
    @Test
    void panicDevices() throws Exception {
        List<String> a = argv(domain("pc", "<panic/>"));
        assertEquals("pvpanic", after(a, "-device", "pvpanic"));
        assertAccepted(a, 0);
        assertEquals("pvpanic,ioport=1286",
                after(argv(domain("pc", "<panic model='isa'><address type='isa' iobase='0x506'/></panic>")), "-device", "pvpanic"));
        assertEquals("qemu64,hv-crash", after(argv(domain("pc", "<panic model='hyperv'/>")), "-cpu"));
        String noCpu = domain("pc", "<panic model='hyperv'/>").replaceAll("<cpu .*</cpu>", "");
        assertEquals("qemu64,hv-crash", after(argv(noCpu), "-cpu"));
        QemuFixture.assertContains(parse(domain("pc", "<panic/>")).format(), "<panic model='isa'/>");
        assertFalse(argv(domain("pc", "")).contains("-no-reboot"));
        assertTrue(argv(domain("pc", "").replace("<devices>", "<on_reboot>destroy</on_reboot><devices>")).contains("-no-reboot"));
    }

    @Test
    void guestAgentChannelGetsASocketInTheRunDirectory() throws Exception {
        DomainDef def = parse(domain("q35",
                "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"
                        + "<channel type='unix'><source mode='bind' path='" + dir.resolve("other.sock") + "'/>"
                        + "<target type='virtio' name='org.example.other'/></channel>"
                        + "<video><model type='virtio'/></video><memballoon model='virtio'/>"
                        + "<watchdog model='i6300esb' action='inject-nmi'/>"));
        List<String> a = CommandLine.build(def, target());
        String s = String.join(" ", a);
        Path agent = dir.resolve("7d5e1c1a-3b7e-4d7a-9d50-3f2a4a0a1b01.ch0");
        assertTrue(s.contains("-device virtio-serial-pci,id=virtio-serial0"), s);
        assertTrue(s.contains("-chardev socket,id=charchannel0,path=" + agent + ",server=on,wait=off"), s);
        assertTrue(s.contains("-device virtserialport,bus=virtio-serial0.0,nr=1,chardev=charchannel0,id=channel0,"
                + "name=org.qemu.guest_agent.0"), s);
        assertTrue(s.contains("nr=2,chardev=charchannel1,id=channel1,name=org.example.other"), s);
        assertTrue(s.contains("-device virtio-vga,id=video0"), s);
        assertEquals("watchdog=inject-nmi", after(a, "-action"));
        String live = def.format();
        assertTrue(live.contains("<source mode='bind' path='" + agent + "'/>"), "live XML reports the path: " + live);
        assertAccepted(List.of(), a, 0, qmp -> {
            assertTrue(Files.exists(agent), "QEMU listens on " + agent);
            assertTrue(Files.exists(dir.resolve("other.sock")));
        });
    }

    @Test
    void unsupportedChannelAndInterfaceVariantsNameTheElement() {
        assertUnsupported("<channel type='pty'><target type='guestfwd' address='10.0.2.1' port='4600'/></channel>",
                "<channel><target type='guestfwd'>");
        assertUnsupported("<interface type='network'><source network='default'/></interface>",
                "<interface type='network'>");
        assertUnsupported("<interface type='ethernet'><target dev='tap0' managed='no'/><model type='pcnet'/></interface>",
                "<interface><model type='pcnet'>");
        assertUnsupported("<watchdog model='i6300esb' action='dump'/>", "<watchdog action='dump'>");
        assertUnsupported("<interface type='ethernet'><target dev='a/b'/></interface>", "<interface><target dev='a/b'>");
    }

    /**
     * A device model the probed binary lacks fails before anything starts, naming the element: the
     * real capabilities without {@code virtio-rng-pci}, as a QEMU built without it would report them.
     */
    @Test
    void aDeviceModelTheBinaryLacksIsRefusedNamingTheElement() {
        String rng = "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>";
        assertTrue(argv(domain("pc", rng)).stream().anyMatch(a -> a.startsWith("virtio-rng-pci,")));
        QemuCaps without = new QemuCaps(caps.emulator(), caps.size(), caps.mtimeMs(), caps.version(), caps.machines(),
                caps.cpuModels(), caps.devices().stream().filter(d -> !d.equals("virtio-rng-pci")).toList(),
                caps.commands(), caps.kvmSupported());
        VirtException e = assertThrows(VirtException.class, () -> CommandLine.build(parse(domain("pc", rng)),
                new CommandLine.Target(without, QemuFixture.KVM, dir.resolve("m.qmp"))));
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code(), e.getMessage());
        assertEquals("unsupported configuration: <rng>: the QEMU binary " + caps.emulator()
                + " has no device model 'virtio-rng-pci'", e.getMessage());
    }

    private static void assertUnsupported(String devices, String element) {
        VirtException e = assertThrows(VirtException.class, () -> argv(domain("pc", devices)));
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(element), e.getMessage());
    }

    /**
     * Bridge and ethernet interfaces for real, inside a network namespace this test creates and deletes:
     * QEMU (run in it) creates the managed taps, the driver's {@link Taps#plug} attaches them, and they
     * vanish with QEMU; the unmanaged tap is used as it is and stays.
     */
    @Test
    void tapInterfacesInAPrivateNetworkNamespace() throws Exception {
        String ns = "jvirt-test-" + Long.toHexString(System.nanoTime());
        run("ip", "netns", "add", ns);
        try {
            run("ip", "-n", ns, "link", "add", "jbr0", "type", "bridge");
            run("ip", "-n", ns, "tuntap", "add", "dev", "jtapx", "mode", "tap");
            DomainDef def = parse(domain("pc",
                    "<interface type='bridge'><mac address='52:54:00:aa:00:01'/><source bridge='jbr0'/>"
                            + "<model type='virtio'/></interface>"
                            + "<interface type='ethernet'><target dev='jtapx' managed='no'/><model type='e1000'/></interface>"
                            + "<interface type='ethernet'><model type='virtio'/></interface>"));
            List<String> a = CommandLine.build(def, target());
            List<Taps.Tap> taps = Taps.of(def);
            assertEquals(2, taps.size(), taps.toString());
            String bridged = taps.get(0).dev();
            String plain = taps.get(1).dev();
            assertEquals("jbr0", taps.get(0).bridge());
            assertTrue(bridged.startsWith("vnet") && plain.startsWith("vnet") && !bridged.equals(plain), taps.toString());
            String s = String.join(" ", a);
            assertTrue(s.contains("-netdev tap,ifname=" + bridged + ",script=no,downscript=no,id=hostnet0 "
                    + "-device virtio-net-pci,netdev=hostnet0,id=net0,mac=52:54:00:aa:00:01"), s);
            assertTrue(s.contains("-netdev tap,ifname=jtapx,script=no,downscript=no,id=hostnet1"), s);
            assertTrue(def.format().contains("<target dev='" + bridged + "'/>"), def.format());
            assertAccepted(List.of("ip", "netns", "exec", ns), a, 0, qmp -> {
                Taps.plug(ns, taps);
                String link = output("ip", "-n", ns, "-o", "link", "show", "dev", bridged);
                assertTrue(link.contains("master jbr0") && link.contains(",UP"), link);
                assertTrue(output("ip", "-n", ns, "-o", "link", "show", "dev", plain).contains(",UP"));
                String net = qmp.execute("human-monitor-command", QmpClient.args().put("command-line", "info network"))
                        .asText();
                assertTrue(net.contains("ifname=" + bridged) && net.contains("ifname=jtapx"), net);
            });
            String left = output("ip", "-n", ns, "-o", "link", "show");
            assertTrue(!left.contains(bridged + ":") && !left.contains(plain + ":"), "taps go with QEMU: " + left);
            assertTrue(left.contains("jtapx"), "an unmanaged tap stays: " + left);
        } finally {
            run("ip", "netns", "del", ns);
        }
    }

    private static String output(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
        return out;
    }

    /** The value of the {@code option} whose value starts with {@code prefix}. */
    private static String after(List<String> argv, String option, String prefix) {
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals(option) && argv.get(i + 1).startsWith(prefix)) {
                return argv.get(i + 1);
            }
        }
        return fail(option + " " + prefix + "... missing in " + argv);
    }

    private static String after(List<String> argv, String option) {
        int i = argv.indexOf(option);
        assertTrue(i >= 0 && i + 1 < argv.size(), option + " missing in " + argv);
        return argv.get(i + 1);
    }

    /** Runs the argv for real: QEMU must reach prelaunch (paused by -S) with the disks we asked for. */
    private static void assertAccepted(List<String> argv, int disks) throws Exception {
        assertAccepted(List.of(), argv, disks, qmp -> {
        });
    }

    interface Prelaunch {
        void check(QmpClient qmp) throws Exception;
    }

    /** Like {@link #assertAccepted(List, int)}, run behind {@code prefix} with more checks while paused. */
    private static void assertAccepted(List<String> prefix, List<String> argv, int disks, Prelaunch check)
            throws Exception {
        Path log = dir.resolve("qemu.log");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(argv);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
            check.check(qmp);
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
