package io.jvirt.storage.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loop devices a test makes over image files in its own directory and removes again ({@code losetup}):
 * real block devices for fs, logical and disk pools. Fails saying what is missing when the kernel or
 * the tools cannot give one.
 */
final class LoopDevices implements AutoCloseable {
    private final List<String> devices = new ArrayList<>();

    /** A new loop device over a new sparse image of {@code size} bytes at {@code image}. */
    String create(Path image, long size) throws IOException, InterruptedException {
        Files.createDirectories(image.getParent());
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(size);
        }
        Process p = new ProcessBuilder("losetup", "-f", "--show", image.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("/dev/loop")) {
            throw new IllegalStateException("cannot make a loop device (losetup -f --show " + image + "): " + out);
        }
        devices.add(out);
        return out;
    }

    static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (String d : devices) {
            // whatever a test left on it: partitions' mounts, a volume group
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f[0].startsWith(d)) {
                    run("umount", "-l", f[1]);
                }
            }
            run("losetup", "-d", d);
        }
        devices.clear();
    }
}
