package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.testsupport.TestGuest;
import io.jvirt.testsupport.Virsh;

/**
 * Real virsh through the distribution's jvirtd to the QEMU driver and a real QEMU guest:
 * define, start, list, dominfo, domstate, suspend/resume, shutdown request, destroy, undefine; the
 * guest survives a restart of the whole platform and is destroyed by the next one. A second test
 * shuts a really booted Linux guest down through its ACPI power button.
 */
class VirshQemuIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration GUEST_TIMEOUT = Duration.ofSeconds(180);

    @Test
    void virshDrivesARealQemuGuest(@TempDir Path tmp) throws Exception {
        for (String bin : List.of("/usr/bin/virsh", "/usr/bin/qemu-system-x86_64")) {
            if (!Files.isExecutable(Path.of(bin))) {
                fail(bin + " is missing: install Debian's libvirt-clients and qemu-system-x86 (test.sh does)");
            }
        }
        Path dist = dist();
        String type = Files.isWritable(Path.of("/dev/kvm")) ? "kvm" : "qemu";
        System.out.println("VirshQemuIT runs its guest with " + (type.equals("kvm") ? "KVM" : "TCG"));
        Path xml = Files.writeString(tmp.resolve("g.xml"), "<domain type='" + type + "'><name>vq</name>"
                + "<memory unit='MiB'>64</memory><vcpu current='1'>2</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + "<features><acpi/></features><devices><serial type='pty'/><console type='pty'/></devices></domain>");
        String uri = "qemu+unix:///system?socket=" + tmp.resolve("run/libvirt-sock");
        String[] args = {"--data", tmp.resolve("data").toString(), "--unix-dir", tmp.resolve("run").toString(), "--no-tcp"};
        try (JvirtProcess p = new JvirtProcess(dist, tmp, args)) {
            p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
            assertOk(Virsh.merged(uri, "define", xml.toString()), "Domain 'vq' defined");
            assertOk(Virsh.merged(uri, "start", "vq"), "Domain 'vq' started");
            String list = Virsh.merged(uri, "list");
            assertTrue(list.matches("(?s).*\\s1\\s+vq\\s+running.*"), list);
            String info = Virsh.merged(uri, "dominfo", "vq");
            assertTrue(info.matches("(?s).*State:\\s+running.*Max memory:\\s+65536 KiB.*Persistent:\\s+yes.*"), info);
            assertEquals("running (booted)", Virsh.merged(uri, "domstate", "--reason", "vq").trim());
            assertOk(Virsh.merged(uri, "suspend", "vq"), "Domain 'vq' suspended");
            assertEquals("paused (user)", Virsh.merged(uri, "domstate", "--reason", "vq").trim());
            assertOk(Virsh.merged(uri, "resume", "vq"), "Domain 'vq' resumed");
            assertTrue(Virsh.merged(uri, "dumpxml", "vq").contains("<domain type='" + type + "' id='1'>"));
            String caps = Virsh.merged(uri, "domcapabilities", "--virttype", type, "--machine", "pc");
            assertOk(caps, "<domain>" + type + "</domain>");
            assertOk(caps, "<machine>pc-i440fx-");
            Path nic = Files.writeString(tmp.resolve("nic.xml"),
                    "<interface type='user'><mac address='52:54:00:aa:bb:03'/><model type='virtio'/></interface>");
            assertOk(Virsh.merged(uri, "attach-device", "vq", nic.toString(), "--live", "--config"), "Device attached successfully");
            assertOk(Virsh.merged(uri, "domiflist", "vq"), "52:54:00:aa:bb:03");
            assertOk(Virsh.merged(uri, "detach-device", "vq", nic.toString(), "--config"), "Device detached successfully");
            assertTrue(!Virsh.merged(uri, "dumpxml", "--inactive", "vq").contains("52:54:00:aa:bb:03"));
            assertOk(Virsh.merged(uri, "detach-device", "vq", nic.toString(), "--config"), "error: ");
            assertOk(Virsh.merged(uri, "setmem", "vq", "32768", "--config"), "");
            assertOk(Virsh.merged(uri, "dumpxml", "--inactive", "vq"), "<currentMemory unit='KiB'>32768</currentMemory>");
            // a vCPU plugged live (output as libvirtd 9.0 prints it for the same domain)
            assertEquals("", Virsh.merged(uri, "setvcpus", "vq", "2", "--live").trim());
            assertEquals("maximum      config         2\nmaximum      live           2\n"
                    + "current      config         1\ncurrent      live           2\n", Virsh.merged(uri, "vcpucount", "vq").stripTrailing() + "\n");
            assertOk(Virsh.merged(uri, "dumpxml", "vq"), "<vcpu placement='static'>2</vcpu>\n  <vcpus>\n"
                    + "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
                    + "    <vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>\n  </vcpus>");
            assertOk(Virsh.merged(uri, "setvcpus", "vq", "3", "--live"), "error: invalid argument: requested vcpus is greater than"
                    + " max allowable vcpus for the live domain: 3 > 2");
            // SeaBIOS alone ignores the ACPI button: the request is accepted and the guest runs on
            assertOk(Virsh.merged(uri, "shutdown", "vq"), "Domain 'vq' is being shutdown");
            assertTrue(p.terminate(Duration.ofSeconds(30)) != -1, "jvirt did not stop on SIGTERM");
        }
        try (JvirtProcess p = new JvirtProcess(dist, tmp, args)) {
            p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
            assertEquals("running (unpaused)", Virsh.merged(uri, "domstate", "--reason", "vq").trim(),
                    "the guest did not outlive the platform");
            assertOk(Virsh.merged(uri, "destroy", "vq"), "Domain 'vq' destroyed");
            assertEquals("shut off (destroyed)", Virsh.merged(uri, "domstate", "--reason", "vq").trim());
            assertOk(Virsh.merged(uri, "undefine", "vq"), "Domain 'vq' has been undefined");
            assertTrue(p.terminate(Duration.ofSeconds(30)) != -1, "jvirt did not stop on SIGTERM");
        }
    }

    /**
     * The "shutdown (ACPI) through the daemon": virsh asks jvirtd to press the power button
     * of a really booted Linux guest (scripts/test-guest), the guest powers itself off, and virsh
     * sees the domain shut off with reason shutdown; {@code virsh event} saw libvirt's events.
     */
    @Test
    void virshShutsDownABootedGuest(@TempDir Path tmp) throws Exception {
        TestGuest guest = TestGuest.build();
        System.out.println("VirshQemuIT boots the test guest with " + guest.accelerator());
        Path serial = tmp.resolve("serial.log");
        Path xml = Files.writeString(tmp.resolve("booted.xml"), "<domain type='" + guest.type() + "'><name>vb</name>"
                + "<memory unit='MiB'>128</memory><vcpu>1</vcpu>" + guest.os() + "<features><acpi/></features>"
                + "<devices><serial type='file'><source path='" + serial + "'/></serial>"
                + "<memballoon model='none'/></devices></domain>");
        String uri = "qemu+unix:///system?socket=" + tmp.resolve("run/libvirt-sock");
        String[] args = {"--data", tmp.resolve("data").toString(), "--unix-dir", tmp.resolve("run").toString(), "--no-tcp"};
        try (JvirtProcess p = new JvirtProcess(dist(), tmp, args)) {
            p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
            assertOk(Virsh.merged(uri, "define", xml.toString()), "Domain 'vb' defined");
            // line-buffered into a file: virsh's stdout to a pipe is block-buffered
            Path seen = tmp.resolve("events.txt");
            Process events = new ProcessBuilder("/usr/bin/stdbuf", "-oL", "/usr/bin/virsh", "-c", uri, "event",
                    "--event", "lifecycle", "--loop").redirectErrorStream(true).redirectOutput(seen.toFile()).start();
            try {
                // virsh says nothing when its callback is registered: a domain defined after that is seen
                Path probe = Files.writeString(tmp.resolve("probe.xml"), Files.readString(xml).replace(">vb<", ">probe<"));
                assertOk(Virsh.merged(uri, "define", probe.toString()), "Domain 'probe' defined");
                long registered = System.nanoTime() + READY.toNanos();
                while (!Files.readString(seen).contains("'probe': Defined") && System.nanoTime() < registered) {
                    assertOk(Virsh.merged(uri, "undefine", "probe"), "undefined");
                    assertOk(Virsh.merged(uri, "define", probe.toString()), "Domain 'probe' defined");
                    Thread.sleep(100);
                }
                assertOk(Virsh.merged(uri, "undefine", "probe"), "undefined");
                assertOk(Virsh.merged(uri, "start", "vb"), "Domain 'vb' started");
                TestGuest.awaitText(serial, "JVIRT-GUEST-UP", 1, GUEST_TIMEOUT);
                assertOk(Virsh.merged(uri, "list"), " vb ");
                assertOk(Virsh.merged(uri, "dominfo", "vb"), "running");
                assertOk(Virsh.merged(uri, "shutdown", "vb"), "Domain 'vb' is being shutdown");
                TestGuest.awaitText(serial, "JVIRT-GUEST-POWEROFF", 1, GUEST_TIMEOUT);
                long deadline = System.nanoTime() + GUEST_TIMEOUT.toNanos();
                String state = "";
                while (System.nanoTime() < deadline && !(state = Virsh.merged(uri, "domstate", "--reason", "vb").trim())
                        .equals("shut off (shutdown)")) {
                    Thread.sleep(100);
                }
                assertEquals("shut off (shutdown)", state, "the powered-off guest did not shut off");
                TestGuest.awaitText(seen, "event 'lifecycle' for domain 'vb': Stopped Shutdown", 1, GUEST_TIMEOUT);
            } finally {
                events.destroy();
                events.waitFor();
            }
            // libvirtd 9.0 reports QEMU's RESUME of the first `cont` before the start itself
            assertEquals(List.of("event 'lifecycle' for domain 'vb': Resumed Unpaused",
                    "event 'lifecycle' for domain 'vb': Started Booted",
                    "event 'lifecycle' for domain 'vb': Shutdown Finished after guest request",
                    "event 'lifecycle' for domain 'vb': Stopped Shutdown"),
                    Files.readAllLines(seen).stream().filter(l -> l.startsWith("event ") && l.contains("'vb'")).toList());
            assertOk(Virsh.merged(uri, "undefine", "vb"), "Domain 'vb' has been undefined");
            assertTrue(p.terminate(Duration.ofSeconds(30)) != -1, "jvirt did not stop on SIGTERM");
        }
    }

    private static Path dist() {
        return Path.of(System.getProperty("jvirt.dist"));
    }

    private static void assertOk(String out, String expected) {
        assertTrue(out.contains(expected), "expected '" + expected + "' from virsh, got:\n" + out);
    }
}
