package io.jvirt.storage.core.state;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.jvirt.conf.storage.PoolSource;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StoragePoolType;

/**
 * Two pools on the same storage, libvirt's {@code virStoragePoolObjSourceFindDuplicate}: dir pools
 * on one directory, netfs pools on one host's export, device pools (fs, logical, disk, zfs, iscsi)
 * sharing a device, a second mpath pool.
 */
final class Duplicates {
    private static final Set<StoragePoolType> DEVICE_TYPES = EnumSet.of(StoragePoolType.ISCSI, StoragePoolType.FS,
            StoragePoolType.LOGICAL, StoragePoolType.DISK, StoragePoolType.ZFS);

    private Duplicates() {
    }

    static boolean conflict(StoragePoolDef existing, StoragePoolDef def) {
        StoragePoolType t = existing.type();
        switch (t) {
            case DIR:
                return def.type() == t && Objects.equals(existing.targetPath(), def.targetPath());
            case NETFS:
                return def.type() == t && Objects.equals(existing.source().dir(), def.source().dir())
                        && sameHost(existing.source(), def.source());
            case GLUSTER:
                return def.type() == t && Objects.equals(existing.source().name(), def.source().name())
                        && Objects.equals(existing.source().dir(), def.source().dir())
                        && sameHost(existing.source(), def.source());
            case ISCSI, FS, LOGICAL, DISK, ZFS:
                if (!DEVICE_TYPES.contains(def.type())) {
                    return false;
                }
                if ((t == StoragePoolType.ISCSI) != (def.type() == StoragePoolType.ISCSI)) {
                    return false;
                }
                return sharedDevice(existing.source(), def.source());
            case SHEEPDOG:
                return def.type() == t && sameHost(existing.source(), def.source());
            case MPATH:
                return def.type() == t;
            case VSTORAGE:
                return def.type() == t && Objects.equals(existing.source().name(), def.source().name());
            default:
                return false;
        }
    }

    private static boolean sameHost(PoolSource a, PoolSource b) {
        if (a.hosts().size() != 1 || b.hosts().size() != 1) {
            return false;
        }
        return Objects.equals(a.hosts().get(0).name(), b.hosts().get(0).name());
    }

    private static boolean sharedDevice(PoolSource a, PoolSource b) {
        for (PoolSource.Device x : a.devices()) {
            for (PoolSource.Device y : b.devices()) {
                if (Objects.equals(x.path(), y.path())) {
                    return true;
                }
            }
        }
        return false;
    }
}
