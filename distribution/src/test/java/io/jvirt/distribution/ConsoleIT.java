package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.testsupport.TestGuest;
import io.jvirt.testsupport.Virsh;

/**
 * Consoles and channels of a really booted guest (scripts/test-guest: JVIRT-GUEST-UP on ttyS0, then
 * a shell) through a real libvirtd 9.0 and through jvirtd, side by side:
 * <ul>
 * <li>libvirt-python ({@code console_scenarios.py}): bytes both ways, FORCE taking a console over
 * (the first stream fails), channels on the guest agent's unix socket, the stream's end when the
 * guest stops, and every error (not running, no such device, not a PTY / not a UNIX socket, busy,
 * unknown flags) with its code, domain and message; the transcripts must be equal;</li>
 * <li>real {@code virsh console} in a pseudo-terminal ({@code script}): typing into the guest's
 * shell, {@code --force} from a second virsh (the first one says why it ended), a third one refused,
 * and the forced session ending when the guest is destroyed; what virsh prints after its banner must
 * be the same for both daemons.</li>
 * </ul>
 */
class ConsoleIT {
    private static final long GUEST_TIMEOUT_MS = 180_000;

    private static InteropServers servers;
    /** jvirtd for the QEMU driver: its own short root (QMP socket paths must fit in 107 bytes). */
    private static JvirtProcess jvirt;
    private static InteropServers.Endpoint jvirtd;
    private static Path jvirtDir;
    private static TestGuest guest;

    @BeforeAll
    static void start() throws Exception {
        for (String tool : List.of("/usr/bin/script", "/usr/bin/virsh", "/usr/bin/qemu-system-x86_64")) {
            if (!Files.isExecutable(Path.of(tool))) {
                fail(tool + " is missing: install Debian's bsdutils, libvirt-clients and qemu-system-x86 "
                        + "(scripts/ensure-deps.sh does)");
            }
        }
        servers = InteropServers.get();
        jvirtDir = Files.createTempDirectory(Path.of("/tmp"), "jc");
        jvirt = new JvirtProcess(Path.of(System.getProperty("jvirt.dist")), jvirtDir, "--data",
                jvirtDir.resolve("d").toString(), "--unix-dir", jvirtDir.resolve("run").toString(), "--no-tcp");
        jvirt.awaitLine(0, l -> l.startsWith("jvirtd ready:"), java.time.Duration.ofSeconds(60), "jvirtd's ready line");
        jvirtd = new InteropServers.Endpoint("jvirtd", jvirtDir.resolve("run"), null);
        guest = TestGuest.build();
        System.out.println("ConsoleIT boots the test guest with " + guest.accelerator());
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() throws Exception {
        if (jvirt != null) {
            jvirt.close();
        }
        if (jvirtDir != null) {
            new ProcessBuilder("rm", "-rf", jvirtDir.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String qemuUri(InteropServers.Endpoint server) {
        return "qemu+unix:///system?socket=" + server.runDir().resolve("libvirt-sock");
    }

    @Test
    void libvirtPythonSeesTheSameConsolesAndChannels() throws Exception {
        Path script = servers.tmp.resolve("console_scenarios.py");
        try (InputStream in = ConsoleIT.class.getResourceAsStream("console_scenarios.py")) {
            Files.write(script, in.readAllBytes());
        }
        Map<String, String> transcripts = new LinkedHashMap<>();
        for (InteropServers.Endpoint server : List.of(servers.libvirtd, jvirtd)) {
            Path dir = Files.createDirectories(servers.tmp.resolve("console-" + server.name()));
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), qemuUri(server), "consit",
                    guest.type(), guest.kernel(), guest.initrd(), guest.cmdline(), dir.toString())
                    .redirectErrorStream(true);
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(400, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("console_scenarios.py against " + server.name() + " failed:\n" + out);
            }
            transcripts.put(server.name(), out);
        }
        String reference = transcripts.get("libvirtd");
        for (String line : List.of("guest up: True", "shell answered: True", "second stream answered: True",
                "first stream: error code=39 domain=38 message=stream had I/O failure", "second stream: end of stream",
                "## done")) {
            assertTrue(reference.contains(line + "\n"), "libvirtd's transcript lacks '" + line + "':\n" + reference);
        }
        assertEquals(reference, transcripts.get("jvirtd"));
    }

    @Test
    void virshConsoleInATerminal() throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        for (InteropServers.Endpoint server : List.of(servers.libvirtd, jvirtd)) {
            seen.put(server.name(), virshSessions(server));
        }
        String reference = seen.get("libvirtd");
        assertTrue(reference.contains("first ends: exit 0 error: stream had I/O failure"), reference);
        assertEquals(reference, seen.get("jvirtd"));
    }

    /** Three virsh consoles on one guest; returns what each printed after its banner, in words that do not vary. */
    private static String virshSessions(InteropServers.Endpoint server) throws Exception {
        String uri = qemuUri(server);
        Path xml = Files.writeString(servers.tmp.resolve("consvirsh-" + server.name() + ".xml"),
                "<domain type='" + guest.type() + "'><name>consvirsh</name><memory unit='MiB'>128</memory>"
                        + "<vcpu>1</vcpu>" + guest.os() + "<features><acpi/></features><devices><serial type='pty'/>"
                        + "<console type='pty'/><memballoon model='none'/></devices></domain>");
        String created = Virsh.merged(uri, "create", xml.toString());
        assertTrue(created.contains("Domain 'consvirsh' created"), server.name() + ": " + created);
        StringBuilder report = new StringBuilder();
        try (Terminal first = new Terminal(uri, "consvirsh")) {
            first.await("JVIRT-GUEST-UP", GUEST_TIMEOUT_MS);
            first.type("echo jvirt-$((6*7))\r");
            first.await("jvirt-42\r\n", 60_000);
            report.append("first answered\n");
            try (Terminal second = new Terminal(uri, "consvirsh", "--force")) {
                report.append("first ends: ").append(first.awaitExit()).append('\n');
                second.await("Escape character", 30_000);
                second.type("echo jvirt-$((7*7))\r");
                second.await("jvirt-49\r\n", 60_000);
                report.append("second answered\n");
                try (Terminal third = new Terminal(uri, "consvirsh")) {
                    report.append("third ends: ").append(third.awaitExit()).append('\n');
                }
                assertTrue(Virsh.merged(uri, "destroy", "consvirsh").contains("Domain 'consvirsh' destroyed"));
                report.append("second ends: ").append(second.awaitExit()).append('\n');
            }
        } finally {
            Virsh.merged(uri, "destroy", "consvirsh");
        }
        return report.toString();
    }

    /** {@code virsh console} in a pseudo-terminal that {@code script} allocates (virsh needs a TTY). */
    private static final class Terminal implements AutoCloseable {
        private final Process process;
        private final StringBuffer out = new StringBuffer();
        private final Thread reader;

        Terminal(String uri, String domain, String... options) throws IOException {
            String cmd = "/usr/bin/virsh -c '" + uri + "' console " + domain + " " + String.join(" ", options);
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qfc", cmd, "/dev/null").redirectErrorStream(true);
            pb.environment().put("LC_ALL", "C");
            process = pb.start();
            reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                try (InputStream in = process.getInputStream()) {
                    for (int n; (n = in.read(buf)) > 0;) {
                        out.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    // the terminal is gone
                }
            }, "virsh-console-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void type(String text) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        void await(String needle, long timeoutMs) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (!out.toString().contains(needle)) {
                if (System.currentTimeMillis() > deadline || !process.isAlive() && !reader.isAlive()) {
                    fail("virsh console did not show '" + needle + "':\n" + out);
                }
                Thread.sleep(20);
            }
        }

        /** Waits for virsh to end; returns the lines it printed after the guest's last output (its own words). */
        String awaitExit() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                fail("virsh console did not end:\n" + out);
            }
            reader.join(10_000);
            List<String> lines = new ArrayList<>();
            for (String l : out.toString().split("\r?\n")) {
                int at = l.indexOf("error: "); // may follow the guest's prompt on the same line
                if (at >= 0) {
                    lines.add(l.substring(at).trim());
                }
            }
            return "exit " + process.exitValue() + (lines.isEmpty() ? "" : " " + String.join(" | ", lines));
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
