package io.jvirt.storage.dir;

import org.osgi.service.component.annotations.Component;

import io.jvirt.api.StoragePoolBuildFlag;
import io.jvirt.storage.backend.PoolContext;
import io.jvirt.storage.backend.StorageBackend;
import io.jvirt.storage.local.FileVolumesBackend;
import io.jvirt.storage.local.LocalPools;
import io.jvirt.storage.local.StorageErrors;

/**
 * libvirt's {@code dir} backend: the pool is a directory, built with its permissions, active while
 * it exists; its files are the volumes.
 */
@Component(service = StorageBackend.class, property = StorageBackend.POOL_TYPE + "=dir")
public final class DirBackend extends FileVolumesBackend {
    /** libvirt's {@code virStorageBackendFileSystemBuild} for a directory: only the directory is made. */
    @Override
    public void buildPool(PoolContext pool, int flags) {
        StorageErrors.checkFlags(flags, StoragePoolBuildFlag.OVERWRITE.bit() | StoragePoolBuildFlag.NO_OVERWRITE.bit(),
                "virStorageBackendFileSystemBuild");
        if ((flags & StoragePoolBuildFlag.OVERWRITE.bit()) != 0 && (flags & StoragePoolBuildFlag.NO_OVERWRITE.bit()) != 0) {
            throw exclusive();
        }
        LocalPools.build(pool.def());
    }

    static io.jvirt.api.VirtException exclusive() {
        return new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.INVALID_ARG, io.jvirt.api.ErrorDomain.STORAGE,
                "Flags 'VIR_STORAGE_POOL_BUILD_OVERWRITE' and 'VIR_STORAGE_POOL_BUILD_NO_OVERWRITE' are mutually exclusive");
    }
}
