package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.jvirt.testsupport.Virsh;

/**
 * The distribution's tarball unpacked where a new user may put it, at a path longer than 100
 * characters (a unix socket address holds 107 bytes), serves {@code qemu:///system} with its default
 * data layout: real virsh defines and starts a diskless TCG guest, sees it running and its live XML,
 * destroys and undefines it. The QEMU state (status file, monitor socket) stays under the deep
 * {@code data/}; only the daemon's own sockets are put in a short directory with {@code --unix-dir}.
 * Nothing is left once the guest is gone and the platform stopped.
 */
class DeepInstallQemuIT {
    private static final Duration READY = Duration.ofSeconds(60);

    @Test
    void qemuSystemServesAGuestFromADeepInstall() throws Exception {
        for (String bin : List.of("/usr/bin/virsh", "/usr/bin/qemu-system-x86_64", "/usr/bin/tar")) {
            if (!Files.isExecutable(Path.of(bin))) {
                fail(bin + " is missing: install Debian's libvirt-clients, qemu-system-x86 and tar (test.sh does)");
            }
        }
        Path dist = Path.of(System.getProperty("jvirt.dist"));
        Path tarball;
        try (Stream<Path> files = Files.list(dist.getParent())) {
            tarball = files.filter(f -> f.getFileName().toString().matches("jvirt-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no jvirt-*.tar.gz beside " + dist + ": run mvn package"));
        }
        Path top = Files.createDirectories(dist.getParent().resolve("deep-install"));
        Path deep = top.resolve("a-directory-a-new-user-picked-for-jvirt-".repeat(3));
        Path sockets = Files.createTempDirectory(Path.of("/tmp"), "jvd");
        long pid = -1;
        try {
            deleteTree(deep);
            Files.createDirectories(deep);
            run(List.of("/usr/bin/tar", "-xzf", tarball.toString(), "-C", deep.toString()));
            Path home;
            try (Stream<Path> unpacked = Files.list(deep)) {
                home = unpacked.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Path data = home.resolve("data");
            Path run = data.resolve("qemu/system/run");
            assertTrue(run.toString().length() > 100, run + " is not deeper than 100 characters");
            System.out.println("DeepInstallQemuIT runs bin/jvirt from " + home + " (" + home.toString().length()
                    + " characters) with a TCG guest");

            Path xml = Files.writeString(sockets.resolve("g.xml"), "<domain type='qemu'><name>deep</name>"
                    + "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                    + "<devices><serial type='pty'/><console type='pty'/>"
                    + "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"
                    + "</devices></domain>");
            String uri = "qemu+unix:///system?socket=" + sockets.resolve("libvirt-sock");
            String link;
            try (JvirtProcess p = new JvirtProcess(home, sockets, "--unix-dir", sockets.toString(), "--no-tcp")) {
                p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
                assertOk(Virsh.merged(uri, "define", xml.toString()), "Domain 'deep' defined", p);
                assertOk(Virsh.merged(uri, "start", "deep"), "Domain 'deep' started", p);
                assertEquals("running", Virsh.merged(uri, "domstate", "deep").trim());
                String live = Virsh.merged(uri, "dumpxml", "deep");
                assertOk(live, "<domain type='qemu' id='1'>", p);
                assertOk(live, "<name>deep</name>", p);
                String uuid = Virsh.merged(uri, "domuuid", "deep").trim();

                // the QEMU state is where the default layout puts it, under the deep data/
                Path status = run.resolve("deep.json");
                assertTrue(Files.isRegularFile(status), "no status file " + status);
                assertTrue(isSocket(run.resolve(uuid + ".qmp")), "no monitor socket in " + run);
                assertTrue(isSocket(run.resolve(uuid + ".ch0")), "no channel socket in " + run);
                pid = Long.parseLong(Files.readString(status).replaceAll("(?s).*\"pid\"\\s*:\\s*(\\d+).*", "$1"));
                link = qmpSocket(pid).getParent().toString();
                assertTrue(link.length() < 40, "QEMU's monitor is not on a short path: " + link);
                assertEquals(run, Files.readSymbolicLink(Path.of(link)));

                assertOk(Virsh.merged(uri, "destroy", "deep"), "Domain 'deep' destroyed", p);
                assertEquals("shut off", Virsh.merged(uri, "domstate", "deep").trim());
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU " + pid + " runs on");
                pid = -1;
                assertOk(Virsh.merged(uri, "undefine", "deep"), "Domain 'deep' has been undefined", p);
                try (Stream<Path> left = Files.list(run)) {
                    // run/autostarted is the instance's own marker (autostart once per boot), no guest's
                    assertEquals(List.of(), left.filter(f -> !f.getFileName().toString().equals(io.jvirt.spi.OncePerBoot.MARKER)).toList(),
                            "the guest left files in " + run);
                }
                assertTrue(p.terminate(Duration.ofSeconds(30)) != -1, "jvirt did not stop on SIGTERM");
            }
            assertFalse(Files.exists(Path.of(link), LinkOption.NOFOLLOW_LINKS),
                    "the short path " + link + " stayed after the platform stopped with no guest");
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // a guest a failed run left
            deleteTree(top);
            deleteTree(sockets);
        }
    }

    /** The path of {@code -qmp unix:PATH,...} on a QEMU's command line. */
    private static Path qmpSocket(long pid) throws IOException {
        List<String> argv = Arrays.asList(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8).split("\0"));
        int i = argv.indexOf("-qmp");
        assertTrue(i >= 0 && i + 1 < argv.size(), "no -qmp in " + argv);
        String spec = argv.get(i + 1);
        assertTrue(spec.startsWith("unix:"), spec);
        return Path.of(spec.substring(5, spec.indexOf(',')));
    }

    /** S_IFSOCK in the file's mode. */
    private static boolean isSocket(Path p) throws IOException {
        return Files.exists(p) && ((Integer) Files.getAttribute(p, "unix:mode") & 0170000) == 0140000;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    private static void assertOk(String out, String expected, JvirtProcess p) {
        assertTrue(out.contains(expected), "expected '" + expected + "' from virsh, got:\n" + out + "\n" + p.transcript());
    }

    /** Removes a tree (the unpacked distribution, the socket directory). */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
