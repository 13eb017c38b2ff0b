package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jvirt.testsupport.Shared;

/**
 * The two servers the interop tests compare, started once per JVM and stopped at exit: a real
 * libvirtd (Debian's 9.0, through {@code ../shared/anchor/libvirtd-up} in a temporary directory)
 * and the distribution's {@code bin/jvirt}, each with its unix sockets (read-write and read-only)
 * and a TCP listener on a free port. Both serve libvirt's test driver as {@code test:///default}.
 */
final class InteropServers {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Pattern JVIRTD_READY = Pattern.compile("jvirtd ready: unix=(\\S+) tcp=(\\S+)");
    private static InteropServers instance;

    /** One server: where to reach it. */
    record Endpoint(String name, Path runDir, String tcp) {
        String unixUri() {
            return "test+unix:///default?socket=" + runDir.resolve("libvirt-sock");
        }

        String readOnlyUri() {
            return "test+unix:///default?socket=" + runDir.resolve("libvirt-sock-ro");
        }

        String tcpUri() {
            return "test+tcp://" + tcp + "/default";
        }

        /** A private test-driver state read from a {@code <node>} file, as libvirt's virshtest opens it. */
        String unixUri(Path nodeFile) {
            return "test+unix://" + nodeFile + "?socket=" + runDir.resolve("libvirt-sock");
        }
    }

    final Path tmp;
    final Endpoint libvirtd;
    final Endpoint jvirtd;
    private final JvirtProcess jvirt;

    private InteropServers(Path tmp, Endpoint libvirtd, Endpoint jvirtd, JvirtProcess jvirt) {
        this.tmp = tmp;
        this.libvirtd = libvirtd;
        this.jvirtd = jvirtd;
        this.jvirt = jvirt;
    }

    static synchronized InteropServers get() throws Exception {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    static Path anchor() {
        return Shared.anchor();
    }

    private static InteropServers start() throws Exception {
        for (String tool : List.of("/usr/bin/virsh", "/usr/sbin/libvirtd", "/usr/bin/python3")) {
            if (!Files.isExecutable(Path.of(tool))) {
                fail(tool + " is missing: install Debian's libvirt-clients, libvirt-daemon, "
                        + "libvirt-daemon-driver-qemu and python3-libvirt (scripts/ensure-deps.sh does)");
            }
        }
        String dist = System.getProperty("jvirt.dist");
        if (dist == null || !Files.isDirectory(Path.of(dist))) {
            fail("no distribution at " + dist + ": run mvn -B verify (packaging builds it)");
        }
        Path up = anchor().resolve("libvirtd-up");
        if (!Files.isExecutable(up)) {
            fail("the reference daemon kit is missing: " + up + " (set -Djvirt.anchor=DIR)");
        }
        // libvirtd-up allows only [A-Za-z0-9._/+@-] in its directory: no random suffix with other characters
        Path tmp = Files.createTempDirectory(Path.of("/tmp"), "jvirt-interop");
        Path anchorDir = tmp.resolve("libvirtd");
        int port = freePort();
        Process p = new ProcessBuilder(up.toString(), anchorDir.toString(), "--tcp-port", Integer.toString(port))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("libvirtd-up failed:\n" + out);
        }
        Endpoint libvirtd = new Endpoint("libvirtd", anchorDir.resolve("run"), "127.0.0.1:" + port);

        Path jvirtDir = Files.createDirectories(tmp.resolve("jvirt"));
        JvirtProcess jvirt = new JvirtProcess(Path.of(dist), jvirtDir, "--data", jvirtDir.resolve("data").toString(),
                "--unix-dir", jvirtDir.resolve("run").toString(), "--tcp", "127.0.0.1:" + freePort());
        int line = jvirt.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
        Matcher m = JVIRTD_READY.matcher(jvirt.lines().get(line));
        if (!m.find()) {
            fail("unexpected ready line: " + jvirt.lines().get(line));
        }
        Endpoint jvirtd = new Endpoint("jvirtd", Path.of(m.group(1)).getParent(), m.group(2));
        return new InteropServers(tmp, libvirtd, jvirtd, jvirt);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String jvirtTranscript() {
        return jvirt.transcript();
    }

    private void stop() {
        try {
            jvirt.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Process p = new ProcessBuilder(anchor().resolve("libvirtd-down").toString(),
                    libvirtd.runDir().getParent().toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            new ProcessBuilder("rm", "-rf", tmp.toString()).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // exiting anyway
        }
    }
}
