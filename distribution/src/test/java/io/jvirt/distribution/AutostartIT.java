package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.Virsh;

/**
 * Autostart once per host boot, through real virsh, against jvirt (bin/jvirt killed with SIGKILL
 * and started again) and against libvirtd 9.0 (the anchor's, stopped and started again): an
 * autostart domain that its user shut down stays shut off across the restart, and starts when the
 * server starts after a simulated host boot (its {@code autostarted} marker removed). Both print
 * the same transcript.
 */
class AutostartIT {
    private static final Duration READY = Duration.ofSeconds(60);

    /** A server the script restarts: jvirt's platform or the reference libvirtd. */
    private interface Server {
        String uri();

        void restart() throws Exception;

        /** The driver's autostarted marker, which a host boot clears. */
        Path marker();
    }

    @Test
    void anAutostartDomainShutDownByItsUserStaysOffAcrossARestartAndStartsAfterAHostBoot(@TempDir Path tmp)
            throws Exception {
        for (String bin : List.of("/usr/bin/virsh", "/usr/bin/qemu-system-x86_64")) {
            if (!Files.isExecutable(Path.of(bin))) {
                fail(bin + " is missing: install Debian's libvirt-clients and qemu-system-x86 (test.sh does)");
            }
        }
        String type = Files.isWritable(Path.of("/dev/kvm")) ? "kvm" : "qemu";
        System.out.println("AutostartIT runs its guest with " + (type.equals("kvm") ? "KVM" : "TCG"));
        Path xml = Files.writeString(tmp.resolve("autoq.xml"), "<domain type='" + type + "'><name>autoq</name>"
                + "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>"
                + "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator><memballoon model='none'/></devices></domain>");

        List<String> libvirt;
        try (Libvirtd daemon = Libvirtd.start()) {
            libvirt = script(new Server() {
                public String uri() {
                    return daemon.uri("qemu", "system");
                }

                public void restart() throws Exception {
                    daemon.restart();
                }

                public Path marker() {
                    return daemon.runDir("qemu").resolve("autostarted");
                }
            }, xml);
        }

        String[] args = {"--data", tmp.resolve("data").toString(), "--unix-dir", tmp.resolve("run").toString(), "--no-tcp"};
        JvirtProcess[] platform = { start(tmp, args) };
        List<String> jvirt;
        try {
            jvirt = script(new Server() {
                public String uri() {
                    return "qemu+unix:///system?socket=" + tmp.resolve("run/libvirt-sock");
                }

                public void restart() throws Exception {
                    platform[0].close(); // SIGKILL: no shutdown hook, no deactivation
                    platform[0] = start(tmp, args);
                }

                public Path marker() {
                    return tmp.resolve("data/qemu/system/run/autostarted");
                }
            }, xml);
            assertTrue(platform[0].terminate(Duration.ofSeconds(30)) != -1, "jvirt did not stop on SIGTERM");
        } finally {
            platform[0].close();
        }
        assertEquals(String.join("\n", libvirt), String.join("\n", jvirt), "jvirt's transcript differs from libvirtd's");
        String joined = String.join("\n", jvirt);
        assertTrue(joined.contains("$ domstate --reason autoq   # after the restart\nshut off (unknown)"), joined);
        assertTrue(joined.contains("$ domstate --reason autoq   # after the host boot\nrunning (booted)"), joined);
    }

    private static JvirtProcess start(Path tmp, String[] args) throws IOException, InterruptedException {
        JvirtProcess p = new JvirtProcess(dist(), tmp, args);
        p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
        return p;
    }

    /** The user's session, one server restart and a host boot; what virsh printed, with the commands. */
    private static List<String> script(Server s, Path xml) throws Exception {
        List<String> out = new ArrayList<>();
        run(out, s, "", "define", xml.toString());
        run(out, s, "", "autostart", "autoq");
        run(out, s, "", "start", "autoq");
        run(out, s, "", "destroy", "autoq"); // its user shut it down
        run(out, s, "", "domstate", "--reason", "autoq");
        assertTrue(Files.exists(s.marker()), "no autostarted marker at " + s.marker());
        s.restart();
        run(out, s, "   # after the restart", "domstate", "--reason", "autoq");
        run(out, s, "", "list", "--all", "--autostart");
        Files.delete(s.marker()); // the host booted
        s.restart();
        run(out, s, "   # after the host boot", "domstate", "--reason", "autoq");
        run(out, s, "", "destroy", "autoq");
        run(out, s, "", "undefine", "autoq");
        return out;
    }

    private static void run(List<String> out, Server s, String note, String... args) throws Exception {
        out.add("$ " + String.join(" ", args) + note);
        out.add(Virsh.merged(s.uri(), args).strip());
    }

    private static Path dist() {
        return Path.of(System.getProperty("jvirt.dist"));
    }
}
