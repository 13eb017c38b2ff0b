package io.jvirt.itest.karaf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.jvirt.testsupport.OutputLines;

/** Real virsh (Debian's libvirt-clients) against a URI: one-shot commands and long-lived sessions. */
final class Virsh {
    static final Path VIRSH = Path.of("/usr/bin/virsh");

    private Virsh() {
    }

    static void requireVirsh() {
        if (!Files.isExecutable(VIRSH)) {
            fail("virsh is missing: install Debian's libvirt-clients (scripts/ensure-deps.sh does)");
        }
    }

    /** One virsh command; stdout and stderr together. */
    static Karaf.Result run(Path dir, String uri, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(VIRSH.toString(), "-c", uri));
        cmd.addAll(List.of(args));
        return Karaf.run(dir, Duration.ofSeconds(60), cmd.toArray(String[]::new));
    }

    /** A virsh command that must succeed; returns its output. */
    static String ok(Path dir, String uri, String... args) throws IOException, InterruptedException {
        Karaf.Result r = run(dir, uri, args);
        if (!r.ok()) {
            fail("virsh -c " + uri + " " + String.join(" ", args) + " failed (exit " + r.exit() + "):\n" + r.out());
        }
        return r.out();
    }

    /**
     * A virsh process that stays connected: {@code virsh event --all --loop}, or an interactive
     * virsh reading commands from stdin (one connection for all of them).
     */
    static final class Session implements AutoCloseable {
        private final Process process;
        private final Writer stdin;
        private final OutputLines output;
        private int markers;

        private Session(Process process) {
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.output = new OutputLines(process.getInputStream(), "virsh " + process.pid());
        }

        static Session events(String uri) throws IOException {
            return start(uri, "event", "--all", "--loop");
        }

        static Session interactive(String uri) throws IOException {
            return start(uri);
        }

        private static Session start(String uri, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(VIRSH.toString(), "-c", uri));
            cmd.addAll(List.of(args));
            return new Session(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }

        int size() {
            return output.size();
        }

        /** Waits for a line from index {@code from} on that matches; fails with the transcript. */
        int await(int from, Predicate<String> match, Duration timeout, String what) throws InterruptedException {
            int i = output.await(from, match, timeout);
            if (i < 0) {
                fail((output.ended() ? "virsh ended" : "timed out after " + timeout.toSeconds() + " s")
                        + " waiting for " + what + "\n--- virsh output ---\n" + output);
            }
            return i;
        }

        /** Runs a command in an interactive session; returns its output (the lines before an echoed marker). */
        List<String> command(String command, Duration timeout) throws IOException, InterruptedException {
            int from = size();
            String marker = "--end-of-command-" + (++markers) + "--";
            stdin.write(command + "\necho " + marker + "\n");
            stdin.flush();
            int end = await(from, l -> l.endsWith(marker), timeout, "the output of `" + command + "`");
            return output.lines().subList(from, end);
        }

        boolean alive() {
            return process.isAlive();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
