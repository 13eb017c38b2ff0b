package io.jvirt.storage.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.Stream;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StorageVol;
import io.jvirt.storage.logical.LogicalBackend;
import io.jvirt.storage.netfs.NetfsBackend;

/**
 * What needs a kernel feature this machine may lack: logical volumes (LVM makes them through
 * device-mapper) and NFS mounts. Each test says what it needs and is reported SKIPPED, naming the
 * missing feature, where the kernel has none of it; nothing here passes without having run.
 */
class KernelFeatureTest {
    private StorageFixture fx;
    private Connect conn;
    private LoopDevices loops;

    @BeforeEach
    void setUp() throws Exception {
        fx = StorageFixture.create(new LogicalBackend(), new NetfsBackend());
        conn = fx.open();
        loops = new LoopDevices();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (StoragePool p : conn.listAllStoragePools()) {
            if (p.isActive()) {
                p.destroy();
            }
            try {
                p.delete();
            } catch (RuntimeException ignored) {
                // a test that failed half-way
            }
        }
        conn.close();
        loops.close();
        fx.close();
    }

    static boolean deviceMapper() throws Exception {
        return Files.exists(Path.of("/dev/mapper/control")) && Files.readString(Path.of("/proc/misc")).contains("device-mapper");
    }

    static boolean nfs() throws Exception {
        return Files.readString(Path.of("/proc/filesystems")).contains("\tnfs\n");
    }

    @Test
    void logicalVolumesLiveThroughTheirLifecycle() throws Exception {
        assumeTrue(deviceMapper(), "device-mapper is not in this kernel (no /dev/mapper/control, no device-mapper "
                + "in /proc/misc): lvcreate cannot make logical volumes");
        String dev = loops.create(fx.root.resolve("pv.img"), 64L << 20);
        String vg = "jvkf" + ProcessHandle.current().pid();
        StoragePool p = conn.storagePoolDefineXML("<pool type='logical'><name>" + vg + "</name><source><device path='"
                + dev + "'/></source><target><path>/dev/" + vg + "</path></target></pool>");
        p.build();
        p.create();
        StorageVol lv = p.storageVolCreateXML("<volume><name>lv</name><capacity unit='M'>8</capacity></volume>");
        assertEquals(8L << 20, lv.getInfo().capacity());
        Path data = fx.root.resolve("data.bin");
        Files.write(data, new byte[4096]);
        try (Stream st = conn.newStream()) {
            lv.upload(st, 0, 0);
            byte[] b = Files.readAllBytes(data);
            st.send(b, 0, b.length);
            st.finish();
        }
        lv.wipe();
        lv.delete();
        assertEquals(0, p.numOfVolumes());
        p.destroy();
        p.delete();
        p.undefine();
        assertTrue(true);
    }

    @Test
    void netfsPoolsMountAnExport() throws Exception {
        assumeTrue(nfs(), "NFS is not in this kernel (/proc/filesystems has no nfs): a netfs pool cannot be mounted");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/exportfs")), "no NFS server here (nfs-kernel-server)");
        Path export = Files.createDirectories(fx.root.resolve("export"));
        StoragePool p = conn.storagePoolDefineXML("<pool type='netfs'><name>n</name><source><host name='localhost'/>"
                + "<dir path='" + export + "'/></source><target><path>" + fx.root.resolve("mnt") + "</path></target></pool>");
        p.build();
        p.create();
        assertTrue(p.isActive());
        p.destroy();
        p.undefine();
        assertEquals(Map.of(), Map.of());
    }
}
