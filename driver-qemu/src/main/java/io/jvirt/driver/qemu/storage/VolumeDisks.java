package io.jvirt.driver.qemu.storage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StorageVol;
import io.jvirt.api.VirtException;
import io.jvirt.api.VolInfo;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.spi.SecondaryConnections;

/**
 * {@code <disk type='volume'>}: a pool's volume as a guest disk, resolved through the storage API as
 * libvirt's {@code virDomainDiskTranslateSourcePool} does (at start, for every volume disk from the
 * last one up; at attach, live or to the config): the pool by name, active, the volume by name, its
 * path and whether it is a file or a block device. The storage driver is reached through the
 * calling connection's {@link SecondaryConnections} (libvirt's {@code virGetConnectStorage()}), or,
 * for calls no connection makes (autostart), through the driver's own connection to the scope's
 * {@code storage:///...}. A definition is not resolved: libvirt 9.0 defines a domain whose pool or
 * volume does not exist and fails only when it starts (measured).
 */
public final class VolumeDisks {
    /** What a volume disk is once resolved: {@code file} or {@code block}, and its path. */
    public record Source(String type, String path) {
    }

    /** A way to the storage driver for the length of one call. */
    @FunctionalInterface
    public interface Access {
        <T> T with(Function<Connect, T> call);
    }

    private static final ThreadLocal<Access> CALLER = new ThreadLocal<>();

    private VolumeDisks() {
    }

    /** Runs {@code call} with the storage driver of the calling connection's scope at hand. */
    public static <T> T as(SecondaryConnections secondaries, Supplier<T> call) {
        if (secondaries == null) {
            return call.get();
        }
        Access previous = CALLER.get();
        CALLER.set(new Access() {
            @Override
            public <R> R with(Function<Connect, R> f) {
                return f.apply(secondaries.open("storage"));
            }
        });
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CALLER.remove();
            } else {
                CALLER.set(previous);
            }
        }
    }

    public static boolean isVolume(XmlNode disk) {
        return "volume".equals(disk.attr("type"));
    }

    /**
     * The volume disks among {@code disks}, by target device, resolved from the last one up (libvirt's
     * order, so with several bad disks the last one's error is reported).
     *
     * @param fallback the storage driver when no connection makes the call, or null
     */
    public static Map<String, Source> resolve(List<XmlNode> disks, Access fallback) {
        Map<String, Source> out = new HashMap<>();
        if (disks.stream().noneMatch(VolumeDisks::isVolume)) {
            return out;
        }
        Access access = CALLER.get() != null ? CALLER.get() : fallback;
        if (access == null) {
            throw new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE,
                    "no connection driver available for storage:///system");
        }
        for (int i = disks.size() - 1; i >= 0; i--) {
            XmlNode d = disks.get(i);
            if (!isVolume(d)) {
                continue;
            }
            XmlNode src = d.childOrNull("source");
            String dev = d.child("target").map(t -> t.attr("dev")).orElse(null);
            if (src == null) {
                continue; // an empty drive (cdrom): nothing to resolve
            }
            String pool = src.attr("pool");
            String volume = src.attr("volume");
            String mode = src.attr("mode");
            out.put(dev, access.with(c -> translate(c, pool, volume, mode)));
        }
        return out;
    }

    private static Source translate(Connect c, String poolName, String volName, String mode) {
        StoragePool pool = c.storagePoolLookupByName(poolName);
        if (!pool.isActive()) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN, "unsupported configuration: "
                    + "storage pool '" + poolName + "' containing volume '" + volName + "' is not active");
        }
        StorageVol vol = pool.storageVolLookupByName(volName);
        VolInfo info = vol.getInfo();
        StoragePoolDef def = StoragePoolDef.parse(pool.getXMLDesc());
        if (mode != null && def.type() != io.jvirt.conf.storage.StoragePoolType.ISCSI) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                    "XML error: disk source mode is only valid when storage pool is of iscsi type");
        }
        switch (def.type()) {
            case DIR, FS, NETFS, LOGICAL, DISK, SCSI, ZFS, VSTORAGE, ISCSI -> {
                String path = vol.getPath();
                return switch (info.type()) {
                    case FILE, PLOOP -> new Source("file", path);
                    case BLOCK -> new Source("block", path);
                    case DIR -> new Source("dir", path);
                    default -> throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                            "internal error: unexpected storage volume type '"
                                    + info.type().name().toLowerCase(java.util.Locale.ROOT) + "' for storage pool type '"
                                    + def.type().xml() + "'");
                };
            }
            default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "unsupported configuration: using '" + def.type().xml()
                            + "' pools for backing 'volume' disks isn't yet supported");
        }
    }
}
