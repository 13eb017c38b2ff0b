package io.jvirt.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real private libvirtd (Debian's 9.0) started by {@code ../shared/anchor/libvirtd-up} in a fresh
 * temporary directory, stopped by {@code libvirtd-down} on {@link #close()} or at exit. Fails with a
 * message naming what is missing (scripts/ensure-deps.sh installs the packages).
 */
public final class Libvirtd implements AutoCloseable {
    private static Libvirtd shared;

    public final Path dir;
    /** Its TCP listener on 127.0.0.1, or 0 for none. */
    public final int tcpPort;

    private final Map<String, String> env;
    /** What libvirtd-up runs under: nothing, or {@code ip netns exec NS}. */
    private final List<String> launcher;

    private Libvirtd(Path dir, int tcpPort, Map<String, String> env, List<String> launcher) {
        this.dir = dir;
        this.tcpPort = tcpPort;
        this.env = env;
        this.launcher = launcher;
    }

    /** One instance with a TCP listener for the whole JVM, started on first use, stopped at exit. */
    public static synchronized Libvirtd shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start(true, Map.of());
        }
        return shared;
    }

    /** A new instance without TCP; the caller closes it. */
    public static Libvirtd start() throws IOException, InterruptedException {
        return start(false, Map.of());
    }

    /**
     * A new instance (the caller closes it), with a TCP listener on a free port or none, and extra
     * environment for libvirtd-up (e.g. {@code LIBVIRTD} naming a wrapper of the daemon).
     */
    public static Libvirtd start(boolean tcp, Map<String, String> env) throws IOException, InterruptedException {
        return start(tcp, env, List.of());
    }

    /**
     * A new instance without TCP inside a network namespace (the caller closes it, then the
     * namespace): its network and nwfilter drivers change only that namespace.
     */
    public static Libvirtd startIn(NetNs ns) throws IOException, InterruptedException {
        return start(false, Map.of(), ns.launcher());
    }

    private static Libvirtd start(boolean tcp, Map<String, String> env, List<String> launcher)
            throws IOException, InterruptedException {
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
        int port = tcp ? freePort() : 0;
        Libvirtd l = new Libvirtd(dir, port, Map.copyOf(env), List.copyOf(launcher));
        l.up();
        Runtime.getRuntime().addShutdownHook(new Thread(l::close));
        return l;
    }

    private void up() throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(launcher);
        cmd.addAll(List.of(Shared.anchor().resolve("libvirtd-up").toString(), dir.toString(), "--tcp-port",
                Integer.toString(tcpPort)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("libvirtd-up " + dir + " failed:\n" + out);
        }
    }

    /**
     * Stops the daemon and starts it again on the same state (libvirtd-down destroys running guests
     * first): a daemon restart within one host boot.
     */
    public synchronized void restart() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Shared.anchor().resolve("libvirtd-down").toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("libvirtd-down " + dir + " failed:\n" + out);
        }
        up();
    }

    /** The daemon's run directory of a driver, e.g. {@code /run/libvirt/qemu} inside its namespace. */
    public Path runDir(String driver) {
        return dir.resolve("ov/_run/upper/libvirt").resolve(driver);
    }

    /** A TCP port nothing listens on right now (loopback). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The daemon's read-write unix socket ({@code + "-ro"} is the read-only one). */
    public String socket() {
        return dir.resolve("run/libvirt-sock").toString();
    }

    /** The URI of a driver of this daemon over its unix socket, e.g. {@code uri("qemu", "system")}. */
    public String uri(String driver, String path) {
        return driver + "+unix:///" + path + "?socket=" + socket();
    }

    /** The same over TCP (the instance must have been started with TCP). */
    public String tcpUri(String driver, String path) {
        if (tcpPort == 0) {
            throw new IllegalStateException("this libvirtd was started without TCP");
        }
        return driver + "+tcp://127.0.0.1:" + tcpPort + "/" + path;
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
