package io.jvirt.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace a test creates for itself (with its loopback up) and deletes on
 * {@link #close()} or at exit: network tests touch only such namespaces. Needs root and iproute2.
 */
public final class NetNs implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    public final String name;
    private boolean closed;

    private NetNs(String name) {
        this.name = name;
    }

    /** A new namespace named {@code jvirt-PREFIX-PID-N}. */
    public static NetNs create(String prefix) throws IOException, InterruptedException {
        String name = "jvirt-" + prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        run("ip", "netns", "add", name);
        NetNs ns = new NetNs(name);
        Runtime.getRuntime().addShutdownHook(new Thread(ns::close));
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    /** The command line that runs {@code command} inside this namespace. */
    public List<String> wrap(String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(command));
        return argv;
    }

    /** Runs a command inside the namespace; fails with its output unless it exits 0. */
    public String exec(String... command) throws IOException, InterruptedException {
        return run(wrap(command).toArray(String[]::new));
    }

    static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (needs root and iproute2):\n" + out);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            new ProcessBuilder("ip", "netns", "del", name).redirectErrorStream(true).start().waitFor(30,
                    TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // exiting anyway
        }
    }
}
