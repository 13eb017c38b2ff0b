package io.jvirt.storage.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.storage.dir.DirBackend;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.Virsh;

/**
 * {@code virsh-dir.txt}, a storage script over dir pools (build, start, info, refresh, volumes of every
 * format, clone, resize, wipe, upload and download, sparse too, delete, destroy, errors), run with real
 * virsh against libvirtd 9.0 and against jvirtd serving jvirt's storage driver, each in its own
 * directory: the transcripts are equal once the directories, UUIDs and file times are masked.
 */
class VirshDirInteropTest {
    private static Libvirtd libvirtd;
    private static StorageFixture fx;
    private static Path base;

    @BeforeAll
    static void start() throws Exception {
        Virsh.require();
        base = StorageFixture.tempDir("jvsd");
        libvirtd = Libvirtd.start();
        fx = StorageFixture.create(new DirBackend());
    }

    @AfterAll
    static void stop() throws Exception {
        if (libvirtd != null) {
            libvirtd.close();
        }
        if (fx != null) {
            fx.close();
        }
        new ProcessBuilder("rm", "-rf", base.toString()).start().waitFor();
    }

    @Test
    void sameTranscript() throws Exception {
        List<String> script = StorageScript.lines("virsh-dir.txt");
        Path lv = Files.createDirectories(base.resolve("lv"));
        Path jv = Files.createDirectories(base.resolve("jv"));
        String pid = Files.readString(libvirtd.dir.resolve("run/libvirtd.pid")).trim();
        String reference = StorageScript.run(script, new StorageScript.Side(libvirtd.uri("storage", "system"),
                Map.of("$BASE", lv.toString()), List.of("nsenter", "-t", pid, "-m", "--")));
        String ours = StorageScript.run(script, new StorageScript.Side(fx.serve(), Map.of("$BASE", jv.toString()),
                List.of()));
        StorageScript.write(Path.of("target/virsh-dir.libvirtd.txt"), reference);
        StorageScript.write(Path.of("target/virsh-dir.jvirtd.txt"), ours);
        if (!reference.equals(ours)) {
            assertEquals(reference, ours, StorageScript.diff(reference, ours));
        }
    }
}
