package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.distribution.faulty.FaultyWorker;

/**
 * A throwable that no code catches, in a thread the platform did not make (a buggy bundle's
 * worker, dropped into deploy/ of a running bin/jvirt), lands in data/log/jvirt.log and on stderr;
 * an exception leaves the platform running, an OutOfMemoryError from a really full heap ends it
 * with status 3 after it was logged.
 */
class UncaughtErrorsIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration LOGGED = Duration.ofSeconds(20);
    private static final Duration STOP = Duration.ofSeconds(30);

    private static Path dist;

    @BeforeAll
    static void findDistribution() {
        String prop = System.getProperty("jvirt.dist");
        if (prop == null) {
            fail("system property jvirt.dist (the built distribution directory) is not set: run through failsafe");
        }
        dist = Path.of(prop);
        if (!Files.isDirectory(dist)) {
            fail("no distribution at " + dist + ": run mvn -B verify (packaging builds it)");
        }
    }

    @Test
    void anUncaughtExceptionIsLoggedAndThePlatformGoesOn(@TempDir Path tmp) throws Exception {
        Path home = faultyPlatform(tmp, "exception");
        try (JvirtProcess p = start(home, tmp, Map.of())) {
            Files.createFile(tmp.resolve("trigger"));
            String entry = "[uncaught] thread \"" + FaultyWorker.THREAD + "\" died of an uncaught exception";
            String log = awaitLog(tmp, entry, p);
            String after = log.substring(log.indexOf(entry));
            assertTrue(after.contains("java.lang.IllegalStateException: poll state corrupted"), "no exception in the log:\n" + after);
            assertTrue(after.contains("at " + FaultyWorker.class.getName() + ".run("), "no stack trace in the log:\n" + after);
            assertTrue(p.stderrText().contains("Exception in thread \"" + FaultyWorker.THREAD
                    + "\" java.lang.IllegalStateException: poll state corrupted"), "not on stderr:\n" + p.transcript());

            assertTrue(p.alive(), "jvirt ended after an exception in a bundle's thread\n" + p.transcript());
            int status = p.terminate(STOP);
            assertTrue(status == 143 || status == 0, "exit status " + status + " after SIGTERM\n" + p.transcript());
            assertTrue(Files.readString(tmp.resolve("data/log/jvirt.log")).contains("jvirt stopped cleanly"),
                    "no clean stop after the exception");
        }
    }

    @Test
    void anOutOfMemoryErrorIsLoggedThenThePlatformExits(@TempDir Path tmp) throws Exception {
        Path home = faultyPlatform(tmp, "oom");
        // A small heap, so that filling it is quick and takes little of the machine.
        try (JvirtProcess p = start(home, tmp, Map.of("JAVA_OPTS", "-Xmx96m"))) {
            Files.createFile(tmp.resolve("trigger"));
            int status = p.awaitExit(Duration.ofSeconds(60));
            assertEquals(3, status, "exit status once the heap was full (-1: still running)\n" + p.transcript());
            String log = Files.readString(tmp.resolve("data/log/jvirt.log"));
            // The worker fills the heap, but any thread may be the one whose allocation fails.
            int at = log.indexOf("died of an OutOfMemoryError: jvirt exits now (status 3)");
            assertTrue(at >= 0, "the OutOfMemoryError is not in jvirt.log:\n" + tail(log));
            assertTrue(log.substring(at).contains("java.lang.OutOfMemoryError"), "no stack trace after the entry:\n" + tail(log));
            String err = p.stderrText();
            assertTrue(err.contains("java.lang.OutOfMemoryError") && err.contains("jvirt: exiting after an OutOfMemoryError (status 3)"),
                    "not on stderr:\n" + err);
        }
    }

    /** A copy of the distribution with the faulty bundle in deploy/, told how to fail. */
    private static Path faultyPlatform(Path tmp, String failure) throws IOException {
        Path home = tmp.resolve("jvirt");
        DistributionIT.copyTree(dist, home);
        writeFaultyBundle(home.resolve("deploy/faulty-worker.jar"));
        Files.writeString(home.resolve("etc/config.properties"), "\njvirt.itest.failure = " + failure
                + "\njvirt.itest.trigger = " + tmp.resolve("trigger") + "\n", StandardOpenOption.APPEND);
        return home;
    }

    private static JvirtProcess start(Path home, Path tmp, Map<String, String> env) throws Exception {
        JvirtProcess p = new JvirtProcess(home, tmp, env, "--data", tmp.resolve("data").toString(),
                "--unix-dir", tmp.resolve("run").toString(), "--no-tcp");
        p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
        return p;
    }

    private static void writeFaultyBundle(Path jar) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "io.jvirt.itest.faulty");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", FaultyWorker.class.getName());
        a.putValue("Import-Package", "org.osgi.framework");
        String entry = FaultyWorker.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf);
                InputStream cls = UncaughtErrorsIT.class.getClassLoader().getResourceAsStream(entry)) {
            if (cls == null) {
                fail("no " + entry + " on the test classpath");
            }
            j.putNextEntry(new JarEntry(entry));
            cls.transferTo(j);
            j.closeEntry();
        }
    }

    private static String awaitLog(Path tmp, String needle, JvirtProcess p) throws Exception {
        Path file = tmp.resolve("data/log/jvirt.log");
        long deadline = System.nanoTime() + LOGGED.toNanos();
        String log = "";
        while (System.nanoTime() < deadline) {
            log = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (log.contains(needle)) {
                return log;
            }
            Thread.sleep(100);
        }
        fail("jvirt.log has no '" + needle + "' after " + LOGGED.toSeconds() + " s:\n" + tail(log) + "\n" + p.transcript());
        return log;
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }
}
