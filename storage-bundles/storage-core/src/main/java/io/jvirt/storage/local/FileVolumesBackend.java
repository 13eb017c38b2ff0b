package io.jvirt.storage.local;

import java.nio.file.Files;
import java.nio.file.Path;

import io.jvirt.api.StorageVolTransferFlag;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.spi.StreamDriver;
import io.jvirt.storage.backend.PoolContext;
import io.jvirt.storage.backend.PoolRefresh;
import io.jvirt.storage.backend.StorageBackend;

/**
 * The part libvirt's dir, fs and netfs backends share: a pool is a directory whose files are its
 * volumes ({@code virStorageBackend*Local}). Subclasses add how the directory comes to be (mkdir,
 * mkfs and mount, a network mount) and how it is checked.
 */
public abstract class FileVolumesBackend implements StorageBackend {
    @Override
    public boolean checkPool(PoolContext pool) {
        return Files.exists(Path.of(pool.def().targetPath()));
    }

    @Override
    public PoolRefresh refreshPool(PoolContext pool) {
        return LocalPools.refresh(pool.def());
    }

    @Override
    public void deletePool(PoolContext pool, int flags) {
        LocalPools.delete(pool.def(), flags);
    }

    @Override
    public StorageVolDef createVol(PoolContext pool, StorageVolDef vol) {
        return LocalVolumes.name(pool.def(), vol);
    }

    @Override
    public void buildVol(PoolContext pool, StorageVolDef vol, int flags) {
        LocalVolumes.build(pool, vol, null, flags);
    }

    @Override
    public void buildVolFrom(PoolContext pool, StorageVolDef vol, StorageVolDef input, int flags) {
        LocalVolumes.build(pool, vol, input, flags);
    }

    @Override
    public StorageVolDef refreshVol(PoolContext pool, StorageVolDef vol) {
        return VolumeInfo.update(vol);
    }

    @Override
    public void deleteVol(PoolContext pool, StorageVolDef vol, int flags) {
        LocalVolumes.delete(vol, flags);
    }

    @Override
    public void resizeVol(PoolContext pool, StorageVolDef vol, long capacity, int flags) {
        LocalVolumes.resize(pool, vol, capacity, flags);
    }

    @Override
    public StreamDriver downloadVol(PoolContext pool, StorageVolDef vol, long offset, long length, int flags) {
        StorageErrors.checkFlags(flags, StorageVolTransferFlag.SPARSE_STREAM.bit(), "virStorageBackendVolDownloadLocal");
        return VolumeStreams.download(vol.target().path(), offset, length,
                (flags & StorageVolTransferFlag.SPARSE_STREAM.bit()) != 0);
    }

    @Override
    public StreamDriver uploadVol(PoolContext pool, StorageVolDef vol, long offset, long length, int flags) {
        StorageErrors.checkFlags(flags, StorageVolTransferFlag.SPARSE_STREAM.bit(), "virStorageBackendVolUploadLocal");
        return VolumeStreams.upload(vol.target().path(), offset, length,
                (flags & StorageVolTransferFlag.SPARSE_STREAM.bit()) != 0);
    }

    @Override
    public void wipeVol(PoolContext pool, StorageVolDef vol, int algorithm, int flags) {
        Wipe.wipe(vol, algorithm, flags);
    }

    /** libvirt probes a wiped file again: its header is gone, so its format may be too. */
    @Override
    public StorageVolDef afterWipe(PoolContext pool, StorageVolDef vol) {
        StorageVolDef probed = VolumeInfo.probe(vol.name(), vol.target().path());
        return probed == null ? vol : probed;
    }
}
