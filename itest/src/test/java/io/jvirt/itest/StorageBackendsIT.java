package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.StoragePool;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;

/**
 * The storage driver and its backend bundles in Felix, on a real fs pool (a loop device with ext4,
 * mounted on the pool's target): {@code Bundle.update()} and {@code stop()} of the fs backend bundle
 * unmount nothing and deactivate nothing, a call made while the backend is stopped waits for it,
 * a pool type whose backend bundle is absent fails with libvirt's error until the bundle is installed,
 * and an update of the core bundle finds its pools active and mounted as they were.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageBackendsIT {
    @Inject
    BundleContext context;

    private Path root;
    private String loop;

    @Configuration
    public Option[] config() {
        return options(Platform.platform(), bundle(Platform.url("conf.jar")), bundle(Platform.url("jna.jar")),
                bundle(Platform.url("storage-core.jar")), bundle(Platform.url("storage-backend-dir.jar")),
                bundle(Platform.url("storage-backend-fs.jar")));
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private Bundle installed(String bsn) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(bsn)) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn);
    }

    private boolean mounted(Path target) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().anyMatch(l -> l.split(" ")[1].equals(target.toString()));
    }

    @Test
    public void backendBundlesComeAndGoUnderActivePools() throws Exception {
        root = Files.createTempDirectory(Path.of("/tmp"), "jvsit");
        Path img = root.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        loop = run("losetup", "-f", "--show", img.toString()).trim();
        assertTrue("a loop device: " + loop, loop.startsWith("/dev/loop"));
        Virt virt = Osgi.service(context, Virt.class);
        String uri = "storage:///embed?root=" + root;
        Connect c = virt.open(uri);
        Path target = root.resolve("mnt");
        StoragePool p = c.storagePoolDefineXML("<pool type='fs'><name>f</name><source><device path='" + loop
                + "'/><format type='ext4'/></source><target><path>" + target + "</path></target></pool>");
        p.build(io.jvirt.api.StoragePoolBuildFlag.OVERWRITE);
        p.create();
        assertTrue(mounted(target));
        p.storageVolCreateXML("<volume><name>a</name><capacity unit='M'>4</capacity></volume>");

        Bundle fs = installed("io.jvirt.storage.backend.fs");
        fs.update();
        assertTrue("updating the fs backend unmounted the pool", mounted(target));
        assertTrue(p.isActive());
        p.storageVolCreateXML("<volume><name>b</name><capacity unit='M'>4</capacity></volume>");
        assertEquals(3, p.numOfVolumes()); // a, b and lost+found

        fs.stop();
        assertTrue("stopping the fs backend unmounted the pool", mounted(target));
        assertTrue(p.isActive());
        Thread starter = new Thread(() -> {
            try {
                Thread.sleep(500);
                fs.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        starter.start();
        p.refresh(); // waits for the successor
        starter.join();
        assertEquals(3, p.numOfVolumes());

        // a type whose backend bundle is not installed
        VirtException missing = null;
        try {
            c.storagePoolDefineXML("<pool type='logical'><name>vg</name><source><device path='/dev/nosuch'/></source>"
                    + "<target><path>/dev/vg</path></target></pool>");
        } catch (VirtException e) {
            missing = e;
        }
        assertEquals(ErrorCode.INTERNAL_ERROR, missing.code());
        assertEquals("internal error: missing backend for pool type 3 (logical)", missing.getMessage());

        // the core itself is updated: the pool is found active and mounted, its volumes listed
        installed("io.jvirt.storage.core").update();
        Connect again = virt.open(uri);
        StoragePool p2 = again.storagePoolLookupByName("f");
        assertTrue(p2.isActive());
        assertTrue(mounted(target));
        assertEquals(3, p2.numOfVolumes());
        p2.destroy();
        assertTrue("destroy unmounts", !mounted(target));
        p2.undefine();
        again.close();
        c.close();
    }

    @After
    public void cleanUp() throws Exception {
        if (root != null) {
            run("umount", "-l", root.resolve("mnt").toString());
        }
        if (loop != null && loop.startsWith("/dev/loop")) {
            run("losetup", "-d", loop);
        }
        if (root != null) {
            run("rm", "-rf", root.toString());
        }
    }
}
