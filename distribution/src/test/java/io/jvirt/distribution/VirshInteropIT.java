package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.jvirt.testsupport.Shared;

/**
 * Real virsh 9.0 against a real libvirtd 9.0 and against jvirtd, both serving {@code test:///default}:
 * the script {@code virsh-interop.txt} (one virsh process per command, stateful, while background
 * {@code virsh event}/{@code net-event}/{@code pool-event}/{@code nodedev-event} listeners hold the
 * shared state and print the events the commands cause), then libvirt's own virsh test scripts from
 * {@code ../shared/conformance/libvirt-10.7.0/tests/virshtestdata/} that reach a server. stdout,
 * stderr and exit status must be the same; what is masked is said next to each mask.
 */
class VirshInteropIT {
    private static InteropServers servers;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        servers = InteropServers.get();
        work = Files.createDirectories(servers.tmp.resolve("virsh-work"));
        Inputs.write(work);
    }

    record Result(String out, String err, int exit) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    static Result virsh(List<String> args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "virsh", ".out");
        Path err = Files.createTempFile(work, "virsh", ".err");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().remove("VIRSH_DEFAULT_CONNECT_URI");
        Process p = pb.start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("virsh " + args + " did not finish in 30 s");
            }
            return new Result(Files.readString(out), Files.readString(err), p.exitValue());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * What legitimately differs between the two servers. Each mask says why; nothing else is masked.
     */
    static String mask(String s, InteropServers.Endpoint server) {
        // where each server's sockets and the test's input files live: temporary directories
        s = s.replace(server.runDir().toString(), "$RUN").replace(work.toString(), "$WORK");
        // virsh's own log lines (on stderr) start with the time and virsh's pid
        s = s.replaceAll("(?m)^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+\\d{4}: \\d+: ", "TIME: PID: ");
        // the test driver reports the wall clock as a running domain's CPU time
        s = s.replaceAll("(?m)^(CPU time:\\s+)\\S+$", "$1X");
        return s;
    }

    /**
     * Known difference: the text of a malformed-XML error is libxml2's ("Premature end of data in tag
     * domain line 1", then the line and a pointer under libxml2's column); jvirt's parser words it
     * its own way. Everything up to {@code (domain_definition):1: } is still compared.
     */
    static String knownDifferences(String stderr) {
        return stderr.replaceAll("(?s)(\\(\\w+_definition\\):\\d+: ).*", "$1(parser's text)\n");
    }

    // ---------------------------------------------------------------- the script

    @Test
    void scriptGivesTheSameOutputsAndEventsAsLibvirtd() throws Exception {
        List<String> script = script();
        assertTrue(script.size() >= 60, "the script should have at least 60 commands: " + script.size());
        Side libvirtd = new Side(servers.libvirtd);
        Side jvirtd = new Side(servers.jvirtd);
        Result freshLibvirtd = virsh(List.of("-c", servers.libvirtd.unixUri(), "list --all"));
        Result freshJvirtd = virsh(List.of("-c", servers.jvirtd.unixUri(), "list --all"));
        assertEquals(freshLibvirtd, freshJvirtd, "the fresh state");

        libvirtd.startListeners();
        jvirtd.startListeners();
        List<String> differences = new ArrayList<>();
        try {
            libvirtd.awaitListeners();
            jvirtd.awaitListeners();
            for (String line : script) {
                // the two servers are independent: run each command on both at once
                java.util.concurrent.CompletableFuture<Result> reference = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> libvirtd.runUnchecked(line));
                Result actual = jvirtd.run(line);
                Result expected = reference.join();
                expected = new Result(expected.out(), knownDifferences(expected.err()), expected.exit());
                actual = new Result(actual.out(), knownDifferences(actual.err()), actual.exit());
                if (!expected.equals(actual)) {
                    differences.add("virsh " + line + "\n=== libvirtd: " + expected + "=== jvirtd: " + actual);
                }
            }
        } finally {
            libvirtd.stopListeners();
            jvirtd.stopListeners();
        }
        for (String listener : Side.LISTENERS.keySet()) {
            String expected = libvirtd.events(listener);
            String actual = jvirtd.events(listener);
            assertTrue(expected.lines().count() > 1, "libvirtd printed no events for " + listener + ":\n" + expected);
            if (!expected.equals(actual)) {
                differences.add("virsh " + listener + " --loop\n=== libvirtd:\n" + expected + "=== jvirtd:\n" + actual);
            }
        }
        assertEquals(List.of(), differences, differences.size() + " of " + script.size()
                + " commands or listeners differ");

        // With the listeners gone no connection is left: both drop the shared state (libvirt's
        // test:///default lives only while a connection is open) and the next client sees it fresh.
        assertEquals(freshLibvirtd, libvirtd.awaitState(freshLibvirtd), "libvirtd after the last connection closed");
        assertEquals(freshJvirtd, jvirtd.awaitState(freshJvirtd), "jvirtd after the last connection closed");
    }

    static List<String> script() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = VirshInteropIT.class.getResourceAsStream("virsh-interop.txt")) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = l.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    lines.add(t);
                }
            }
        }
        return lines;
    }

    /** One server's run of the script: its URI and its background event listeners. */
    static final class Side {
        /** The listeners, each a virsh holding its own connection; the event each prints last. */
        static final Map<String, String> LISTENERS = new LinkedHashMap<>();
        static {
            LISTENERS.put("event --all", "event 'lifecycle' for domain 'sentinel': Undefined Removed");
            LISTENERS.put("net-event --event lifecycle", "event 'lifecycle' for network sentinel: Undefined");
            LISTENERS.put("pool-event --event lifecycle", "event 'lifecycle' for storage pool sentinel: Undefined");
            LISTENERS.put("pool-event --event refresh", "event 'refresh' for storage pool interop-pool");
            LISTENERS.put("nodedev-event --event lifecycle", "event 'lifecycle' for node device scsi_host13: Deleted");
        }
        /** State-neutral commands whose events tell that every listener is registered (filtered out after). */
        private static final List<String> WARM_UP = List.of("define $WORK/warmup.xml", "undefine warmup",
                "net-define $WORK/warmup-net.xml", "net-undefine warmup", "pool-create-as warmup dir --target /warmup",
                "pool-refresh warmup", "pool-destroy warmup");

        /** How long a state that asynchronous work brings about may take (events, closing); waited for, not slept. */
        private static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(60);

        private final InteropServers.Endpoint server;
        private final Map<String, Process> listeners = new LinkedHashMap<>();
        private final Map<String, Path> outputs = new LinkedHashMap<>();

        Side(InteropServers.Endpoint server) {
            this.server = server;
        }

        Result run(String line) throws IOException, InterruptedException {
            Result r = virsh(List.of("-c", server.unixUri(), line.replace("$WORK", work.toString())));
            return new Result(mask(r.out(), server), mask(r.err(), server), r.exit());
        }

        Result runUnchecked(String line) {
            try {
                return run(line);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void startListeners() throws IOException {
            for (String listener : LISTENERS.keySet()) {
                Path out = work.resolve(server.name() + "-" + listener.replaceAll("[^a-z]+", "_") + ".txt");
                List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh", "-c", server.unixUri()));
                cmd.addAll(List.of(listener.split(" ")));
                cmd.add("--loop");
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
                pb.environment().put("LC_ALL", "C");
                listeners.put(listener, pb.start());
                outputs.put(listener, out);
            }
        }

        /** Repeats the warm-up until every listener printed one of its events (registration is asynchronous). */
        void awaitListeners() throws IOException, InterruptedException {
            for (int round = 0; round < 50; round++) {
                for (String w : WARM_UP) {
                    run(w);
                }
                boolean all = true;
                for (String listener : LISTENERS.keySet()) {
                    if (listener.startsWith("nodedev-")) {
                        continue; // no state-neutral node device event: its first event comes much later
                    }
                    all &= Files.readString(outputs.get(listener)).contains("warmup");
                }
                if (all) {
                    return;
                }
                Thread.sleep(100);
            }
            fail(server.name() + ": the event listeners printed no warm-up event");
        }

        /** Waits for each listener's last event, then interrupts it as Ctrl-C would. */
        void stopListeners() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + SETTLE.toNanos();
            for (Map.Entry<String, Process> e : listeners.entrySet()) {
                String last = LISTENERS.get(e.getKey());
                while (!Files.readString(outputs.get(e.getKey())).contains(last) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
            for (Process p : listeners.values()) {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            }
            for (Process p : listeners.values()) {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }

        String events(String listener) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (String l : Files.readAllLines(outputs.get(listener))) {
                if (l.contains("warmup")) {
                    continue; // the warm-up's own events: how many rounds it took is timing
                }
                // virsh's count on exit includes the warm-up events, whose number is timing
                sb.append(l.replaceAll("^events received: \\d+$", "events received: N")).append('\n');
            }
            return sb.toString();
        }

        /** The next client sees {@code fresh} once the server dropped the state (closing is asynchronous). */
        Result awaitState(Result fresh) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + SETTLE.toNanos();
            Result r;
            do {
                r = virsh(List.of("-c", server.unixUri(), "list --all"));
                if (r.equals(fresh)) {
                    break;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
            return r;
        }
    }

    // ---------------------------------------------------------------- libvirt's virshtestdata

    private static final String VIRSHTESTDATA = "conformance/libvirt-10.7.0/tests/virshtestdata/";

    /**
     * The cases of libvirt's tests/virshtest.c that talk to a server, with virsh's arguments as
     * virshtest passes them: "default" is test:///default, "custom" the test driver's
     * examples/xml/test/testnode.xml. A script case reads its commands from the .in file. The cases
     * of ../shared that do not apply are in {@link #NOT_APPLICABLE}.
     */
    static Stream<Arguments> virshtestdata() {
        return Stream.of(
                Arguments.of("info-default", "default", List.of(), true),
                Arguments.of("iothreads", "custom", List.of(), true),
                Arguments.of("argument-assignment", "default", List.of("-k0", "-d0"), true),
                Arguments.of("snapshot-create-args", "default", List.of("-q"), true),
                Arguments.of("completion", "default", List.of(), true),
                Arguments.of("completion-command", "custom", List.of("complete", "--", "ech"), false),
                Arguments.of("completion-command-complete", "custom", List.of("complete", "--", "echo"), false),
                Arguments.of("completion-arg-partial", "custom", List.of("complete", "--", "echo", "--xm", "--s"), false),
                Arguments.of("completion-arg-full-bool-next", "custom",
                        List.of("complete", "--", "echo", "--nonexistant-arg", "--xml", ""), false),
                Arguments.of("completion-arg-full-string", "custom",
                        List.of("complete", "--", "echo", "--nonexistant-arg", "--prefix"), false),
                Arguments.of("completion-arg-full-argv-next", "default",
                        List.of("complete", "--", "domstats", "--domain", ""), false),
                Arguments.of("completion-argv-multiple-next", "custom",
                        List.of("complete", "--", "domstats", "--domain", "fv", "--domain", "fc", ""), false),
                Arguments.of("completion-argv-multiple-positional", "custom",
                        List.of("complete", "--", "domstats", "--domain", "fc", "fv"), false),
                Arguments.of("completion-argv-multiple-positional-next", "custom",
                        List.of("complete", "--", "domstats", "--domain", "fc", "fv", ""), false),
                Arguments.of("completion-arg-positional-partial-next", "custom",
                        List.of("complete", "--", "domstate", "fv", ""), false),
                Arguments.of("schedinfo-invalid-argument", "default", List.of("schedinfo", "1", "--set", "j=k"), false),
                Arguments.of("pool-define-as", "default", List.of("-q", "pool-define-as", "--print-xml", "P", "dir",
                        "src-host", "/src/path", "/src/dev", "S", "/target-path"), false),
                // virshtest feeds this through a FIFO; a file carries the same 140 KiB document to the server
                Arguments.of("read-big-pipe", "default", List.of("define $WORK/big.xml ; list --all"), false));
    }

    /** The virshtestdata cases in ../shared that do not apply, by name pattern, and why. */
    static final Map<String, String> NOT_APPLICABLE = Map.of(
            "echo-.*|dash-dash-argument-.*|multiple-commands-.*",
            "virsh's own argument parsing: echo never reaches a server",
            "uriprecedence-.*", "virsh choosing a URI from its environment before it connects",
            "snapshot-redefine|checkpoint-redefine",
            "their inputs (snapshot-s2.xml, snapshot-s3.xml, checkpoint-c2.xml, checkpoint-c3.xml) are not in ../shared");

    @Test
    void everyVirshtestdataCaseIsRunOrSaidNotToApply() throws IOException {
        List<String> run = virshtestdata().map(a -> (String) a.get()[0]).toList();
        List<String> unaccounted = new ArrayList<>();
        try (Stream<Path> files = Files.list(Shared.dir().resolve(VIRSHTESTDATA))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.(in|out)$", "");
                if (!run.contains(name) && NOT_APPLICABLE.keySet().stream().noneMatch(name::matches)) {
                    unaccounted.add(f.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), unaccounted, "virshtestdata files neither run nor listed in NOT_APPLICABLE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("virshtestdata")
    void virshtestdataCaseGivesTheSameOutputAsLibvirtd(String name, String connection, List<String> args,
            boolean script) throws Exception {
        Path data = Shared.dir().resolve(VIRSHTESTDATA);
        assertTrue(Files.isRegularFile(data.resolve(name + ".out")), "missing " + data.resolve(name + ".out"));
        Path node = Shared.dir().resolve("conformance/libvirt-10.7.0/examples/xml/test/testnode.xml");
        Result expected = null;
        for (InteropServers.Endpoint server : List.of(servers.libvirtd, servers.jvirtd)) {
            List<String> cmd = new ArrayList<>(List.of("-c",
                    connection.equals("custom") ? server.unixUri(node) : server.unixUri()));
            for (String a : args) {
                cmd.add(a.replace("$WORK", work.toString()));
            }
            if (script) {
                cmd.add(Files.readString(data.resolve(name + ".in")));
            }
            Result r = virsh(cmd);
            r = new Result(mask(r.out(), server), mask(r.err(), server), r.exit());
            if (expected == null) {
                expected = r;
            } else {
                assertEquals(expected, r, "virsh " + String.join(" ", args) + (script ? " <" + name + ".in>" : ""));
            }
        }
    }
}
