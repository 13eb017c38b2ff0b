package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.Network;
import io.jvirt.api.NetworkLifecycle;
import io.jvirt.api.PoolInfo;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StoragePoolState;
import io.jvirt.api.StorageVol;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.Libvirtd;

/**
 * The remote driver's own network and storage drivers against real libvirtd's test:///default
 * (jvirt's vendor driver has neither): lookups, XML, lifecycle, network events, volumes.
 */
class LibvirtdSecondaryDriversTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));

    @Test
    void networksThroughTheRemoteNetworkDriverWithLifecycleEvents() throws Exception {
        Libvirtd l = Libvirtd.shared();
        try (Connect c = CLIENT.open(l.uri("test", "default"))) {
            List<String> names = c.listAllNetworks().stream().map(Network::getName).toList();
            assertTrue(names.contains("default"), names.toString());
            Network net = c.networkLookupByName("default");
            assertEquals(net.getUUID(), c.networkLookupByUUID(net.getUUID()).getUUID());
            assertTrue(net.isActive());
            assertTrue(net.getXMLDesc().contains("<name>default</name>"));
            assertNotNull(net.getBridgeName());
            LinkedBlockingQueue<NetworkLifecycle> events = new LinkedBlockingQueue<>();
            int id = c.networkEventRegisterAny(null, (n, type, detail) -> {
                if (n.getName().equals("default")) {
                    events.add(type);
                }
            });
            try {
                net.destroy();
                assertFalse(c.networkLookupByName("default").isActive());
                c.networkLookupByName("default").create();
                assertEquals(NetworkLifecycle.STOPPED, events.poll(10, TimeUnit.SECONDS));
                assertEquals(NetworkLifecycle.STARTED, events.poll(10, TimeUnit.SECONDS));
            } finally {
                c.networkEventDeregisterAny(id);
            }
            VirtException e = assertThrows(VirtException.class, () -> c.networkLookupByName("no-such-net"));
            assertEquals(ErrorCode.NO_NETWORK, e.code());
        }
    }

    @Test
    void storagePoolsAndVolumesThroughTheRemoteStorageDriver() throws Exception {
        Libvirtd l = Libvirtd.shared();
        try (Connect c = CLIENT.open(l.tcpUri("test", "default"))) {
            List<StoragePool> pools = c.listAllStoragePools();
            assertTrue(pools.stream().anyMatch(p -> p.getName().equals("default-pool")), pools.toString());
            StoragePool pool = c.storagePoolLookupByName("default-pool");
            PoolInfo info = pool.getInfo();
            assertEquals(StoragePoolState.RUNNING, info.state());
            assertTrue(info.capacity() > 0);
            assertTrue(pool.getXMLDesc().contains("<name>default-pool</name>"));
            String volXml = "<volume><name>jvirt-remote.img</name><capacity unit='KiB'>1024</capacity></volume>";
            StorageVol vol = pool.storageVolCreateXML(volXml);
            try {
                assertEquals("jvirt-remote.img", vol.getName());
                assertEquals(1024 * 1024, vol.getInfo().capacity());
                assertTrue(pool.listAllVolumes().stream().anyMatch(v -> v.getName().equals("jvirt-remote.img")));
                assertEquals(vol.getName(), c.storageVolLookupByPath(vol.getPath()).getName());
                assertEquals("default-pool", c.storagePoolLookupByVolume(vol).getName());
            } finally {
                vol.delete();
            }
            VirtException e = assertThrows(VirtException.class, () -> c.storagePoolLookupByName("no-such-pool"));
            assertEquals(ErrorCode.NO_STORAGE_POOL, e.code());
        }
    }
}
