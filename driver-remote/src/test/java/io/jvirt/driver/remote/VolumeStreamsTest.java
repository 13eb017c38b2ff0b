package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StorageVol;
import io.jvirt.api.Stream;
import io.jvirt.testsupport.Libvirtd;

/**
 * Streams in both directions through the remote driver, against a real libvirtd's storage driver
 * (a dir pool in a temporary directory on qemu:///system of the anchor's libvirtd): an upload of
 * more than one packet's worth, a download of part of it, and an abandoned download that leaves the
 * connection working.
 */
class VolumeStreamsTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));
    static final int SIZE = 600_000; // three packets of at most 262,120 bytes

    @Test
    void uploadThenDownloadThroughLibvirtd() throws Exception {
        Libvirtd l = Libvirtd.shared();
        Path target = Files.createTempDirectory("jvirt-vol-streams");
        String poolName = "jvirt-streams-" + ProcessHandle.current().pid();
        byte[] data = new byte[SIZE];
        new Random(42).nextBytes(data);
        try (Connect c = CLIENT.open("qemu+unix:///system?socket=" + l.socket())) {
            StoragePool pool = c.storagePoolCreateXML("<pool type='dir'><name>" + poolName + "</name><target><path>"
                    + target + "</path></target></pool>");
            try {
                StorageVol vol = pool.storageVolCreateXML("<volume><name>v.img</name><capacity>1048576</capacity>"
                        + "<target><format type='raw'/></target></volume>");
                try (Stream up = c.newStream()) {
                    vol.upload(up, 0, SIZE);
                    for (int off = 0; off < SIZE;) {
                        off += up.send(data, off, Math.min(100_000, SIZE - off));
                    }
                    up.finish();
                }
                assertArrayEquals(data, Arrays.copyOf(Files.readAllBytes(target.resolve("v.img")), SIZE),
                        "libvirtd wrote what was sent");

                try (Stream down = c.newStream()) {
                    vol.download(down, 1000, 500_000);
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    byte[] buf = new byte[65536];
                    for (int n; (n = down.recv(buf, 0, buf.length)) > 0;) {
                        got.write(buf, 0, n);
                    }
                    down.finish();
                    assertArrayEquals(Arrays.copyOfRange(data, 1000, 501_000), got.toByteArray());
                }

                Stream abandoned = c.newStream();
                vol.download(abandoned, 0, 0);
                byte[] few = new byte[10];
                assertTrue(abandoned.recv(few, 0, 10) > 0);
                abandoned.abort();
                assertEquals("v.img", pool.storageVolLookupByName("v.img").getName(), "the connection carries on");
                vol.delete();
            } finally {
                pool.destroy();
            }
        } finally {
            try (var files = Files.walk(target)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
