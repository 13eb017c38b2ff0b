package io.jvirt.conf.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real virsh (libvirt 9.0's client) and returns what it prints. */
final class Virsh {
    static final Path VIRSH = Path.of("/usr/bin/virsh");

    private Virsh() {
    }

    static void requireVirsh() {
        if (!Files.isExecutable(VIRSH)) {
            fail(VIRSH + " is missing: install libvirt-clients (apt-get install -y libvirt-clients)");
        }
    }

    /** stdout of {@code virsh -c uri args...}; fails on a non-zero exit. */
    static String run(String uri, String... args) {
        requireVirsh();
        List<String> cmd = new ArrayList<>(List.of(VIRSH.toString(), "-c", uri));
        cmd.addAll(List.of(args));
        return exec(cmd, 60);
    }

    static String exec(List<String> cmd, int timeoutSeconds) {
        try {
            Path err = Files.createTempFile("virsh", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
                }
                assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + " failed: " + read(err));
                return new String(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    /**
     * The document as libvirt returned it: virsh 9.0 prints a capabilities or domain capabilities
     * document followed by a newline, and (without {@code -q}) one more newline after the command; the
     * document's own text ends with one newline (as virConnectGetCapabilities returns it through the
     * Python binding).
     */
    static String document(String printed) {
        assertTrue(printed.endsWith(">\n\n\n"), "virsh output does not end with the document and two newlines");
        return printed.substring(0, printed.length() - 2);
    }
}
