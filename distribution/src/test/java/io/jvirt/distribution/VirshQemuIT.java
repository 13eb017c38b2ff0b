package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real virsh through the distribution's jvirtd to the QEMU driver and a real QEMU guest:
 * define, start, list, dominfo, domstate, suspend/resume, shutdown request, destroy, undefine; the
 * guest survives a restart of the whole platform and is destroyed by the next one.
 */
class VirshQemuIT {
    private static final Duration READY = Duration.ofSeconds(60);

    @Test
    void virshDrivesARealQemuGuest(@TempDir Path tmp) throws Exception {
        for (String bin : List.of("/usr/bin/virsh", "/usr/bin/qemu-system-x86_64")) {
            if (!Files.isExecutable(Path.of(bin))) {
                fail(bin + " is missing: install Debian's libvirt-clients and qemu-system-x86 (test.sh does)");
            }
        }
        Path dist = Path.of(System.getProperty("jvirt.dist"));
        String type = Files.isWritable(Path.of("/dev/kvm")) ? "kvm" : "qemu";
        System.out.println("VirshQemuIT runs its guest with " + (type.equals("kvm") ? "KVM" : "TCG"));
        Path xml = Files.writeString(tmp.resolve("g.xml"), "<domain type='" + type + "'><name>vq</name>"
                + "<memory unit='MiB'>64</memory><vcpu current='1'>2</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + "<features><acpi/></features><devices><serial type='pty'/><console type='pty'/></devices></domain>");
        String uri = "qemu+unix:///system?socket=" + tmp.resolve("run/libvirt-sock");
        String[] args = {"--data", tmp.resolve("data").toString(), "--unix-dir", tmp.resolve("run").toString(), "--no-tcp"};
        try (JvirtProcess p = new JvirtProcess(dist, tmp, args)) {
            p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
            assertOk(virsh(uri, "define", xml.toString()), "Domain 'vq' defined");
            assertOk(virsh(uri, "start", "vq"), "Domain 'vq' started");
            String list = virsh(uri, "list");
            assertTrue(list.matches("(?s).*\\s1\\s+vq\\s+running.*"), list);
            String info = virsh(uri, "dominfo", "vq");
            assertTrue(info.matches("(?s).*State:\\s+running.*Max memory:\\s+65536 KiB.*Persistent:\\s+yes.*"), info);
            assertEquals("running (booted)", virsh(uri, "domstate", "--reason", "vq").trim());
            assertOk(virsh(uri, "suspend", "vq"), "Domain 'vq' suspended");
            assertEquals("paused (user)", virsh(uri, "domstate", "--reason", "vq").trim());
            assertOk(virsh(uri, "resume", "vq"), "Domain 'vq' resumed");
            assertTrue(virsh(uri, "dumpxml", "vq").contains("<domain type='" + type + "' id='1'>"));
            String caps = virsh(uri, "domcapabilities", "--virttype", type, "--machine", "pc");
            assertOk(caps, "<domain>" + type + "</domain>");
            assertOk(caps, "<machine>pc-i440fx-");
            Path nic = Files.writeString(tmp.resolve("nic.xml"),
                    "<interface type='user'><mac address='52:54:00:aa:bb:03'/><model type='virtio'/></interface>");
            assertOk(virsh(uri, "attach-device", "vq", nic.toString(), "--live", "--config"), "Device attached successfully");
            assertOk(virsh(uri, "domiflist", "vq"), "52:54:00:aa:bb:03");
            assertOk(virsh(uri, "detach-device", "vq", nic.toString(), "--config"), "Device detached successfully");
            assertTrue(!virsh(uri, "dumpxml", "--inactive", "vq").contains("52:54:00:aa:bb:03"));
            assertOk(virsh(uri, "detach-device", "vq", nic.toString(), "--config"), "error: ");
            assertOk(virsh(uri, "setmem", "vq", "32768", "--config"), "");
            assertOk(virsh(uri, "dumpxml", "--inactive", "vq"), "<currentMemory unit='KiB'>32768</currentMemory>");
            // a vCPU plugged live (output as libvirtd 9.0 prints it for the same domain)
            assertEquals("", virsh(uri, "setvcpus", "vq", "2", "--live").trim());
            assertEquals("maximum      config         2\nmaximum      live           2\n"
                    + "current      config         1\ncurrent      live           2\n", virsh(uri, "vcpucount", "vq").stripTrailing() + "\n");
            assertOk(virsh(uri, "dumpxml", "vq"), "<vcpu placement='static'>2</vcpu>\n  <vcpus>\n"
                    + "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
                    + "    <vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>\n  </vcpus>");
            assertOk(virsh(uri, "setvcpus", "vq", "3", "--live"), "error: invalid argument: requested vcpus is greater than"
                    + " max allowable vcpus for the live domain: 3 > 2");
            // SeaBIOS alone ignores the ACPI button: the request is accepted and the guest runs on
            assertOk(virsh(uri, "shutdown", "vq"), "Domain 'vq' is being shutdown");
            assertTrue(p.terminate(Duration.ofSeconds(30)) != -1, "jvirt did not stop on SIGTERM");
        }
        try (JvirtProcess p = new JvirtProcess(dist, tmp, args)) {
            p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
            assertEquals("running (unpaused)", virsh(uri, "domstate", "--reason", "vq").trim(),
                    "the guest did not outlive the platform");
            assertOk(virsh(uri, "destroy", "vq"), "Domain 'vq' destroyed");
            assertEquals("shut off (destroyed)", virsh(uri, "domstate", "--reason", "vq").trim());
            assertOk(virsh(uri, "undefine", "vq"), "Domain 'vq' has been undefined");
            assertTrue(p.terminate(Duration.ofSeconds(30)) != -1, "jvirt did not stop on SIGTERM");
        }
    }

    private static void assertOk(String out, String expected) {
        assertTrue(out.contains(expected), "expected '" + expected + "' from virsh, got:\n" + out);
    }

    private static String virsh(String uri, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh", "-c", uri));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process v = pb.start();
        v.getOutputStream().close();
        String out = new String(v.getInputStream().readAllBytes());
        v.waitFor();
        return out;
    }
}
