package io.jvirt.storage.tests;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.storage.dir.DirBackend;
import io.jvirt.storage.disk.DiskBackend;
import io.jvirt.storage.fs.FsBackend;
import io.jvirt.storage.logical.LogicalBackend;
import io.jvirt.storage.netfs.NetfsBackend;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.Virsh;

/**
 * The storage scripts over real block devices, run with real virsh against libvirtd 9.0 (the anchor
 * daemon has the fs, netfs, logical and disk backends) and against jvirtd, each side with its own
 * loop devices: fs pools (mkfs with the overwrite rules, mount, volumes on the mounted file system,
 * unmount), logical pools (pvcreate, vgcreate, vgchange, lvs/vgs; lvcreate fails the same way on both,
 * this kernel having no device-mapper), netfs pools (the mount fails the same way: no NFS here).
 */
class VirshBlockInteropTest {
    private static Libvirtd libvirtd;
    private static StorageFixture fx;
    private static Path base;

    @BeforeAll
    static void start() throws Exception {
        Virsh.require();
        base = StorageFixture.tempDir("jvsb");
        libvirtd = Libvirtd.start();
        fx = StorageFixture.create(new DirBackend(), new FsBackend(), new NetfsBackend(), new LogicalBackend(),
                new DiskBackend());
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

    /**
     * virsh pool-capabilities and capabilities of storage:///system: the same documents, but for the
     * pool types whose backends libvirtd has and jvirt does not (iscsi, scsi, mpath), which jvirt
     * reports unsupported and leaves out of the type list.
     */
    @Test
    void capabilities() throws Exception {
        String uri = fx.serve();
        String ref = Virsh.run(libvirtd.uri("storage", "system"), "pool-capabilities").out();
        String ours = Virsh.run(uri, "pool-capabilities").out();
        for (String t : java.util.List.of("iscsi", "scsi", "mpath")) {
            ref = ref.replace("<pool type='" + t + "' supported='yes'>", "<pool type='" + t + "' supported='no'>");
        }
        org.junit.jupiter.api.Assertions.assertEquals(ref, ours);
        String refCaps = Virsh.run(libvirtd.uri("storage", "system"), "capabilities").out();
        for (String t : java.util.List.of("iscsi", "scsi", "mpath")) {
            refCaps = refCaps.replace("      <value>" + t + "</value>\n", "");
        }
        org.junit.jupiter.api.Assertions.assertEquals(refCaps, Virsh.run(uri, "capabilities").out());
    }

    @Test
    void fsPools() throws Exception {
        Interop.compare("virsh-fs.txt", libvirtd, fx, base.resolve("fs"), 2, 64L << 20);
    }

    @Test
    void logicalPools() throws Exception {
        Interop.compare("virsh-logical.txt", libvirtd, fx, base.resolve("logical"), 2, 64L << 20);
    }

    @Test
    void diskPools() throws Exception {
        Interop.compare("virsh-disk.txt", libvirtd, fx, base.resolve("disk"), 2, 64L << 20);
    }

    @Test
    void netfsPools() throws Exception {
        Interop.compare("virsh-netfs.txt", libvirtd, fx, base.resolve("netfs"), 0, 0);
    }
}
