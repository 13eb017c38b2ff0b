package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;
import io.jvirt.api.PoolInfo;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StoragePoolBuildFlag;
import io.jvirt.api.StoragePoolDeleteFlag;
import io.jvirt.api.StorageVol;
import io.jvirt.api.StorageVolCreateFlag;
import io.jvirt.api.StorageXMLFlag;
import io.jvirt.spi.StoragePoolRef;

/** A storage pool handle ({@code virStoragePoolPtr}). */
final class StoragePoolHandle implements StoragePool {
    private final ManagedConnection conn;
    private final StoragePoolRef ref;

    StoragePoolHandle(ManagedConnection conn, StoragePoolRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    @Override
    public Connect getConnect() {
        return conn;
    }

    @Override
    public String getName() {
        return ref.name();
    }

    @Override
    public UUID getUUID() {
        return ref.uuid();
    }

    @Override
    public PoolInfo getInfo() {
        return conn.storage("virStoragePoolGetInfo", d -> d.storagePoolGetInfo(ref));
    }

    @Override
    public String getXMLDesc(StorageXMLFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        return conn.storage("virStoragePoolGetXMLDesc", d -> d.storagePoolGetXMLDesc(ref, mask));
    }

    @Override
    public boolean isActive() {
        return conn.storage("virStoragePoolIsActive", d -> d.storagePoolIsActive(ref));
    }

    @Override
    public boolean isPersistent() {
        return conn.storage("virStoragePoolIsPersistent", d -> d.storagePoolIsPersistent(ref));
    }

    @Override
    public void create() {
        conn.storageMutate("virStoragePoolCreate", d -> d.storagePoolCreate(ref, 0));
    }

    @Override
    public void build(StoragePoolBuildFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        conn.storageMutate("virStoragePoolBuild", d -> d.storagePoolBuild(ref, mask));
    }

    @Override
    public void refresh() {
        conn.storageMutate("virStoragePoolRefresh", d -> d.storagePoolRefresh(ref, 0));
    }

    @Override
    public void destroy() {
        conn.storageMutate("virStoragePoolDestroy", d -> d.storagePoolDestroy(ref));
    }

    @Override
    public void delete(StoragePoolDeleteFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        conn.storageMutate("virStoragePoolDelete", d -> d.storagePoolDelete(ref, mask));
    }

    @Override
    public void undefine() {
        conn.storageMutate("virStoragePoolUndefine", d -> d.storagePoolUndefine(ref));
    }

    @Override
    public boolean getAutostart() {
        return conn.storage("virStoragePoolGetAutostart", d -> d.storagePoolGetAutostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        conn.storageMutate("virStoragePoolSetAutostart", d -> d.storagePoolSetAutostart(ref, autostart));
    }

    @Override
    public int numOfVolumes() {
        return conn.storage("virStoragePoolNumOfVolumes", d -> d.storagePoolNumOfVolumes(ref));
    }

    @Override
    public List<StorageVol> listAllVolumes() {
        List<StorageVol> list = new ArrayList<>();
        for (var v : conn.storage("virStoragePoolListAllVolumes", d -> d.storagePoolListAllVolumes(ref, 0))) {
            list.add(new StorageVolHandle(conn, v));
        }
        return list;
    }

    @Override
    public StorageVol storageVolLookupByName(String name) {
        return new StorageVolHandle(conn, conn.storage("virStorageVolLookupByName",
                d -> d.storageVolLookupByName(ref, name)));
    }

    @Override
    public StorageVol storageVolCreateXML(String xml, StorageVolCreateFlag... flags) {
        conn.checkWritable("virStorageVolCreateXML");
        int mask = BitFlag.mask(List.of(flags));
        return new StorageVolHandle(conn, conn.storage("virStorageVolCreateXML",
                d -> d.storageVolCreateXML(ref, xml, mask)));
    }
}
