package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.testsupport.Virsh;

/**
 * Runs the packaged distribution as a real process: the ready line, the Gogo console driven
 * through stdin, hot deploy through deploy/, and a clean stop on SIGTERM.
 */
class DistributionIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration COMMAND = Duration.ofSeconds(15);
    private static final Duration HOT_SWAP = Duration.ofSeconds(20);
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final Pattern READY_LINE = Pattern.compile("jvirt ready: drivers=([^ ]*)");
    private static final String VENDOR_BSN = "io.jvirt.examples.vendor";

    private static Path dist;

    @BeforeAll
    static void findDistribution() {
        String prop = System.getProperty("jvirt.dist");
        if (prop == null) {
            fail("system property jvirt.dist (the built distribution directory) is not set: run through failsafe");
        }
        dist = Path.of(prop);
        if (!Files.isDirectory(dist)) {
            fail("no distribution at " + dist + ": run mvn -B verify (packaging builds it)");
        }
    }

    @Test
    void consoleShowsVendorDriverAndFollowsDeployWithoutRestart(@TempDir Path tmp) throws Exception {
        // A private copy, so that moving the jar out of deploy/ cannot disturb the build's tree.
        Path home = tmp.resolve("jvirt");
        copyTree(dist, home);
        Path jar = vendorJar(home.resolve("deploy"));
        Path parked = tmp.resolve(jar.getFileName());

        try (JvirtProcess p = new JvirtProcess(home, tmp, "--console", "--data", tmp.resolve("data").toString(),
                "--unix-dir", tmp.resolve("run").toString(), "--no-tcp")) {
            int ready = p.awaitLine(0, l -> l.startsWith("jvirt ready:"), READY, "the ready line");
            List<String> drivers = readyDrivers(p.lines().get(ready));
            assertTrue(drivers.contains("vendor"), "ready line does not list vendor: " + p.lines().get(ready));

            List<String> table = p.command("virt:drivers", COMMAND);
            assertTrue(hasDriverRow(table, "vendor"), "virt:drivers shows no vendor row:\n" + String.join("\n", table));
            assertTrue(String.join("\n", table).contains(VENDOR_BSN), "virt:drivers does not name " + VENDOR_BSN);

            Files.move(jar, parked);
            awaitDriverRow(p, false, "vendor to leave the table after its jar left deploy/");

            Files.move(parked, jar);
            awaitDriverRow(p, true, "vendor to come back after its jar returned to deploy/");

            long pid = p.pid();
            int status = p.terminate(STOP);
            assertTrue(status != -1, "jvirt (pid " + pid + ") did not exit within " + STOP.toSeconds()
                    + " s of SIGTERM\n" + p.transcript());
            // A JVM ended by SIGTERM reports 128+15 once its shutdown hooks have run.
            assertTrue(status == 143 || status == 0, "exit status " + status + " after SIGTERM\n" + p.transcript());
            String log = Files.readString(tmp.resolve("data/log/jvirt.log"));
            assertTrue(log.contains("jvirt stopped cleanly"), "the log does not record a clean stop:\n" + tail(log));
        }
    }

    @Test
    void readyLineAloneOnStdoutWithoutConsoleWhenStdinIsNotATerminal(@TempDir Path tmp) throws Exception {
        vendorJar(dist.resolve("deploy"));
        try (JvirtProcess p = new JvirtProcess(dist, tmp, "--data", tmp.resolve("data").toString(), "--no-tcp")) {
            p.awaitLine(0, l -> l.startsWith("jvirt ready:"), READY, "the ready line");
            // the shell bundle starts after the ready lines: stop only once it has started, so
            // that anything it prints would be on stdout
            awaitLog(tmp.resolve("data/log/jvirt.log"), "started org.apache.felix.gogo.shell");
            int status = p.terminate(STOP);
            assertTrue(status != -1, "jvirt did not exit within " + STOP.toSeconds() + " s of SIGTERM");
            List<String> out = p.lines();
            assertEquals(2, out.size(), "stdout must hold the two ready lines only\n" + p.transcript());
            assertTrue(READY_LINE.matcher(out.get(0)).matches(), "not a ready line: " + out.get(0));
            assertTrue(readyDrivers(out.get(0)).contains("vendor"), "ready line does not list vendor: " + out.get(0));
            // DESIGN §7: with --data and no --unix-dir the sockets live in <data>/run
            assertEquals("jvirtd ready: unix=" + tmp.resolve("data/run/libvirt-sock") + " tcp=off", out.get(1));
            assertTrue(Files.isRegularFile(tmp.resolve("data/log/jvirt.log")), "no log in data/log");
            assertTrue(Files.isDirectory(tmp.resolve("data/cache")), "no framework cache in data/");
        }
    }

    /** Real virsh through the distribution's jvirtd to the hot-deployed vendor driver, and back after removal. */
    @Test
    void virshReachesTheDeployedDriverThroughJvirtd(@TempDir Path tmp) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/virsh"))) {
            fail("virsh is missing: install Debian's libvirt-clients (test.sh does)");
        }
        Path home = tmp.resolve("jvirt");
        copyTree(dist, home);
        Path jar = vendorJar(home.resolve("deploy"));
        Path parked = tmp.resolve(jar.getFileName());
        Path sock = tmp.resolve("run/libvirt-sock");
        String uri = "vendor+unix:///default?socket=" + sock;
        try (JvirtProcess p = new JvirtProcess(home, tmp, "--data", tmp.resolve("data").toString(),
                "--unix-dir", tmp.resolve("run").toString(), "--no-tcp")) {
            p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
            String list = Virsh.merged(uri, "list", "--all");
            assertTrue(list.matches("(?s)\\s*Id\\s+Name\\s+State\\s+-+\\s+1\\s+vendor-1\\s+running\\s*"), list);

            Files.move(jar, parked);
            String gone = awaitVirsh(uri, out -> out.contains("is not running"));
            assertTrue(gone.contains("no connection driver available for vendor:///default: driver 'vendor' (bundle "
                    + VENDOR_BSN + ") is not running"), gone);
            Files.move(parked, jar);
            String back = awaitVirsh(uri, out -> out.contains("vendor-1"));
            assertTrue(back.contains("running"), back);
            assertTrue(p.terminate(STOP) != -1, "jvirt did not exit within " + STOP.toSeconds() + " s of SIGTERM");
        }
    }

    private static String awaitVirsh(String uri, java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + HOT_SWAP.toNanos();
        String out;
        do {
            out = Virsh.merged(uri, "list", "--all");
            if (done.test(out)) {
                return out;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return out;
    }

    /** virsh's stdout and stderr together. */
    @Test
    void tarballHoldsTheSameTreeUnderAVersionedDirectory() throws Exception {
        Path target = dist.getParent();
        Path tgz;
        try (Stream<Path> s = Files.list(target)) {
            tgz = s.filter(f -> f.getFileName().toString().matches("jvirt-.+\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no jvirt-<version>.tar.gz in " + target));
        }
        String top = tgz.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
        Process tar = new ProcessBuilder("tar", "tzvf", tgz.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), "tar failed:\n" + listing);
        for (String entry : List.of("bin/jvirt", "lib/jvirt-launcher.jar", "etc/io.jvirt.registry.cfg",
                "etc/org.apache.felix.fileinstall-deploy.cfg", "data/README")) {
            assertTrue(listing.contains(top + "/" + entry), top + "/" + entry + " missing from " + tgz + ":\n" + listing);
        }
        assertTrue(Pattern.compile("(?m)^-rwxr-xr-x .* " + Pattern.quote(top + "/bin/jvirt") + "$").matcher(listing).find(),
                "bin/jvirt is not executable in the tarball:\n" + listing);
        assertTrue(Pattern.compile("(?m) " + Pattern.quote(top) + "/deploy/vendor-driver-[^/]+\\.jar$").matcher(listing).find(),
                "no vendor driver in deploy/ of the tarball");
    }

    private static void awaitDriverRow(JvirtProcess p, boolean present, String what) throws Exception {
        long deadline = System.nanoTime() + HOT_SWAP.toNanos();
        List<String> table;
        do {
            table = p.command("virt:drivers", COMMAND);
            assertTrue(table.stream().anyMatch(l -> l.matches("\\s*Pos\\s+Name\\s+Schemes\\b.*")),
                    "virt:drivers printed no driver table:\n" + String.join("\n", table) + "\n" + p.transcript());
            if (hasDriverRow(table, "vendor") == present) {
                return;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        fail("timed out after " + HOT_SWAP.toSeconds() + " s waiting for " + what + "; last virt:drivers:\n"
                + String.join("\n", table) + "\n" + p.transcript());
    }

    /** A row of the driver table (position, then name) for this driver. */
    private static boolean hasDriverRow(List<String> table, String name) {
        Pattern row = Pattern.compile("^\\s*\\d+\\s+" + Pattern.quote(name) + "\\s");
        return table.stream().anyMatch(l -> row.matcher(l).find());
    }

    private static List<String> readyDrivers(String line) {
        var m = READY_LINE.matcher(line);
        assertTrue(m.matches(), "not a ready line: " + line);
        return m.group(1).isEmpty() ? List.of() : Arrays.asList(m.group(1).split(","));
    }

    private static Path vendorJar(Path deploy) throws IOException {
        try (Stream<Path> s = Files.list(deploy)) {
            return s.filter(f -> f.getFileName().toString().startsWith("vendor-driver") && f.toString().endsWith(".jar"))
                    .findFirst().orElseThrow(() -> new AssertionError(
                            "no vendor-driver jar in " + deploy + ": the distribution should ship it there"));
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path src : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(src);
                if (rel.startsWith("data") && !rel.toString().equals("data")) {
                    continue; // state of earlier runs, if any
                }
                Path dst = to.resolve(rel.toString());
                if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(to.resolve("bin/jvirt"));
        assertTrue(perms.contains(PosixFilePermission.OWNER_EXECUTE), "bin/jvirt lost its execute bit in the copy");
    }

    /** Waits for a line of the platform's log (the launcher logs each step of its start). */
    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            if (System.nanoTime() > deadline) {
                fail("no `" + text + "` in " + log + " after " + READY.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }
}
