package io.jvirt.registry.connect;


import io.jvirt.api.StorageVol;
import io.jvirt.api.StorageVolDeleteFlag;
import io.jvirt.api.VolInfo;
import io.jvirt.spi.StorageVolRef;
import io.jvirt.spi.StorageDriver;

/** A storage volume handle ({@code virStorageVolPtr}). */
final class StorageVolHandle extends Handle<StorageDriver> implements StorageVol {
    private final StorageVolRef ref;

    StorageVolHandle(ManagedConnection conn, StorageVolRef ref) {
        super(conn, DriverKind.STORAGE);
        this.ref = ref;
    }

    StorageVolRef ref() {
        return ref;
    }

    @Override
    public String getName() {
        return ref.name();
    }

    @Override
    public String getKey() {
        return ref.key();
    }

    @Override
    public String getPoolName() {
        return ref.pool();
    }

    @Override
    public String getPath() {
        return call("virStorageVolGetPath", d -> d.storageVolGetPath(ref));
    }

    @Override
    public VolInfo getInfo() {
        return call("virStorageVolGetInfo", d -> d.storageVolGetInfo(ref));
    }

    @Override
    public VolInfo getInfo(io.jvirt.api.StorageVolInfoFlag... flags) {
        int mask = mask(flags);
        return call("virStorageVolGetInfoFlags", d -> d.storageVolGetInfoFlags(ref, mask));
    }

    @Override
    public String getXMLDesc() {
        return call("virStorageVolGetXMLDesc", d -> d.storageVolGetXMLDesc(ref, 0));
    }

    @Override
    public void delete(StorageVolDeleteFlag... flags) {
        int mask = mask(flags);
        mutate("virStorageVolDelete", d -> d.storageVolDelete(ref, mask));
    }

    @Override
    public void wipe() {
        mutate("virStorageVolWipe", d -> d.storageVolWipe(ref, 0));
    }

    @Override
    public void wipePattern(io.jvirt.api.StorageVolWipeAlgorithm algorithm) {
        int alg = algorithm.value();
        mutate("virStorageVolWipePattern", d -> d.storageVolWipePattern(ref, alg, 0));
    }

    @Override
    public void download(io.jvirt.api.Stream stream, long offset, long length,
            io.jvirt.api.StorageVolTransferFlag... flags) {
        StreamHandle st = conn.ownStream(stream, "virStorageVolDownload", "volume '" + ref.name() + "'");
        int mask = mask(flags);
        mutate("virStorageVolDownload", d -> d.storageVolDownload(ref, st, offset, length, mask));
    }

    @Override
    public void upload(io.jvirt.api.Stream stream, long offset, long length,
            io.jvirt.api.StorageVolTransferFlag... flags) {
        StreamHandle st = conn.ownStream(stream, "virStorageVolUpload", "volume '" + ref.name() + "'");
        int mask = mask(flags);
        mutate("virStorageVolUpload", d -> d.storageVolUpload(ref, st, offset, length, mask));
    }

    @Override
    public void resize(long capacityBytes) {
        mutate("virStorageVolResize", d -> d.storageVolResize(ref, capacityBytes, 0));
    }

    @Override
    public void resize(long capacity, io.jvirt.api.StorageVolResizeFlag... flags) {
        int mask = mask(flags);
        mutate("virStorageVolResize", d -> d.storageVolResize(ref, capacity, mask));
    }
}
