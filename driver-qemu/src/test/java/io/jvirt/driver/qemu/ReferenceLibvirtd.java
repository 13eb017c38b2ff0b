package io.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jvirt.testsupport.Shared;

/**
 * A real libvirtd 9.0 (Debian's) with its QEMU driver, private to one test class: started by
 * {@code ../shared/anchor/libvirtd-up} in a temporary directory, stopped by {@code libvirtd-down}
 * (which destroys its guests first). Fails clearly when the kit or the daemon is missing.
 */
final class ReferenceLibvirtd implements AutoCloseable {
    final Path dir;

    private ReferenceLibvirtd(Path dir) {
        this.dir = dir;
    }

    static ReferenceLibvirtd start() throws IOException, InterruptedException {
        Path up = Shared.anchor().resolve("libvirtd-up");
        if (!Files.isExecutable(up)) {
            throw new IllegalStateException("the reference daemon kit is missing: " + up
                    + " (set -Djvirt.anchor=DIR to the shared anchor directory)");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/libvirtd"))) {
            throw new IllegalStateException("libvirtd is missing: install Debian's libvirt-daemon and "
                    + "libvirt-daemon-driver-qemu (scripts/ensure-deps.sh does)");
        }
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jq-anchor");
        Process p = new ProcessBuilder(List.of(up.toString(), dir.toString(), "--tcp-port", "0"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("libvirtd-up failed:\n" + out);
        }
        return new ReferenceLibvirtd(dir);
    }

    String qemuUri() {
        return "qemu+unix:///system?socket=" + dir.resolve("run/libvirt-sock");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Shared.anchor().resolve("libvirtd-down").toString(), dir.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(60, TimeUnit.SECONDS);
    }
}
