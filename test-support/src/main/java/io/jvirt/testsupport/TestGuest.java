package io.jvirt.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The booted test guest of {@code scripts/test-guest} (Debian's kernel and a busybox initramfs that
 * prints {@code JVIRT-GUEST-UP} on ttyS0): its kernel, initrd and command line as {@code build.sh}
 * prints them (building the guest when needed), and the domain type that boots it here
 * ({@code accel.sh}: {@code kvm}, or {@code qemu} for TCG).
 */
public record TestGuest(String kernel, String initrd, String cmdline, String type) {

    /** Builds (or finds) the guest; fails, naming what is missing, when build.sh cannot. */
    public static TestGuest build() throws IOException, InterruptedException {
        Path scripts = repository().resolve("scripts/test-guest");
        Map<String, String> m = new HashMap<>();
        // two lines: "kernel=... initrd=..." and "cmdline=..." (which has blanks)
        for (String line : run(scripts.resolve("build.sh").toString()).split("\n")) {
            if (line.startsWith("cmdline=")) {
                m.put("cmdline", line.substring("cmdline=".length()));
                continue;
            }
            for (String kv : line.trim().split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        if (!m.containsKey("kernel") || !m.containsKey("initrd") || !m.containsKey("cmdline")) {
            throw new AssertionError("scripts/test-guest/build.sh did not name kernel, initrd and cmdline: " + m);
        }
        String accel = run(scripts.resolve("accel.sh").toString()).trim();
        return new TestGuest(m.get("kernel"), m.get("initrd"), m.get("cmdline"), accel.equals("kvm") ? "kvm" : "qemu");
    }

    /** "KVM" or "TCG", for the line each test prints about what ran. */
    public String accelerator() {
        return type.equals("kvm") ? "KVM" : "TCG";
    }

    /** The {@code <os>} element that boots the guest on machine {@code pc}. */
    public String os() {
        return os("");
    }

    /** The same with {@code extra} appended to the kernel command line (e.g. {@code " jvirt.panic=1"}). */
    public String os(String extra) {
        return "<os><type arch='x86_64' machine='pc'>hvm</type><kernel>" + kernel + "</kernel><initrd>" + initrd
                + "</initrd><cmdline>" + cmdline + extra + "</cmdline></os>";
    }

    /**
     * Waits, bounded, until {@code file} (a serial console log, a listener's output) holds
     * {@code text} at least {@code times} times; fails with what the file held.
     */
    public static void awaitText(Path file, String text, int times, Duration timeout) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String content = "";
        while (System.nanoTime() < deadline) {
            content = Files.exists(file) ? Files.readString(file) : "";
            if (content.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " did not show " + text + " " + times + " time(s) within "
                + timeout.toSeconds() + " s:\n" + content);
    }

    /** The checkout: {@code jvirt.repository}, else the nearest directory up that has scripts/test-guest. */
    private static Path repository() {
        String prop = System.getProperty("jvirt.repository");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("scripts/test-guest/build.sh"))) {
                return d;
            }
        }
        throw new AssertionError("no scripts/test-guest/build.sh above " + Path.of("").toAbsolutePath()
                + " (set -Djvirt.repository)");
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (it names what is missing above): " + out);
        }
        return out;
    }
}
