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

    /**
     * libvirt probes a wiped file again, over the definition it had: the format (the header is gone),
     * sizes, permissions, times and features come from the file; a cluster size, compat level and
     * backing store the probe does not find are kept.
     */
    @Override
    public StorageVolDef afterWipe(PoolContext pool, StorageVolDef vol) {
        StorageVolDef p = VolumeInfo.probe(vol.name(), vol.target().path());
        if (p == null) {
            return vol;
        }
        io.jvirt.conf.storage.VolTarget o = vol.target();
        io.jvirt.conf.storage.VolTarget n = p.target();
        io.jvirt.conf.storage.VolTarget t = new io.jvirt.conf.storage.VolTarget(o.path(), n.format(), n.perms(),
                n.timestamps(), n.encryption(), n.compat() != null ? n.compat() : o.compat(), o.nocow(),
                n.clusterSize() > 0 ? n.clusterSize() : o.clusterSize(), n.features());
        return new StorageVolDef(vol.name(), vol.key(), p.type(), vol.sourceExtents(), p.capacity(), p.allocation(),
                vol.hasAllocation(), p.physical(), t, p.backingStore() != null ? p.backingStore() : vol.backingStore());
    }
}
