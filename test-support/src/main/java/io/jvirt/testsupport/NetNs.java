package io.jvirt.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace the test creates ({@code ip netns add}) and deletes on {@link #close()}, with
 * whatever still runs in it (only the test's processes can be there). Network tests change nothing
 * but their own namespaces. Creating one needs root and iproute2; both are checked with a message
 * saying what is missing.
 */
public final class NetNs implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    public final String name;

    private NetNs(String name) {
        this.name = name;
    }

    /** A new namespace named {@code jv-PREFIX-PID-N}, with its loopback up. */
    public static NetNs create(String prefix) throws IOException, InterruptedException {
        requireRoot("network namespaces");
        requireTools("ip");
        String name = "jv-" + prefix + "-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
        run(List.of("ip", "netns", "add", name));
        NetNs ns = new NetNs(name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    /** Fails unless the JVM runs as root, naming what needs it. */
    public static void requireRoot(String what) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("Uid:") && !l.split("\\s+")[1].equals("0")) {
                throw new IllegalStateException(what + " need root: run the tests as root (./test.sh does on the CI "
                        + "machine)");
            }
        }
    }

    /**
     * Fails unless every tool is installed (on PATH or in an sbin directory), naming the missing ones
     * and the Debian packages that bring them.
     */
    public static void requireTools(String... tools) {
        List<String> missing = new ArrayList<>();
        for (String t : tools) {
            if (find(t) == null) {
                missing.add(t + " (Debian " + packageOf(t) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing tools: " + String.join(", ", missing)
                    + "; scripts/ensure-deps.sh test installs them");
        }
    }

    private static String packageOf(String tool) {
        return switch (tool) {
            case "dnsmasq" -> "dnsmasq-base";
            case "iptables", "ip6tables", "iptables-save", "ip6tables-save" -> "iptables";
            case "nft" -> "nftables";
            case "ebtables" -> "ebtables";
            case "busybox" -> "busybox-static";
            case "ip" -> "iproute2";
            default -> tool;
        };
    }

    /** The path of a tool on PATH or in the sbin directories, or null. */
    public static Path find(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return Path.of(d, tool);
            }
        }
        return null;
    }

    /** The prefix that runs a command in this namespace. */
    public List<String> launcher() {
        return List.of("ip", "netns", "exec", name);
    }

    /** Runs a command in the namespace; returns its output (stdout and stderr), fails on a non-zero status. */
    public String exec(String... cmd) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(launcher());
        all.addAll(List.of(cmd));
        return run(all);
    }

    /** Runs a command on the host; returns its output, fails on a non-zero status or after 60 s. */
    public static String run(List<String> cmd) throws IOException, InterruptedException {
        Result r = runStatus(cmd);
        if (r.status != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (status " + r.status + "):\n" + r.output);
        }
        return r.output;
    }

    /** What a command printed (stdout and stderr together) and its status. */
    public record Result(int status, String output) {
    }

    public static Result runStatus(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jvirt-netns", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Ends what still runs in the namespace and deletes it. */
    @Override
    public void close() throws IOException, InterruptedException {
        Result pids = runStatus(List.of("ip", "netns", "pids", name));
        for (String pid : pids.output.trim().split("\\s+")) {
            if (!pid.isEmpty() && pid.chars().allMatch(Character::isDigit)) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        runStatus(List.of("ip", "netns", "del", name));
    }
}
