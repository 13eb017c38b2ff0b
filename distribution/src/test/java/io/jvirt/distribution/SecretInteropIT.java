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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real virsh 9.0 and libvirt-python against libvirtd 9.0's secret driver and against jvirtd's
 * ({@code driver-secret}), both as {@code secret:///system}: the script {@code virsh-secrets.txt}
 * (define, list with every filter, dumpxml, set and get values, private and ephemeral secrets,
 * redefinitions, libvirt's errors for bad documents, undefine; the read-only socket; the same
 * secrets through {@code qemu:///system}) while {@code secret-event --loop} listeners print the
 * lifecycle and value-changed events, then {@code secret_scenarios.py}. stdout, stderr and exit
 * status must be the same; what is masked is said next to each mask.
 */
class SecretInteropIT {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String FIXED = "c0ffee00-";
    private static final String RESOURCES = "secrets/";
    private static final List<String> INPUTS = List.of("ceph.xml", "volume-private.xml", "iscsi-ephemeral.xml",
            "tls.xml", "vtpm-both.xml", "no-uuid.xml", "ceph-same-usage.xml", "ceph-other-usage.xml",
            "volume-public.xml", "ceph-redefined.xml", "bad-usage-type.xml", "bad-uuid.xml", "usage-without-name.xml",
            "usage-without-type.xml", "bad-private.xml", "wrong-root.xml", "empty.xml", "relative-volume.xml",
            "value.base64", "value.bin");
    /** The listeners: virsh's event command and the event each prints last (after the script's sentinel). */
    private static final Map<String, String> LISTENERS = new LinkedHashMap<>();
    static {
        LISTENERS.put("secret-event --event lifecycle", "for secret c0ffee00-0000-4000-8000-0000000000ee: Undefined");
        LISTENERS.put("secret-event --event value-changed", "for secret c0ffee00-0000-4000-8000-0000000000ee");
    }

    private static InteropServers servers;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        servers = InteropServers.get();
        work = Files.createDirectories(servers.tmp.resolve("secret-work"));
        for (String name : INPUTS) {
            try (InputStream in = SecretInteropIT.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    fail("test resource " + RESOURCES + name + " is missing");
                }
                Files.write(work.resolve(name), in.readAllBytes());
            }
        }
        Files.writeString(work.resolve("sentinel.xml"), "<secret ephemeral='yes'>"
                + "<uuid>c0ffee00-0000-4000-8000-0000000000ee</uuid></secret>");
    }

    record Result(String out, String err, int exit) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** One server's side: its URIs and its listeners. */
    static final class Side {
        final InteropServers.Endpoint server;
        final Map<String, Process> listeners = new LinkedHashMap<>();
        final Map<String, Path> outputs = new LinkedHashMap<>();

        Side(InteropServers.Endpoint server) {
            this.server = server;
        }

        String uri(String driver, String socket) {
            return driver + "+unix:///system?socket=" + server.runDir().resolve(socket);
        }

        /** A script line: {@code ro:} on the read-only socket, {@code qemu:} through qemu:///system. */
        Result run(String line) throws IOException, InterruptedException {
            String uri = uri("secret", "libvirt-sock");
            if (line.startsWith("ro: ")) {
                uri = uri("secret", "libvirt-sock-ro");
                line = line.substring(4);
            } else if (line.startsWith("qemu: ")) {
                uri = uri("qemu", "libvirt-sock");
                line = line.substring(6);
            }
            Result r = virsh(List.of("-c", uri, line.replace("$WORK", work.toString())));
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
                List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh", "-c", uri("secret", "libvirt-sock")));
                cmd.addAll(List.of(listener.split(" ")));
                cmd.add("--loop");
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
                pb.environment().put("LC_ALL", "C");
                listeners.put(listener, pb.start());
                outputs.put(listener, out);
            }
        }

        /** Defines, sets and undefines the sentinel until both listeners printed it (registration is asynchronous). */
        void awaitListeners() throws IOException, InterruptedException {
            for (int round = 0; round < 50; round++) {
                sentinel();
                boolean all = true;
                for (Path out : outputs.values()) {
                    all &= Files.readString(out).contains("0000000000ee");
                }
                if (all) {
                    return;
                }
                Thread.sleep(100);
            }
            fail(server.name() + ": the secret event listeners printed no warm-up event");
        }

        void sentinel() throws IOException, InterruptedException {
            run("secret-define $WORK/sentinel.xml");
            run("secret-set-value c0ffee00-0000-4000-8000-0000000000ee --base64 c2VudGluZWw=");
            run("secret-undefine c0ffee00-0000-4000-8000-0000000000ee");
        }

        /** Runs the sentinel once more and waits until each listener printed its last event, then interrupts it. */
        void stopListeners() throws IOException, InterruptedException {
            Map<String, Integer> before = new LinkedHashMap<>();
            for (String listener : listeners.keySet()) {
                before.put(listener, count(listener));
            }
            sentinel();
            for (String listener : listeners.keySet()) {
                for (int i = 0; i < 100 && count(listener) <= before.get(listener); i++) {
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

        private int count(String listener) throws IOException {
            String text = Files.readString(outputs.get(listener));
            String last = LISTENERS.get(listener);
            int n = 0;
            for (int i = text.indexOf(last); i >= 0; i = text.indexOf(last, i + 1)) {
                n++;
            }
            return n;
        }

        /** What a listener printed, without the sentinel's events (how many warm-up rounds it took is timing). */
        String events(String listener) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (String l : Files.readAllLines(outputs.get(listener))) {
                if (l.contains("0000000000ee")) {
                    continue;
                }
                sb.append(mask(l, server).replaceAll("^events received: \\d+$", "events received: N")).append('\n');
            }
            return sb.toString();
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

    /** What legitimately differs between the two servers; nothing else is masked. */
    static String mask(String s, InteropServers.Endpoint server) {
        // where each server's sockets and the test's inputs live: temporary directories
        s = s.replace(server.runDir().toString(), "$RUN").replace(work.toString(), "$WORK");
        // a UUID the server generated (the inputs' are all c0ffee00-...)
        Matcher m = UUID.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group().startsWith(FIXED) ? m.group() : "GENERATED-UUID-0000-0000-000000000000");
        }
        m.appendTail(sb);
        s = sb.toString();
        // virsh --timestamp and its log lines
        return s.replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+\\d{4}: ", "TIME: ");
    }

    /**
     * Known differences: libxml2's own words for a document that is not well-formed, and the details
     * of a schema validation failure (libxml2's validator against Jing), after libvirt's first line.
     */
    static String knownDifferences(String stderr) {
        stderr = stderr.replaceAll("(?s)(\\(definition_of_secret\\):\\d+: ).*", "$1(parser's text)\n");
        return stderr.replaceAll("(?s)(Unable to validate doc against [^\\n]*\\n).*", "$1(validator's text)\n");
    }

    static List<String> script() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = SecretInteropIT.class.getResourceAsStream("virsh-secrets.txt")) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = l.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    lines.add(t);
                }
            }
        }
        return lines;
    }

    @Test
    void virshScriptAndEventsAsOnLibvirtd() throws Exception {
        List<String> script = script();
        assertTrue(script.size() >= 70, "the script should have at least 70 commands: " + script.size());
        Side libvirtd = new Side(servers.libvirtd);
        Side jvirtd = new Side(servers.jvirtd);
        libvirtd.startListeners();
        jvirtd.startListeners();
        List<String> differences = new ArrayList<>();
        try {
            libvirtd.awaitListeners();
            jvirtd.awaitListeners();
            for (String line : script) {
                CompletableFuture<Result> reference = CompletableFuture.supplyAsync(() -> libvirtd.runUnchecked(line));
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
        for (String listener : LISTENERS.keySet()) {
            String expected = libvirtd.events(listener);
            String actual = jvirtd.events(listener);
            assertTrue(expected.lines().count() > 3, "libvirtd printed no events for " + listener + ":\n" + expected);
            if (!expected.equals(actual)) {
                differences.add("virsh " + listener + " --loop\n=== libvirtd:\n" + expected + "=== jvirtd:\n" + actual);
            }
        }
        assertEquals(List.of(), differences, differences.size() + " of " + script.size()
                + " commands or listeners differ");
    }

    @Test
    void pythonScenarioAsOnLibvirtd() throws Exception {
        Path script = work.resolve("secret_scenarios.py");
        try (InputStream in = SecretInteropIT.class.getResourceAsStream("secret_scenarios.py")) {
            Files.write(script, in.readAllBytes());
        }
        Map<String, String> transcripts = new LinkedHashMap<>();
        for (InteropServers.Endpoint server : List.of(servers.libvirtd, servers.jvirtd)) {
            Side side = new Side(server);
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), side.uri("secret", "libvirt-sock"),
                    side.uri("secret", "libvirt-sock-ro")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("secret_scenarios.py against " + server.name() + " did not finish");
            }
            transcripts.put(server.name(), mask(out, server) + "exit " + p.exitValue() + "\n");
        }
        String expected = transcripts.get("libvirtd");
        assertTrue(expected.contains("value-private ERR 65 30") && expected.endsWith("exit 0\n"),
                "libvirtd's transcript is not what the scenario expects:\n" + expected);
        assertEquals(expected, transcripts.get("jvirtd"));
    }
}
