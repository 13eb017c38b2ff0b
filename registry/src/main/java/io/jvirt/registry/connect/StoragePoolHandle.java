package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.jvirt.api.PoolInfo;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StoragePoolBuildFlag;
import io.jvirt.api.StoragePoolDeleteFlag;
import io.jvirt.api.StorageVol;
import io.jvirt.api.StorageVolCreateFlag;
import io.jvirt.api.StorageXMLFlag;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.spi.StorageDriver;

/** A storage pool handle ({@code virStoragePoolPtr}). */
final class StoragePoolHandle extends Handle<StorageDriver> implements StoragePool {
    private final StoragePoolRef ref;

    StoragePoolHandle(ManagedConnection conn, StoragePoolRef ref) {
        super(conn, DriverKind.STORAGE);
        this.ref = ref;
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
        return call("virStoragePoolGetInfo", d -> d.storagePoolGetInfo(ref));
    }

    @Override
    public String getXMLDesc(StorageXMLFlag... flags) {
        int mask = mask(flags);
        return call("virStoragePoolGetXMLDesc", d -> d.storagePoolGetXMLDesc(ref, mask));
    }

    @Override
    public boolean isActive() {
        return call("virStoragePoolIsActive", d -> d.storagePoolIsActive(ref));
    }

    @Override
    public boolean isPersistent() {
        return call("virStoragePoolIsPersistent", d -> d.storagePoolIsPersistent(ref));
    }

    @Override
    public void create() {
        mutate("virStoragePoolCreate", d -> d.storagePoolCreate(ref, 0));
    }

    @Override
    public void create(io.jvirt.api.StoragePoolCreateFlag... flags) {
        int mask = mask(flags);
        mutate("virStoragePoolCreate", d -> d.storagePoolCreate(ref, mask));
    }

    @Override
    public void build(StoragePoolBuildFlag... flags) {
        int mask = mask(flags);
        mutate("virStoragePoolBuild", d -> d.storagePoolBuild(ref, mask));
    }

    @Override
    public void refresh() {
        mutate("virStoragePoolRefresh", d -> d.storagePoolRefresh(ref, 0));
    }

    @Override
    public void destroy() {
        mutate("virStoragePoolDestroy", d -> d.storagePoolDestroy(ref));
    }

    @Override
    public void delete(StoragePoolDeleteFlag... flags) {
        int mask = mask(flags);
        mutate("virStoragePoolDelete", d -> d.storagePoolDelete(ref, mask));
    }

    @Override
    public void undefine() {
        mutate("virStoragePoolUndefine", d -> d.storagePoolUndefine(ref));
    }

    @Override
    public boolean getAutostart() {
        return call("virStoragePoolGetAutostart", d -> d.storagePoolGetAutostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        mutate("virStoragePoolSetAutostart", d -> d.storagePoolSetAutostart(ref, autostart));
    }

    @Override
    public int numOfVolumes() {
        return call("virStoragePoolNumOfVolumes", d -> d.storagePoolNumOfVolumes(ref));
    }

    @Override
    public List<StorageVol> listAllVolumes() {
        List<StorageVol> list = new ArrayList<>();
        for (var v : call("virStoragePoolListAllVolumes", d -> d.storagePoolListAllVolumes(ref, 0))) {
            list.add(new StorageVolHandle(conn, v));
        }
        return list;
    }

    @Override
    public StorageVol storageVolLookupByName(String name) {
        return new StorageVolHandle(conn, call("virStorageVolLookupByName",
                d -> d.storageVolLookupByName(ref, name)));
    }

    @Override
    public StorageVol storageVolCreateXML(String xml, StorageVolCreateFlag... flags) {
        conn.checkWritable("virStorageVolCreateXML");
        int mask = mask(flags);
        return new StorageVolHandle(conn, call("virStorageVolCreateXML",
                d -> d.storageVolCreateXML(ref, xml, mask)));
    }

    @Override
    public StorageVol storageVolCreateXMLFrom(String xml, StorageVol clone, StorageVolCreateFlag... flags) {
        conn.checkWritable("virStorageVolCreateXMLFrom");
        int mask = mask(flags);
        io.jvirt.spi.StorageVolRef source = new io.jvirt.spi.StorageVolRef(clone.getPoolName(), clone.getName(),
                clone.getKey());
        return new StorageVolHandle(conn, call("virStorageVolCreateXMLFrom",
                d -> d.storageVolCreateXMLFrom(ref, xml, source, mask)));
    }
}
