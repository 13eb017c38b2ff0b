package io.jvirt.itest.karaf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Apache Karaf unpacked by the build: configured to run offline (the local Maven
 * repository plus a private repository holding this reactor's bundles), on free ports, with its
 * console reached over SSH with a key made for the run (one ssh process per command: about a
 * tenth of a second, against a second or more for bin/client's JVM).
 */
final class Karaf implements AutoCloseable {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    /** What a console command printed and how it ended. */
    record Result(int exit, String out) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final Path home;
    private final Path work;
    private final Path key;
    private final int sshPort;
    private Process process;

    private Karaf(Path home, Path work, Path key, int sshPort) {
        this.home = home;
        this.work = work;
        this.key = key;
        this.sshPort = sshPort;
    }

    /**
     * Configures the Karaf in {@code home} and starts it with an empty data directory; returns
     * once its console answers and the start level reached 100.
     *
     * @param repositories extra Maven repositories in Maven layout (file system paths), searched
     *                     before the local repository
     */
    static Karaf start(Path home, Path work, Path localRepository, List<Path> repositories, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(home.resolve("bin/karaf"))) {
            fail("no Apache Karaf at " + home + ": the build unpacks org.apache.karaf:apache-karaf:"
                    + System.getProperty("karaf.version") + ":tar.gz there (dependency:unpack in pre-integration-test);"
                    + " run `mvn verify` online once so Maven can fetch it");
        }
        require("/usr/bin/ssh", "openssh-client");
        require("/usr/bin/ssh-keygen", "openssh-client");
        Files.createDirectories(work);
        Path key = work.resolve("karaf-key");
        Files.deleteIfExists(key);
        Files.deleteIfExists(work.resolve("karaf-key.pub"));
        run(work, Duration.ofSeconds(30), "/usr/bin/ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C",
                "jvirt-itest", "-f", key.toString());

        int ssh = freePort();
        Path etc = home.resolve("etc");
        setProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(ssh));
        setProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshHost", "127.0.0.1");
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", Integer.toString(freePort()));
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", Integer.toString(freePort()));
        String publicKey = Files.readString(work.resolve("karaf-key.pub")).trim().split("\\s+")[1];
        Files.writeString(etc.resolve("keys.properties"), "# written by the jvirt Karaf test\n"
                + "karaf=" + publicKey + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        // Offline (TOOLCHAIN gotcha 8): Karaf's system/ and the extra repositories are read as
        // they are, the local repository last; no remote repository at all.
        StringBuilder defaults = new StringBuilder("${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots");
        int n = 0;
        for (Path repo : repositories) {
            defaults.append(", ").append(repo.toUri()).append("@id=extra").append(n++).append("@snapshots");
        }
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), "# written by the jvirt Karaf test: offline\n"
                + "org.ops4j.pax.url.mvn.localRepository = " + localRepository + "\n"
                + "org.ops4j.pax.url.mvn.defaultRepositories = " + defaults + "\n"
                + "org.ops4j.pax.url.mvn.repositories =\n"
                + "org.ops4j.pax.url.mvn.offline = true\n"
                + "org.ops4j.pax.url.mvn.useFallbackRepositories = false\n");

        Karaf karaf = new Karaf(home, work, key, ssh);
        karaf.launch(timeout);
        return karaf;
    }

    private void launch(Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server", "clean")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(work.resolve("karaf.out").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = pb.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        Result level = new Result(-1, "");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("Karaf exited with " + process.exitValue() + " while starting\n" + diagnostics());
            }
            level = console("system:start-level");
            if (level.ok() && level.out().contains("Level 100")) {
                return;
            }
            Thread.sleep(500);
        }
        fail("Karaf's console did not reach start level 100 within " + timeout.toSeconds() + " s (last answer: "
                + level + ")\n" + diagnostics());
    }

    /** Runs one console command over SSH. */
    Result console(String command) throws IOException, InterruptedException {
        List<String> cmd = List.of("/usr/bin/ssh", "-q", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5",
                "-i", key.toString(), "-p", Integer.toString(sshPort), "karaf@127.0.0.1", command);
        return run(work, Duration.ofMinutes(3), cmd.toArray(String[]::new));
    }

    /** The console's prompt as the terminal shows it (etc/shell.init.script's, bold removed). */
    static final String PROMPT = "karaf@root()> ";

    /**
     * Types lines into an interactive console (a terminal, as a user's ssh session has, so that
     * Karaf's line reader completes on TAB), then {@code logout}; returns what the terminal showed,
     * terminal controls removed. Each line is typed only once the console shows its prompt again
     * and nothing after it: keys that arrive while the console still prints its banner or the
     * previous command's output are not read by the line reader, and a TAB among them completes
     * nothing. No sleep, so a busy machine only makes it slower.
     */
    String typed(List<String> lines) throws IOException, InterruptedException {
        List<String> cmd = List.of("/usr/bin/ssh", "-tt", "-q", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5", "-i",
                key.toString(), "-p", Integer.toString(sshPort), "karaf@127.0.0.1");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("TERM", "vt100"); // a plain terminal
        Process p = pb.start();
        Terminal screen = new Terminal(p.getInputStream());
        try (Writer keys = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            List<String> all = new ArrayList<>(lines);
            all.add("logout\r");
            int mark = 0;
            for (int i = 0; i < all.size(); i++) {
                mark = screen.awaitPrompt(mark, TYPING);
                if (mark < 0) {
                    fail("Karaf's console showed no prompt within " + TYPING.toSeconds()
                            + " s (before typing `" + all.get(i).replace("\t", "<TAB>").replace("\r", "<CR>")
                            + "`); the terminal showed:\n" + screen.text());
                }
                keys.write(all.get(i));
                keys.flush();
            }
            if (!p.waitFor(TYPING.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the console did not end on logout within " + TYPING.toSeconds() + " s:\n" + screen.text());
            }
            screen.awaitEnd(TYPING);
            return screen.text();
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static final Duration TYPING = Duration.ofMinutes(2);

    /** What an interactive console shows: read as it arrives, terminal controls removed. */
    private static final class Terminal {
        private final StringBuilder raw = new StringBuilder();
        private boolean ended;

        Terminal(java.io.InputStream in) {
            Thread t = new Thread(() -> {
                char[] buf = new char[4096];
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    for (int n; (n = r.read(buf)) >= 0;) {
                        synchronized (this) {
                            raw.append(buf, 0, n);
                            notifyAll();
                        }
                    }
                } catch (IOException closed) {
                    // the session ended
                } finally {
                    synchronized (this) {
                        ended = true;
                        notifyAll();
                    }
                }
            }, "karaf-terminal");
            t.setDaemon(true);
            t.start();
        }

        synchronized String text() {
            return clean(raw.toString());
        }

        private static String clean(String raw) {
            // terminal modes (ESC [?2004h, ESC =, ...) and colours: no text
            return raw.replaceAll("\u001B(\\[\\??[0-9;]*[A-Za-z]|[=>])", "")
                    .replaceAll("[\\p{Cntrl}&&[^\n\t]]", ""); // what is left of the terminal's controls
        }

        /**
         * Waits until what the console showed after {@code from} (a mark this method returned, 0 at
         * first) ends a line and then shows the prompt with nothing after it: the line reader
         * waits for input. Returns the mark of that moment, or -1 on timeout or end.
         */
        synchronized int awaitPrompt(int from, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (;;) {
                String shown = clean(raw.substring(from));
                if (shown.contains("\n") && shown.endsWith(PROMPT)) {
                    return raw.length();
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return -1;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized void awaitEnd(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ended && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
        }
    }

    /** Runs a console command that must succeed; returns its output. */
    String shell(String command) throws IOException, InterruptedException {
        Result r = console(command);
        if (!r.ok()) {
            fail("Karaf command `" + command + "` failed (exit " + r.exit() + "):\n" + r.out() + "\n" + diagnostics());
        }
        return r.out();
    }

    Path home() {
        return home;
    }

    Path data() {
        return home.resolve("data");
    }

    /** The end of Karaf's log, for failure messages. */
    String diagnostics() {
        StringBuilder b = new StringBuilder();
        for (Path log : List.of(work.resolve("karaf.out"), data().resolve("log/karaf.log"))) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                b.append("--- ").append(log).append(" (last 40 lines) ---\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> b.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                b.append("--- ").append(log).append(": ").append(e).append('\n');
            }
        }
        return b.toString();
    }

    /** Shuts Karaf down from its console, then makes sure no process of it is left. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        if (process.isAlive()) {
            console("system:shutdown -f");
            process.waitFor(30, TimeUnit.SECONDS);
        }
        for (ProcessHandle p : tree) {
            p.destroyForcibly();
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Sets {@code key = value} in a Karaf .cfg file, replacing a line (commented or not) that sets it. */
    static void setProperty(Path cfg, String key, String value) throws IOException {
        List<String> lines = Files.exists(cfg) ? new ArrayList<>(Files.readAllLines(cfg)) : new ArrayList<>();
        Pattern p = Pattern.compile("^\\s*#?\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        boolean done = false;
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).matches()) {
                lines.set(i, done ? "" : key + " = " + value);
                done = true;
            }
        }
        if (!done) {
            lines.add(key + " = " + value);
        }
        Files.write(cfg, lines);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void require(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            fail(path + " is missing: install Debian's " + debianPackage + " (scripts/ensure-deps.sh does)");
        }
    }

    /** Runs a program to its end; stdout and stderr together, ANSI colours removed. */
    static Result run(Path dir, Duration timeout, String... cmd) throws IOException, InterruptedException {
        return run(dir, timeout, Path.of("/dev/null"), cmd);
    }

    private static Result run(Path dir, Duration timeout, Path input, String... cmd)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "cmd", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(input.toFile())).redirectOutput(out.toFile());
            pb.environment().put("TERM", "vt100"); // a plain terminal for the interactive console
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                fail("`" + String.join(" ", cmd) + "` did not finish within " + timeout.toSeconds() + " s:\n"
                        + Files.readString(out));
            }
            Matcher m = ANSI.matcher(Files.readString(out, StandardCharsets.UTF_8));
            return new Result(p.exitValue(), m.replaceAll(""));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
