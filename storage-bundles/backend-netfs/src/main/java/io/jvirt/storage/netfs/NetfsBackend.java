package io.jvirt.storage.netfs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.StoragePoolBuildFlag;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.NetfsPoolFormat;
import io.jvirt.conf.storage.PoolSource;
import io.jvirt.conf.storage.StoragePoolType;
import io.jvirt.storage.backend.PoolContext;
import io.jvirt.storage.backend.StorageBackend;
import io.jvirt.storage.local.Command;
import io.jvirt.storage.local.FileVolumesBackend;
import io.jvirt.storage.local.LocalPools;
import io.jvirt.storage.local.Mounts;
import io.jvirt.storage.local.StorageErrors;

/**
 * libvirt's {@code netfs} backend: a network file system (NFS, GlusterFS, CIFS, or what
 * {@code mount} finds) mounted on the pool's target; its source discovery asks {@code showmount}
 * for a host's NFS exports. Stopping or updating this bundle unmounts nothing.
 */
@Component(service = StorageBackend.class, property = StorageBackend.POOL_TYPE + "=netfs")
public final class NetfsBackend extends FileVolumesBackend {
    private static final Pattern EXPORT = Pattern.compile("^(/.*\\S) +\\S+$");

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
            // libvirt makes a file system only on a device: a netfs pool has none
            throw StorageErrors.of(ErrorCode.OPERATION_INVALID,
                    "No source device specified when formatting pool '" + pool.def().name() + "'");
        }
    }

    /** libvirt's {@code virStorageBackendFileSystemNetFindPoolSources}: the NFS exports of a host. */
    @Override
    public String findPoolSources(String srcSpec, int flags) {
        StorageErrors.checkFlags(flags, 0, "virStorageBackendFileSystemNetFindPoolSources");
        if (srcSpec == null) {
            throw StorageErrors.of(ErrorCode.INVALID_ARG, "hostname must be specified for netfs sources");
        }
        PoolSource spec = PoolSource.parse(srcSpec, StoragePoolType.NETFS);
        if (spec.hosts().size() != 1) {
            throw StorageErrors.of(ErrorCode.CONFIG_UNSUPPORTED, "Expected exactly 1 host for the storage pool");
        }
        String host = spec.hosts().get(0).name();
        List<PoolSource> found = new ArrayList<>();
        boolean nfs = false;
        if (Command.available("showmount")) {
            Command.Result r = new Command("showmount", "--no-headers", "--exports", host).runStatus();
            if (r.exitStatus() == 0) {
                nfs = true;
                for (String line : r.stdout().split("\n")) {
                    Matcher m = EXPORT.matcher(line);
                    if (m.matches()) {
                        found.add(new PoolSource(List.of(new PoolSource.Host(host, 0)), List.of(), m.group(1), null, null,
                                NetfsPoolFormat.NFS, null, null, null, null, null));
                    }
                }
            }
        }
        if (!nfs) {
            throw StorageErrors.of(ErrorCode.OPERATION_FAILED, "no storage pools were found on host '" + host + "'");
        }
        return PoolSource.formatSources(StoragePoolType.NETFS, found);
    }
}
