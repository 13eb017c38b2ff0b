package io.jvirt.registry.connect;

import java.util.List;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;
import io.jvirt.api.StorageVol;
import io.jvirt.api.StorageVolDeleteFlag;
import io.jvirt.api.VolInfo;
import io.jvirt.spi.StorageVolRef;

/** A storage volume handle ({@code virStorageVolPtr}). */
final class StorageVolHandle implements StorageVol {
    private final ManagedConnection conn;
    private final StorageVolRef ref;

    StorageVolHandle(ManagedConnection conn, StorageVolRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    StorageVolRef ref() {
        return ref;
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
    public String getKey() {
        return ref.key();
    }

    @Override
    public String getPoolName() {
        return ref.pool();
    }

    @Override
    public String getPath() {
        return conn.storage("virStorageVolGetPath", d -> d.storageVolGetPath(ref));
    }

    @Override
    public VolInfo getInfo() {
        return conn.storage("virStorageVolGetInfo", d -> d.storageVolGetInfo(ref));
    }

    @Override
    public String getXMLDesc() {
        return conn.storage("virStorageVolGetXMLDesc", d -> d.storageVolGetXMLDesc(ref, 0));
    }

    @Override
    public void delete(StorageVolDeleteFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        conn.storageMutate("virStorageVolDelete", d -> d.storageVolDelete(ref, mask));
    }

    @Override
    public void wipe() {
        conn.storageMutate("virStorageVolWipe", d -> d.storageVolWipe(ref, 0));
    }

    @Override
    public void download(io.jvirt.api.Stream stream, long offset, long length,
            io.jvirt.api.StorageVolTransferFlag... flags) {
        StreamHandle st = conn.ownStream(stream, "virStorageVolDownload", "volume '" + ref.name() + "'");
        int mask = BitFlag.mask(List.of(flags));
        conn.storageMutate("virStorageVolDownload", d -> d.storageVolDownload(ref, st, offset, length, mask));
    }

    @Override
    public void upload(io.jvirt.api.Stream stream, long offset, long length,
            io.jvirt.api.StorageVolTransferFlag... flags) {
        StreamHandle st = conn.ownStream(stream, "virStorageVolUpload", "volume '" + ref.name() + "'");
        int mask = BitFlag.mask(List.of(flags));
        conn.storageMutate("virStorageVolUpload", d -> d.storageVolUpload(ref, st, offset, length, mask));
    }

    @Override
    public void resize(long capacityBytes) {
        conn.storageMutate("virStorageVolResize", d -> d.storageVolResize(ref, capacityBytes, 0));
    }
}
