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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two commands as a new user meets them: what {@code scripts/ensure-deps.sh} installs
 * for {@code run} and for {@code test} (on made-up machines: a probe root and a fake apt-get, never
 * the real one), whether {@code ./run.sh} rebuilds (for real, on a copy of this checkout with the
 * distribution this build made), and that Maven, run as run.sh and test.sh run it, prints no
 * escape sequences.
 */
class SetupScriptsIT {
    private static final Duration SCRIPT = Duration.ofMinutes(3);

    /**
     * What running needs (the run profile): the build, the platform, the QEMU and storage drivers' tools,
     * dnsmasq and iptables of virtual networks, gcc and the static libc of the LXC controller.
     */
    private static final Map<String, String> RUN = ordered(
            "openjdk-17-jdk-headless", "/usr/bin/javac",
            "maven", "/usr/bin/mvn",
            "qemu-system-x86", "/usr/bin/qemu-system-x86_64",
            "qemu-utils", "/usr/bin/qemu-img",
            "iproute2", "/usr/sbin/ip",
            "lvm2", "/usr/sbin/pvcreate",
            "parted", "/usr/sbin/parted",
            "scrub", "/usr/bin/scrub",
            "dnsmasq-base", "/usr/sbin/dnsmasq",
            "iptables", "/usr/sbin/iptables-nft",
            "gcc", "/usr/bin/gcc",
            "libc6-dev", "/usr/lib/x86_64-linux-gnu/libc.a");
    /** What testing adds. */
    private static final Map<String, String> TEST = ordered(
            "libvirt-dev", "/usr/include/libvirt/virterror.h",
            "libvirt-clients", "/usr/bin/virsh",
            "python3-libvirt", "/usr/lib/python3/dist-packages/libvirt.py",
            "libvirt-daemon", "/usr/sbin/libvirtd",
            "libvirt-daemon-driver-qemu", "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so",
            "libvirt-daemon-driver-lxc", "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_lxc.so",
            "openssh-server", "/usr/sbin/sshd",
            "openssh-client", "/usr/bin/ssh",
            "netcat-openbsd", "/usr/bin/nc",
            "openssl", "/usr/bin/openssl",
            "xz-utils", "/usr/bin/xz",
            "bsdutils", "/usr/bin/script",
            "nftables", "/usr/sbin/nft",
            "ebtables", "/usr/sbin/ebtables-legacy",
            "busybox-static", "/bin/busybox",
            "sasl2-bin", "/usr/sbin/saslpasswd2",
            "libsasl2-modules", "/usr/lib/x86_64-linux-gnu/sasl2/libscram.so",
            "libvirt-daemon-config-nwfilter", "/usr/share/libvirt/nwfilter/clean-traffic.xml");

    private static Path repo;
    private static Path dist;

    @BeforeAll
    static void findCheckout() {
        String r = System.getProperty("jvirt.repository");
        String d = System.getProperty("jvirt.dist");
        if (r == null || d == null) {
            fail("system properties jvirt.repository and jvirt.dist are not set: run through failsafe");
        }
        repo = Path.of(r);
        dist = Path.of(d);
        if (!Files.isExecutable(repo.resolve("run.sh")) || !Files.isExecutable(dist.resolve("bin/jvirt"))) {
            fail("no run.sh in " + repo + " or no built distribution at " + dist);
        }
    }

    // ------------------------------------------------------------------ ensure-deps.sh

    @Test
    void runPlansOnlyWhatRunningNeedsAndTestAddsTheTestTools(@TempDir Path tmp) throws Exception {
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        assertEquals(List.copyOf(RUN.keySet()), plan(bare, "run"), "run on a machine with nothing");
        List<String> all = new ArrayList<>(RUN.keySet());
        all.addAll(TEST.keySet());
        assertEquals(all, plan(bare, "test"), "test on a machine with nothing");

        // A machine with all that running needs, and none of the test tools.
        Path runOnly = tmp.resolve("run-only");
        populate(runOnly, RUN);
        assertEquals(List.of(), plan(runOnly, "run"), "run on a machine that has what running needs");
        assertEquals(List.copyOf(TEST.keySet()), plan(runOnly, "test"), "test on that machine");
    }

    /** The issue's case: openssh-server absent; run installs nothing, test installs it (apt-get faked). */
    @Test
    void runDoesNotInstallOpensshServerWhereTestDoes(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("machine");
        populate(root, RUN);
        Map<String, String> tools = new HashMap<>(TEST);
        tools.remove("openssh-server");
        populate(root, tools);
        assertFalse(Files.exists(root.resolve("usr/sbin/sshd")));
        assertEquals(List.of(), plan(root, "run"));
        assertEquals(List.of("openssh-server"), plan(root, "test"));

        // For real, but with an apt-get of our own first on PATH that records its arguments.
        Path bin = Files.createDirectories(tmp.resolve("fakebin"));
        Path calls = tmp.resolve("apt-get.calls");
        Path aptGet = bin.resolve("apt-get");
        Files.writeString(aptGet, "#!/bin/sh\necho \"apt-get $*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(aptGet, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = probeEnv(root);
        env.put("PATH", bin + ":/usr/bin:/bin:/usr/sbin:/sbin");

        Result run = Result.of(repo, env, SCRIPT, "scripts/ensure-deps.sh", "run");
        assertEquals(0, run.status, run.text());
        assertEquals("", run.text(), "run had nothing to install and should say nothing");
        assertFalse(Files.exists(calls), "run called apt-get on a machine that has what running needs");

        Result test = Result.of(repo, env, SCRIPT, "scripts/ensure-deps.sh", "test");
        if (test.text().contains("run as root")) {
            fail("the tests run as root (ensure-deps.sh installs only then): " + test.text());
        }
        assertEquals(0, test.status, test.text());
        List<String> apt = Files.readAllLines(calls);
        assertEquals(2, apt.size(), "apt-get update, then install: " + apt);
        assertTrue(apt.get(0).startsWith("apt-get update"), apt.toString());
        assertTrue(apt.get(1).matches("apt-get install -y .*--no-install-recommends openssh-server"), apt.toString());
        // One line says what is installed; apt's and debconf's own lines go to a log.
        List<String> said = test.lines();
        assertEquals(1, said.size(), "more than one line:\n" + test.text());
        assertTrue(said.get(0).startsWith("[jvirt setup] installing Debian packages for testing jvirt: openssh-server "),
                said.get(0));
    }

    // ------------------------------------------------------------------ the build decision

    /**
     * A copy of this checkout with the distribution this build made and its record: the copied
     * files keep their times, as a checkout that was built and is started again. The second
     * {@code ./run.sh} runs bin/jvirt without building; a changed source, pom or removed file
     * means a build, a changed test does not.
     */
    @Test
    void aSecondRunDoesNotRebuildAndAChangedSourceDoes(@TempDir Path tmp) throws Exception {
        Path stamp = repo.resolve("distribution/target/jvirt.built");
        if (!Files.isRegularFile(stamp)) {
            fail(stamp + " is missing: the distribution module writes it when it packages, and this build did");
        }
        Path copy = tmp.resolve("checkout");
        copyCheckout(copy);
        Instant built = Instant.parse(Files.readString(copy.resolve("distribution/target/jvirt.built")).trim());
        // The case that rebuilt on every start: bin/jvirt keeps its source's (older) time and a
        // source checked out after that source, but before the build, looks newer than it.
        Path binJvirt = copy.resolve("distribution/target/jvirt/bin/jvirt");
        Path source = anyMainSource(copy.resolve("driver-test"));
        Files.setLastModifiedTime(binJvirt, FileTime.from(built.minusSeconds(3600)));
        Files.setLastModifiedTime(source, FileTime.from(built.minusSeconds(60)));

        assertEquals("up to date", decision(copy), "right after the build that made the distribution");
        Result second = Result.of(copy, Map.of(), SCRIPT, "./run.sh", "--help");
        assertEquals(0, second.status, second.text());
        assertFalse(second.text().contains("[jvirt build]"), "the second ./run.sh built again:\n" + second.text());
        assertTrue(second.text().contains("[jvirt run] starting distribution/target/jvirt/bin/jvirt --help")
                && second.text().contains("usage: jvirt"), "bin/jvirt did not run:\n" + second.text());

        Path test = anyFile(copy.resolve("driver-test/src/test"), ".java");
        touch(test);
        assertEquals("up to date", decision(copy), "a changed test does not change the distribution");

        touch(source);
        assertEquals("build: " + copy.relativize(source) + " changed after the last build (started "
                + Files.readString(stamp).trim() + ")", decision(copy));
        Files.setLastModifiedTime(source, FileTime.from(built.minusSeconds(60)));
        Files.setLastModifiedTime(source.getParent(), FileTime.from(built.minusSeconds(60)));
        assertEquals("up to date", decision(copy));

        touch(copy.resolve("registry/pom.xml"));
        assertTrue(decision(copy).startsWith("build: registry/pom.xml changed after the last build"), decision(copy));
        Files.setLastModifiedTime(copy.resolve("registry/pom.xml"), FileTime.from(built.minusSeconds(60)));

        Files.delete(source);
        assertTrue(decision(copy).startsWith("build: " + copy.relativize(source.getParent()) + " changed after"),
                "a removed source changes its folder: " + decision(copy));

        Files.delete(copy.resolve("distribution/target/jvirt.built"));
        assertTrue(decision(copy).startsWith("build: distribution/target/jvirt.built (the last build's record) is missing"),
                decision(copy));
    }

    // ------------------------------------------------------------------ Maven's output

    /**
     * Debian's jansi has no native library for Linux, so it takes any stream for a terminal and
     * writes ESC[0m when Maven uninstalls it (even with -B, -q and style.color=never);
     * .mvn/jvm.config sets jansi.noreset. Maven runs here with the flags of run.sh's build and of
     * test.sh, read from those scripts, on the copy (validate: the goal does not matter).
     */
    @Test
    void mavenAsTheScriptsRunItPrintsNoEscapeSequences(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("checkout");
        copyCheckout(copy);
        for (String script : List.of("scripts/build-dist.sh", "test.sh")) {
            List<String> cmd = mavenCommand(repo.resolve(script));
            cmd.add("validate");
            Result r = Result.of(copy, Map.of(), SCRIPT, cmd.toArray(String[]::new));
            assertEquals(0, r.status, String.join(" ", cmd) + "\n" + r.text());
            int esc = indexOf(r.bytes, (byte) 0x1b);
            assertEquals(-1, esc, script + "'s `" + String.join(" ", cmd) + "` printed ESC at byte " + esc + ":\n"
                    + r.text().replace("\u001b", "<ESC>"));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> plan(Path root, String profile) throws Exception {
        Result r = Result.of(repo, probeEnv(root), SCRIPT, "scripts/ensure-deps.sh", "--plan", profile);
        assertEquals(0, r.status, r.text());
        return r.lines();
    }

    private static Map<String, String> probeEnv(Path root) {
        Map<String, String> env = new HashMap<>();
        env.put("JVIRT_DEPS_ROOT", root.toString());
        env.put("JAVA_HOME", "");
        return env;
    }

    /** Makes each probe file under the root (commands executable). */
    private static void populate(Path root, Map<String, String> packages) throws IOException {
        for (String probe : packages.values()) {
            Path f = root.resolve(probe.substring(1));
            Files.createDirectories(f.getParent());
            Files.writeString(f, "");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String decision(Path checkout) throws Exception {
        Result r = Result.of(checkout, Map.of(), SCRIPT, "scripts/build-dist.sh", "--plan");
        assertEquals(0, r.status, r.text());
        return r.text().trim();
    }

    /** The checkout without any target/ or .git, but with the built distribution and its record. */
    private static void copyCheckout(Path copy) throws IOException {
        try (Stream<Path> s = Files.walk(repo)) {
            for (Path src : (Iterable<Path>) s.filter(p -> {
                Path rel = repo.relativize(p);
                for (Path part : rel) {
                    if (part.toString().equals("target") || part.toString().equals(".git")) {
                        return false;
                    }
                }
                return true;
            })::iterator) {
                copyEntry(src, copy.resolve(repo.relativize(src).toString()));
            }
        }
        Path target = copy.resolve("distribution/target");
        DistributionIT.copyTree(dist, target.resolve("jvirt"));
        Files.copy(repo.resolve("distribution/target/jvirt.built"), target.resolve("jvirt.built"),
                StandardCopyOption.COPY_ATTRIBUTES);
        // Folders last: copying into them changed their times.
        try (Stream<Path> s = Files.walk(copy)) {
            for (Path d : (Iterable<Path>) s.filter(Files::isDirectory)::iterator) {
                Path src = repo.resolve(copy.relativize(d).toString());
                if (Files.isDirectory(src) && !copy.relativize(d).startsWith("distribution/target")) {
                    Files.setLastModifiedTime(d, Files.getLastModifiedTime(src));
                }
            }
        }
    }

    private static void copyEntry(Path src, Path dst) throws IOException {
        if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dst);
        } else {
            Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static Path anyMainSource(Path module) throws IOException {
        return anyFile(module.resolve("src/main"), ".java");
    }

    private static Path anyFile(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no *" + suffix + " under " + dir));
        }
    }

    private static void touch(Path p) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
    }

    /** The script's `mvn ...` line as argv, without its goals and "$@". */
    private static List<String> mavenCommand(Path script) throws IOException {
        Matcher m = Pattern.compile("(?m)^\\s*(mvn .*)$").matcher(Files.readString(script));
        if (!m.find()) {
            fail("no mvn line in " + script);
        }
        List<String> cmd = new ArrayList<>();
        for (String w : m.group(1).trim().split("\\s+")) {
            if (w.startsWith("-") || w.equals("mvn")) {
                cmd.add(w);
            }
        }
        return cmd;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A finished command: its status and its stdout and stderr together, as bytes. */
    private record Result(int status, byte[] bytes) {
        static Result of(Path dir, Map<String, String> env, Duration timeout, String... cmd) throws Exception {
            Path out = Files.createTempFile("jvirt-setup-it", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    fail(String.join(" ", cmd) + " did not finish within " + timeout.toSeconds() + " s:\n"
                            + Files.readString(out));
                }
                return new Result(p.exitValue(), Files.readAllBytes(out));
            } finally {
                Files.deleteIfExists(out);
            }
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        List<String> lines() {
            String t = text();
            return t.isEmpty() ? List.of() : Arrays.asList(t.split("\n"));
        }
    }
}
