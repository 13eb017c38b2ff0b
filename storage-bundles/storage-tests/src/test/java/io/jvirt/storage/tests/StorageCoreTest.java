package io.jvirt.storage.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StoragePoolEventCallback;
import io.jvirt.api.StorageVol;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.storage.backend.PoolContext;
import io.jvirt.storage.core.StorageConnectDriver;
import io.jvirt.storage.dir.DirBackend;

/**
 * The storage core without a real daemon: backends that are absent, arrive later or go and come back
 * (a bundle update), state found again by a new driver instance (a core bundle update or platform
 * restart), autostart once per host boot, pool events, and the volumes libvirt refuses while its own
 * jobs use them.
 */
class StorageCoreTest {
    private Path root;
    private final List<Connect> open = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        root = StorageFixture.tempDir("jvsc");
    }

    @AfterEach
    void tearDown() throws Exception {
        open.forEach(Connect::close);
        new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
    }

    private Connect connect(StorageConnectDriver driver) {
        Connect c = new InProcessVirt("storage:///system").add(driver, "storage", "storage", "storage")
                .open("storage:///system");
        open.add(c);
        return c;
    }

    private StorageConnectDriver driver(String boot) {
        StorageConnectDriver d = new StorageConnectDriver(root.resolve("system"), root.resolve("session"), 1500,
                () -> boot);
        d.initialize();
        return d;
    }

    private static void add(StorageConnectDriver d, io.jvirt.storage.backend.StorageBackend b, String type, long id) {
        d.addBackend(b, java.util.Map.of(io.jvirt.storage.backend.StorageBackend.POOL_TYPE, type,
                org.osgi.framework.Constants.SERVICE_ID, id));
    }

    private String dirPool(String name) {
        return "<pool type='dir'><name>" + name + "</name><target><path>" + root.resolve(name) + "</path></target></pool>";
    }

    @Test
    void missingBackendIsLibvirtsErrorAndALaterOneServes() {
        StorageConnectDriver d = driver("b1");
        Connect c = connect(d);
        VirtException e = assertThrows(VirtException.class, () -> c.storagePoolDefineXML(dirPool("p")));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertEquals("internal error: missing backend for pool type 0 (dir)", e.getMessage());
        assertTrue(c.getStoragePoolCapabilities().contains("<pool type='dir' supported='no'>"));
        add(d, new DirBackend(), "dir", 1);
        assertTrue(c.getStoragePoolCapabilities().contains("<pool type='dir' supported='yes'>"));
        StoragePool p = c.storagePoolDefineXML(dirPool("p"));
        p.build();
        p.create();
        assertTrue(p.isActive());
    }

    @Test
    void aNewInstanceFindsActivePoolsAndWaitsForTheirBackend() throws Exception {
        StorageConnectDriver first = driver("b1");
        add(first, new DirBackend(), "dir", 1);
        Connect c1 = connect(first);
        StoragePool p = c1.storagePoolDefineXML(dirPool("p"));
        p.build();
        p.create();
        p.storageVolCreateXML("<volume><name>v</name><capacity>1048576</capacity></volume>");

        // the core bundle is updated: a new instance, no backend yet (the dir bundle starts after it)
        StorageConnectDriver second = driver("b1");
        Connect c2 = connect(second);
        StoragePool p2 = c2.storagePoolLookupByName("p");
        assertTrue(p2.isActive(), "active according to its status file");
        VirtException e = assertThrows(VirtException.class, p2::getInfo);
        assertEquals("internal error: missing backend for pool type 0 (dir)", e.getMessage());
        add(second, new DirBackend(), "dir", 2);
        assertTrue(p2.isActive());
        assertEquals(1, p2.numOfVolumes(), "checked and refreshed once its backend came");
        assertEquals(1048576, p2.storageVolLookupByName("v").getInfo().capacity());
    }

    @Test
    void aBackendUpdateIsAPauseNotAStop() throws Exception {
        StorageConnectDriver d = driver("b1");
        DirBackend old = new DirBackend();
        add(d, old, "dir", 1);
        Connect c = connect(d);
        StoragePool p = c.storagePoolDefineXML(dirPool("p"));
        p.build();
        p.create();
        d.removeBackend(old);
        assertTrue(p.isActive(), "the pool outlives its backend");
        CompletableFuture<Integer> during = CompletableFuture.supplyAsync(() -> {
            p.refresh();
            return p.numOfVolumes();
        });
        Thread.sleep(300);
        assertFalse(during.isDone(), "a call needing the backend waits for its successor");
        add(d, new DirBackend(), "dir", 2);
        assertEquals(0, during.get(10, TimeUnit.SECONDS));
        d.removeBackend(old);
    }

    @Test
    void autostartOncePerHostBoot() {
        StorageConnectDriver d = driver("b1");
        add(d, new DirBackend(), "dir", 1);
        Connect c = connect(d);
        StoragePool p = c.storagePoolDefineXML(dirPool("p"));
        p.build();
        p.setAutostart(true);
        assertFalse(p.isActive());

        StorageConnectDriver sameBoot = new StorageConnectDriver(root.resolve("system"), root.resolve("session"), 1500,
                () -> "b1");
        add(sameBoot, new DirBackend(), "dir", 2);
        sameBoot.initialize();
        assertFalse(connect(sameBoot).storagePoolLookupByName("p").isActive(), "this boot's autostart has run");

        StorageConnectDriver rebooted = new StorageConnectDriver(root.resolve("system"), root.resolve("session"), 1500,
                () -> "b2");
        add(rebooted, new DirBackend(), "dir", 3);
        rebooted.initialize();
        assertTrue(connect(rebooted).storagePoolLookupByName("p").isActive(), "started after a host boot");

        // a backend that arrives after the boot's autostart still starts the pools owed to it
        connect(rebooted).storagePoolLookupByName("p").destroy();
        StorageConnectDriver late = new StorageConnectDriver(root.resolve("system"), root.resolve("session"), 1500,
                () -> "b3");
        late.initialize();
        assertFalse(connect(late).storagePoolLookupByName("p").isActive());
        add(late, new DirBackend(), "dir", 4);
        assertTrue(connect(late).storagePoolLookupByName("p").isActive());
    }

    @Test
    void lifecycleAndRefreshEvents() {
        StorageConnectDriver d = driver("b1");
        add(d, new DirBackend(), "dir", 1);
        Connect c = connect(d);
        List<String> seen = new ArrayList<>();
        StoragePoolEventCallback cb = new StoragePoolEventCallback() {
            @Override
            public void onLifecycle(StoragePool pool, int event, int detail) {
                synchronized (seen) {
                    seen.add(pool.getName() + ":" + event);
                }
            }

            @Override
            public void onRefresh(StoragePool pool) {
                synchronized (seen) {
                    seen.add(pool.getName() + ":refresh");
                }
            }
        };
        int life = c.storagePoolEventRegisterAny(null, StoragePoolEventCallback.LIFECYCLE, cb);
        int refresh = c.storagePoolEventRegisterAny(null, StoragePoolEventCallback.REFRESH, cb);
        StoragePool p = c.storagePoolDefineXML(dirPool("p"));
        p.build();
        p.create();
        p.refresh();
        p.destroy();
        p.delete();
        p.undefine();
        c.storagePoolEventDeregisterAny(life);
        c.storagePoolEventDeregisterAny(refresh);
        // DEFINED 0, CREATED 4 (build), STARTED 2, refresh, STOPPED 3, DELETED 5, UNDEFINED 1
        assertEquals(List.of("p:0", "p:4", "p:2", "p:refresh", "p:3", "p:5", "p:1"), seen);
    }

    /** A dir backend whose volume builds wait until the test lets them go. */
    static final class SlowDir extends io.jvirt.storage.local.FileVolumesBackend {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);

        @Override
        public void buildPool(PoolContext pool, int flags) {
            io.jvirt.storage.local.LocalPools.build(pool.def());
        }

        @Override
        public void buildVolFrom(PoolContext pool, StorageVolDef vol, StorageVolDef input, int flags) {
            started.countDown();
            await();
            super.buildVolFrom(pool, vol, input, flags);
        }

        @Override
        public void buildVol(PoolContext pool, StorageVolDef vol, int flags) {
            started.countDown();
            await();
            super.buildVol(pool, vol, flags);
        }

        private void await() {
            try {
                go.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void theDriversOwnJobsHoldVolumesAsLibvirts() throws Exception {
        StorageConnectDriver d = driver("b1");
        SlowDir slow = new SlowDir();
        add(d, slow, "dir", 1);
        Connect c = connect(d);
        StoragePool p = c.storagePoolDefineXML(dirPool("p"));
        p.build();
        p.create();
        slow.go.countDown();
        StorageVol src = p.storageVolCreateXML("<volume><name>src</name><capacity>1048576</capacity></volume>");
        SlowDir slow2 = new SlowDir();
        d.removeBackend(slow);
        add(d, slow2, "dir", 2);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread clone = new Thread(() -> {
            try {
                p.storageVolCreateXMLFrom("<volume><name>copy</name><capacity>1048576</capacity></volume>", src);
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        clone.start();
        assertTrue(slow2.started.await(10, TimeUnit.SECONDS));
        VirtException inUse = assertThrows(VirtException.class, () -> src.delete());
        assertEquals(ErrorCode.OPERATION_INVALID, inUse.code());
        assertEquals("Requested operation is not valid: volume 'src' is still in use.", inUse.getMessage());
        StorageVol copy = p.storageVolLookupByName("copy");
        VirtException building = assertThrows(VirtException.class, copy::wipe);
        assertEquals("Requested operation is not valid: volume 'copy' is still being allocated.", building.getMessage());
        VirtException busy = assertThrows(VirtException.class, p::destroy);
        assertEquals("internal error: pool 'p' has asynchronous jobs running.", busy.getMessage());
        slow2.go.countDown();
        clone.join(10_000);
        assertEquals(null, failed.get());
        copy.delete();
        src.delete();
        p.destroy();
        assertTrue(Files.isDirectory(root.resolve("p")));
    }
}
