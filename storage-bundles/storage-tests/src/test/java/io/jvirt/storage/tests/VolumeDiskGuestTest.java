package io.jvirt.storage.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StoragePoolBuildFlag;
import io.jvirt.api.VirtException;
import io.jvirt.driver.qemu.QemuDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.storage.core.StorageConnectDriver;
import io.jvirt.storage.dir.DirBackend;
import io.jvirt.storage.fs.FsBackend;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.TestGuest;
import io.jvirt.testsupport.Virsh;

/**
 * A booted TCG (or KVM) test guest whose disk is {@code <disk type='volume'>}: a qcow2 volume of an fs
 * pool on a loop device, resolved by the QEMU driver through the storage API of its connection. The
 * guest writes to the volume; meanwhile the fs backend is replaced (a bundle update) and nothing is
 * unmounted; the marker is in the image afterwards. Libvirt's errors for a volume disk whose pool is
 * inactive, whose volume or pool does not exist, at start and at attach; a definition is not checked.
 * Volumes a running guest uses are wiped and deleted as libvirtd 9.0 does them (measured beside it).
 */
class VolumeDiskGuestTest {
    private Path root;
    private LoopDevices loops;
    private StorageConnectDriver storage;
    private QemuDriver qemu;
    private Connect conn;
    private FsBackend fs;

    @BeforeEach
    void setUp() throws Exception {
        root = StorageFixture.tempDir("jvsg");
        loops = new LoopDevices();
        storage = new StorageConnectDriver(root.resolve("storage"), root.resolve("storage-session"), 5000, () -> "b");
        storage.addBackend(new DirBackend(), Map.of("jvirt.storage.pool.type", "dir", "service.id", 1L));
        fs = new FsBackend();
        storage.addBackend(fs, Map.of("jvirt.storage.pool.type", "fs", "service.id", 2L));
        storage.initialize();
        qemu = new QemuDriver(root.resolve("qemu"), root.resolve("qemu-session"), Path.of("/usr/bin/qemu-system-x86_64"));
        qemu.initialize();
        InProcessVirt virt = new InProcessVirt("qemu:///system").add(qemu, "qemu", "qemu")
                .add(storage, "storage", "storage", "storage");
        conn = virt.open("qemu:///system");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (conn != null) {
            for (Domain d : conn.listAllDomains()) {
                if (d.isActive()) {
                    d.destroy();
                }
            }
            for (StoragePool p : conn.listAllStoragePools()) {
                if (p.isActive()) {
                    p.destroy();
                }
            }
            conn.close();
        }
        qemu.deactivate();
        loops.close();
        new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
    }

    private String domain(TestGuest guest, String name, Path serial, String disk) {
        return "<domain type='" + guest.type() + "'><name>" + name + "</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>"
                + guest.os(" jvirt.disk=/dev/vda") + "<features><acpi/></features><devices>" + disk
                + "<serial type='file'><source path='" + serial + "'/></serial></devices></domain>";
    }

    private static String volumeDisk(String pool, String vol, String format) {
        return "<disk type='volume' device='disk'><driver name='qemu' type='" + format + "'/><source pool='" + pool
                + "' volume='" + vol + "'/><target dev='vda' bus='virtio'/></disk>";
    }

    private boolean mounted(Path target) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .anyMatch(l -> l.split(" ")[1].equals(target.toString()));
    }

    @Test
    void aGuestWritesToItsVolumeWhileTheFsBackendIsReplaced() throws Exception {
        TestGuest guest = TestGuest.build();
        System.out.println("VolumeDiskGuestTest boots its guest with " + guest.accelerator());
        String dev = loops.create(root.resolve("fs.img"), 128L << 20);
        Path mnt = root.resolve("mnt");
        StoragePool pool = conn.storagePoolDefineXML("<pool type='fs'><name>f</name><source><device path='" + dev
                + "'/><format type='ext4'/></source><target><path>" + mnt + "</path></target></pool>");
        pool.build(StoragePoolBuildFlag.OVERWRITE);
        pool.create();
        pool.storageVolCreateXML("<volume><name>g.qcow2</name><capacity unit='M'>32</capacity>"
                + "<target><format type='qcow2'/></target></volume>");
        Path serial = root.resolve("serial.log");
        Domain d = conn.domainDefineXML(domain(guest, "vg", serial, volumeDisk("f", "g.qcow2", "qcow2")));
        d.create();
        String live = d.getXMLDesc();
        assertTrue(live.contains("<source pool='f' volume='g.qcow2' index='1'/>"), live);

        // the fs backend bundle is updated meanwhile: its successor takes over, nothing is unmounted
        FsBackend successor = new FsBackend();
        storage.removeBackend(fs);
        assertTrue(mounted(mnt), "the pool's file system stays mounted without its backend");
        storage.addBackend(successor, Map.of("jvirt.storage.pool.type", "fs", "service.id", 3L));
        assertTrue(pool.isActive());
        TestGuest.awaitText(serial, "JVIRT-GUEST-WROTE /dev/vda", 1, Duration.ofSeconds(120));
        assertTrue(mounted(mnt));
        d.destroy();

        Path raw = root.resolve("check.raw");
        Process p = new ProcessBuilder("qemu-img", "convert", "-f", "qcow2", "-O", "raw", mnt.resolve("g.qcow2").toString(),
                raw.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        byte[] head = new byte[18];
        try (var in = Files.newInputStream(raw)) {
            assertEquals(18, in.read(head));
        }
        assertEquals("JVIRT-DISK-WRITTEN", new String(head), "the guest's write is in the volume");
    }

    @Test
    void libvirtsErrorsForVolumeDisks() throws Exception {
        Path dir = root.resolve("pool");
        StoragePool pool = conn.storagePoolDefineXML("<pool type='dir'><name>d</name><target><path>" + dir
                + "</path></target></pool>");
        pool.build();
        TestGuest guest = TestGuest.build();
        // libvirt 9.0 defines domains whose pool or volume does not exist
        Domain nopool = conn.domainDefineXML(domain(guest, "np", root.resolve("s1"), volumeDisk("nosuch", "v", "raw")));
        Domain novol = conn.domainDefineXML(domain(guest, "nv", root.resolve("s2"), volumeDisk("d", "v", "raw")));
        VirtException inactive = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class, novol::create);
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, inactive.code());
        assertEquals("unsupported configuration: storage pool 'd' containing volume 'v' is not active",
                inactive.getMessage());
        pool.create();
        VirtException noVolume = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class, novol::create);
        assertEquals(ErrorCode.NO_STORAGE_VOL, noVolume.code());
        assertEquals("Storage volume not found: no storage vol with matching name 'v'", noVolume.getMessage());
        VirtException noPool = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class, nopool::create);
        assertEquals(ErrorCode.NO_STORAGE_POOL, noPool.code());
        assertEquals("Storage pool not found: no storage pool with matching name 'nosuch'", noPool.getMessage());
        pool.storageVolCreateXML("<volume><name>v</name><capacity unit='M'>8</capacity></volume>");
        novol.create();
        assertTrue(novol.isActive());
        // hot-plug of a second volume disk that names no volume: libvirt's error, nothing attached
        VirtException attach = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class,
                () -> novol.attachDevice("<disk type='volume' device='disk'><source pool='d' volume='w'/>"
                        + "<target dev='vdb' bus='virtio'/></disk>"));
        assertEquals("Storage volume not found: no storage vol with matching name 'w'", attach.getMessage());
        pool.storageVolCreateXML("<volume><name>w</name><capacity unit='M'>8</capacity></volume>");
        novol.attachDevice("<disk type='volume' device='disk'><driver name='qemu' type='raw'/>"
                + "<source pool='d' volume='w'/><target dev='vdb' bus='virtio'/></disk>");
        assertTrue(novol.getXMLDesc().contains("volume='w'"));
        novol.destroy();
    }

    /**
     * A running guest's volumes, one a {@code <disk type='volume'>} and one a file disk in the pool:
     * libvirtd 9.0's storage driver knows nothing of guests, so vol-wipe and vol-delete of both succeed
     * while the guest runs (its only refusals are its own asynchronous jobs, see StorageCoreTest). The
     * same steps on libvirtd (real virsh, its QEMU driver) and on jvirt give the same outcomes.
     */
    @Test
    void volumesARunningGuestUsesAreWipedAndDeletedAsLibvirtd() throws Exception {
        TestGuest guest = TestGuest.build();
        Virsh.require();
        List<String> ours = new java.util.ArrayList<>();
        Path dir = Files.createDirectories(root.resolve("jv"));
        StoragePool pool = conn.storagePoolCreateXML("<pool type='dir'><name>u</name><target><path>" + dir
                + "</path></target></pool>");
        pool.storageVolCreateXML("<volume><name>v.qcow2</name><capacity unit='M'>16</capacity>"
                + "<target><format type='qcow2'/></target></volume>");
        pool.storageVolCreateXML("<volume><name>f.raw</name><capacity unit='M'>16</capacity></volume>");
        Domain d = conn.domainCreateXML(domain(guest, "ug", root.resolve("jv.log"), inUseDisks(dir)));
        for (String op : List.of("wipe", "delete")) {
            for (String vol : List.of("v.qcow2", "f.raw")) {
                try {
                    var v = pool.storageVolLookupByName(vol);
                    if (op.equals("wipe")) {
                        v.wipe();
                    } else {
                        v.delete();
                    }
                    ours.add(op + " " + vol + ": ok");
                } catch (VirtException e) {
                    ours.add(op + " " + vol + ": " + e.code() + " " + e.getMessage());
                }
            }
        }
        ours.add("guest active: " + d.isActive() + ", volumes left: " + pool.listAllVolumes().size());
        d.destroy();

        List<String> ref = new java.util.ArrayList<>();
        try (Libvirtd lv = Libvirtd.start()) {
            String uri = lv.uri("qemu", "system");
            Path ldir = root.resolve("lv");
            Files.createDirectories(ldir);
            virsh(uri, "pool-create-as", "u", "dir", "--target", ldir.toString());
            virsh(uri, "vol-create-as", "u", "v.qcow2", "16M", "--format", "qcow2");
            virsh(uri, "vol-create-as", "u", "f.raw", "16M");
            Path xml = root.resolve("lv.xml");
            Files.writeString(xml, domain(guest, "ug", root.resolve("lv.log"), inUseDisks(ldir)));
            virsh(uri, "create", xml.toString());
            for (String op : List.of("wipe", "delete")) {
                for (String vol : List.of("v.qcow2", "f.raw")) {
                    Virsh.Result r = Virsh.run(uri, "vol-" + op, "--pool", "u", vol);
                    ref.add(op + " " + vol + ": " + (r.exit() == 0 ? "ok" : r.err().strip()));
                }
            }
            boolean running = Virsh.run(uri, "domstate", "ug").out().strip().equals("running");
            int left = (int) Virsh.run(uri, "vol-list", "u", "--name").out().lines().filter(l -> !l.isBlank()).count();
            ref.add("guest active: " + running + ", volumes left: " + left);
            virsh(uri, "destroy", "ug");
        }
        assertEquals(ref, ours);
        assertEquals("guest active: true, volumes left: 0", ours.get(ours.size() - 1));
    }

    private static String inUseDisks(Path dir) {
        return volumeDisk("u", "v.qcow2", "qcow2")
                + "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + dir.resolve("f.raw")
                + "'/><target dev='vdb' bus='virtio'/></disk>";
    }

    private static void virsh(String uri, String... args) throws Exception {
        Virsh.Result r = Virsh.run(uri, args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
    }
}
