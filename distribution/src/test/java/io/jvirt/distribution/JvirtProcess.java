package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.jvirt.testsupport.OutputLines;

/** A running {@code bin/jvirt}: its stdout line by line, its stdin, its stderr in a file. */
final class JvirtProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final OutputLines stdout;
    private final Writer stdin;
    private int commands;

    JvirtProcess(Path dist, Path work, String... args) throws IOException {
        this(dist, work, Map.of(), args);
    }

    /** With extra environment variables (JAVA_OPTS, say). */
    JvirtProcess(Path dist, Path work, Map<String, String> env, String... args) throws IOException {
        Path jvirt = dist.resolve("bin/jvirt");
        if (!Files.isExecutable(jvirt)) {
            fail("no executable " + jvirt + ": build the distribution first (mvn -B package)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(jvirt.toString());
        cmd.addAll(List.of(args));
        stderr = work.resolve("jvirt.stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
        pb.environment().putAll(env);
        process = pb.start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdout = new OutputLines(process.getInputStream(), "jvirt stdout");
    }

    /** Waits for a stdout line (from index {@code from} on) that matches; fails with the transcript. */
    int awaitLine(int from, Predicate<String> match, Duration timeout, String what) throws InterruptedException {
        int i = stdout.await(from, match, timeout);
        if (i < 0) {
            fail((stdout.ended() ? "jvirt's stdout ended" : "timed out after " + timeout.toSeconds() + " s")
                    + " waiting for " + what + "\n" + transcript());
        }
        return i;
    }

    List<String> lines() {
        return stdout.lines();
    }

    /**
     * Runs one Gogo command through stdin and returns what it printed: the lines up to a marker
     * echoed after it (prompts stripped).
     */
    List<String> command(String command, Duration timeout) throws IOException, InterruptedException {
        int start = stdout.size();
        String marker = "--end-of-command-" + (++commands) + "--";
        stdin.write(command + "\necho " + marker + "\n");
        stdin.flush();
        int end = awaitLine(start, l -> l.endsWith(marker), timeout, "the output of `" + command + "`");
        List<String> out = new ArrayList<>();
        for (String l : lines().subList(start, end)) {
            out.add(l.replaceFirst("^(jvirt> )+", ""));
        }
        return out;
    }

    /** Waits for the process to end by itself; -1 if it is still running after the timeout. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then waits; -1 if it did not exit in time. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy(); // SIGTERM on Linux
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return process.exitValue();
    }

    String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    String transcript() {
        return "--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderrText();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
