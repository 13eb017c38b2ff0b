package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The booted test guest of scripts/test-guest: its kernel, initrd and command line, and the domain type that boots it here. */
record TestGuest(String kernel, String initrd, String cmdline, String type) {
    static TestGuest build() throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("jvirt.repository", ".."));
        Map<String, String> m = new HashMap<>();
        for (String line : run(repo.resolve("scripts/test-guest/build.sh").toString()).split("\n")) {
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
        String accel = run(repo.resolve("scripts/test-guest/accel.sh").toString()).trim();
        return new TestGuest(m.get("kernel"), m.get("initrd"), m.get("cmdline"), accel.equals("kvm") ? "kvm" : "qemu");
    }

    /** The {@code <os>} element that boots the guest. */
    String os() {
        return "<os><type arch='x86_64' machine='pc'>hvm</type><kernel>" + kernel + "</kernel><initrd>" + initrd
                + "</initrd><cmdline>" + cmdline + "</cmdline></os>";
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed (it names what is missing above): " + out);
        }
        return out;
    }
}
