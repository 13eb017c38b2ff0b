package io.jvirt.storage.fs;

import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Component;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.StoragePoolBuildFlag;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.storage.backend.PoolContext;
import io.jvirt.storage.backend.StorageBackend;
import io.jvirt.storage.local.Command;
import io.jvirt.storage.local.DeviceProbe;
import io.jvirt.storage.local.FileVolumesBackend;
import io.jvirt.storage.local.LocalPools;
import io.jvirt.storage.local.Mounts;
import io.jvirt.storage.local.StorageErrors;

/**
 * libvirt's {@code fs} backend: a block device's file system mounted on the pool's target. Build
 * makes the target directory and, with {@code --overwrite} (always) or {@code --no-overwrite} (only
 * on a device blkid finds empty), the file system with {@code mkfs}; start mounts it
 * ({@code mount -o nodev,nosuid,noexec -t FORMAT DEVICE TARGET}), stop unmounts it; the pool is
 * active while the device is mounted there. Stopping or updating this bundle unmounts nothing.
 */
@Component(service = StorageBackend.class, property = StorageBackend.POOL_TYPE + "=fs")
public final class FsBackend extends FileVolumesBackend {
    @Override
    public boolean checkPool(PoolContext pool) {
        Mounts.validate(pool.def());
        return Mounts.isMounted(pool.def());
    }

    @Override
    public void startPool(PoolContext pool) {
        Mounts.mount(pool.def());
    }

    @Override
    public void stopPool(PoolContext pool) {
        Mounts.unmount(pool.def());
    }

    /** libvirt's {@code virStorageBackendFileSystemBuild}. */
    @Override
    public void buildPool(PoolContext pool, int flags) {
        int over = StoragePoolBuildFlag.OVERWRITE.bit();
        int noOver = StoragePoolBuildFlag.NO_OVERWRITE.bit();
        StorageErrors.checkFlags(flags, over | noOver, "virStorageBackendFileSystemBuild");
        if ((flags & over) != 0 && (flags & noOver) != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.STORAGE,
                    "Flags 'VIR_STORAGE_POOL_BUILD_OVERWRITE' and 'VIR_STORAGE_POOL_BUILD_NO_OVERWRITE' are mutually exclusive");
        }
        LocalPools.build(pool.def());
        if (flags != 0) {
            makeFileSystem(pool.def(), flags);
        }
    }

    /** libvirt's {@code virStorageBackendMakeFileSystem}. */
    static void makeFileSystem(StoragePoolDef def, int flags) {
        if (def.source().devices().isEmpty()) {
            throw StorageErrors.of(ErrorCode.OPERATION_INVALID,
                    "No source device specified when formatting pool '" + def.name() + "'");
        }
        String device = def.source().devices().get(0).path();
        String format = def.source().format().xml();
        if (!Files.exists(Path.of(device))) {
            throw StorageErrors.of(ErrorCode.OPERATION_INVALID,
                    "Source device does not exist when formatting pool '" + def.name() + "'");
        }
        boolean ok = (flags & StoragePoolBuildFlag.OVERWRITE.bit()) != 0
                || ((flags & StoragePoolBuildFlag.NO_OVERWRITE.bit()) != 0 && DeviceProbe.isEmpty(device, format, true));
        if (ok) {
            mkfs(device, format);
        }
    }

    /** libvirt's {@code virStorageBackendExecuteMKFS}: forced, so an existing file system is overwritten. */
    static void mkfs(String device, String format) {
        if (!Command.available("mkfs")) {
            throw StorageErrors.internal("mkfs is not available on this platform: Failed to make filesystem of type '"
                    + format + "' on device '" + device + "'");
        }
        Command cmd = new Command("mkfs", "-t", format);
        switch (format) {
            case "xfs" -> cmd.arg("-f");
            case "ext2", "ext3", "ext4" -> cmd.arg("-F");
            case "vfat" -> cmd.arg("-I");
            default -> {
            }
        }
        cmd.arg(device).run();
    }
}
