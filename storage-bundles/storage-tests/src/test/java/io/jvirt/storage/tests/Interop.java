package io.jvirt.storage.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.testsupport.Libvirtd;

/**
 * Runs one virsh storage script against libvirtd 9.0 and against jvirtd, each with its own directory
 * and its own loop devices (words {@code $BASE}, {@code $DEV1}, ... and {@code $VG} in the script),
 * and asserts that the transcripts are equal.
 */
final class Interop {
    private Interop() {
    }

    static void compare(String script, Libvirtd libvirtd, StorageFixture fx, Path base, int devices, long deviceSize)
            throws Exception {
        List<String> lines = StorageScript.lines(script);
        String name = script.replace(".txt", "");
        String pid = Files.readString(libvirtd.dir.resolve("run/libvirtd.pid")).trim();
        String reference;
        String ours;
        try (LoopDevices loops = new LoopDevices()) {
            reference = StorageScript.run(lines, new StorageScript.Side(libvirtd.uri("storage", "system"),
                    words(base.resolve("lv"), loops, devices, deviceSize, "lv"),
                    List.of("nsenter", "-t", pid, "-m", "--")));
            ours = StorageScript.run(lines, new StorageScript.Side(fx.serve(),
                    words(base.resolve("jv"), loops, devices, deviceSize, "jv"), List.of()));
        }
        StorageScript.write(Path.of("target/" + name + ".libvirtd.txt"), reference);
        StorageScript.write(Path.of("target/" + name + ".jvirtd.txt"), ours);
        if (!reference.equals(ours)) {
            assertEquals(reference, ours, StorageScript.diff(reference, ours));
        }
    }

    private static Map<String, String> words(Path base, LoopDevices loops, int devices, long size, String side)
            throws Exception {
        Files.createDirectories(base);
        Map<String, String> w = new LinkedHashMap<>();
        w.put("$BASE", base.toString());
        for (int i = 1; i <= devices; i++) {
            String dev = loops.create(base.resolve("disk" + i + ".img"), size);
            w.put("$DEV" + i, dev);
            w.put("$NAME" + i, dev.substring(dev.lastIndexOf('/') + 1));
        }
        w.put("$VG", "jvst" + side + ProcessHandle.current().pid());
        return w;
    }
}
