package io.jvirt.driver.qemu.stats;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.jvirt.driver.qemu.qmp.QmpClient;

/**
 * The sizes of a disk image that no QEMU has open, as libvirt reports them for an inactive domain:
 * capacity (the guest-visible size), allocation (bytes the host allocated) and physical (the file's
 * length). {@code qemu-img info} reads the image formats, so this code parses none of them.
 */
record ImageSizes(long capacity, long allocation, long physical) {
    private static final long TIMEOUT_S = 30;

    static Optional<ImageSizes> of(Path qemuImg, String path) {
        try {
            Process p = new ProcessBuilder(List.of(qemuImg.toString(), "info", "--output=json", "-U", path))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            JsonNode info = QmpClient.JSON.readTree(out);
            long capacity = info.path("virtual-size").asLong();
            long allocation = info.path("actual-size").asLong();
            return Optional.of(new ImageSizes(capacity, allocation, Files.size(Path.of(path))));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
