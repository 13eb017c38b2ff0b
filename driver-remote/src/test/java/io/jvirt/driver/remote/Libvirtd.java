package io.jvirt.driver.remote;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jvirt.testsupport.Shared;

/**
 * A real libvirtd (Debian's 9.0) started once for this JVM by {@code ../shared/anchor/libvirtd-up}
 * in a temporary directory, stopped by {@code libvirtd-down} at exit. Fails clearly when the kit or
 * the daemon is missing (scripts/ensure-deps.sh installs the packages).
 */
final class Libvirtd {
    private static Libvirtd instance;

    final Path dir;
    final int tcpPort;

    private Libvirtd(Path dir, int tcpPort) {
        this.dir = dir;
        this.tcpPort = tcpPort;
    }

    static synchronized Libvirtd get() throws IOException, InterruptedException {
        if (instance == null) {
            instance = start(List.of());
        }
        return instance;
    }

    /** Starts another instance (the caller stops it) with extra arguments for libvirtd-up. */
    static Libvirtd start(List<String> env) throws IOException, InterruptedException {
        Path up = Shared.anchor().resolve("libvirtd-up");
        if (!Files.isExecutable(up)) {
            throw new IllegalStateException("the reference daemon kit is missing: " + up
                    + " (set -Djvirt.anchor=DIR to the shared anchor directory)");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/libvirtd"))) {
            throw new IllegalStateException("libvirtd is missing: install Debian's libvirt-daemon and "
                    + "libvirt-daemon-driver-qemu (scripts/ensure-deps.sh does)");
        }
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jvirt-anchor");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(up.toString(), dir.toString(), "--tcp-port", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String e : env) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("libvirtd-up failed:\n" + out);
        }
        Libvirtd l = new Libvirtd(dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(l::stop));
        return l;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String socket() {
        return dir.resolve("run/libvirt-sock").toString();
    }

    String unixUri() {
        return "test+unix:///default?socket=" + socket();
    }

    String tcpUri() {
        return "test+tcp://127.0.0.1:" + tcpPort + "/default";
    }

    void stop() {
        try {
            Process p = new ProcessBuilder(Shared.anchor().resolve("libvirtd-down").toString(), dir.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // exiting anyway
        }
    }
}
