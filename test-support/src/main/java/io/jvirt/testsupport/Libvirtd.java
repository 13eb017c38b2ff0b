package io.jvirt.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real private libvirtd (Debian's 9.0) started by {@code ../shared/anchor/libvirtd-up} in a fresh
 * temporary directory, without TCP, stopped by {@code libvirtd-down} on {@link #close()} or at exit.
 * Fails with a message naming what is missing (scripts/ensure-deps.sh installs the packages).
 */
public final class Libvirtd implements AutoCloseable {
    public final Path dir;

    private Libvirtd(Path dir) {
        this.dir = dir;
    }

    public static Libvirtd start() throws IOException, InterruptedException {
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
        Process p = new ProcessBuilder(up.toString(), dir.toString(), "--tcp-port", "0").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("libvirtd-up " + dir + " failed:\n" + out);
        }
        Libvirtd l = new Libvirtd(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(l::close));
        return l;
    }

    /** The URI of a driver of this daemon over its unix socket, e.g. {@code uri("qemu", "system")}. */
    public String uri(String driver, String path) {
        return driver + "+unix:///" + path + "?socket=" + dir.resolve("run/libvirt-sock");
    }

    @Override
    public synchronized void close() {
        if (!Files.isDirectory(dir)) {
            return;
        }
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

    /** The last lines of the daemon's log, for failure messages. */
    public String logTail() {
        try {
            List<String> l = Files.readAllLines(dir.resolve("logs/libvirtd.log"));
            return String.join("\n", l.subList(Math.max(0, l.size() - 20), l.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
