package io.jvirt.storage.disk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.StoragePoolBuildFlag;
import io.jvirt.api.StorageVolTransferFlag;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.DiskPoolFormat;
import io.jvirt.conf.storage.DiskVolumeFormat;
import io.jvirt.conf.storage.PoolSource;
import io.jvirt.conf.storage.StoragePerms;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.conf.storage.StorageVolType;
import io.jvirt.conf.storage.VolEncryption;
import io.jvirt.conf.storage.VolTarget;
import io.jvirt.spi.StreamDriver;
import io.jvirt.storage.backend.PoolContext;
import io.jvirt.storage.backend.PoolRefresh;
import io.jvirt.storage.backend.StorageBackend;
import io.jvirt.storage.local.Command;
import io.jvirt.storage.local.DeviceProbe;
import io.jvirt.storage.local.LocalVolumes;
import io.jvirt.storage.local.QemuImgRunner;
import io.jvirt.storage.local.StorageErrors;
import io.jvirt.storage.local.VolumeInfo;
import io.jvirt.storage.local.VolumeStreams;
import io.jvirt.storage.local.Wipe;

/**
 * libvirt's {@code disk} backend: a partitioned disk is the pool, its partitions the volumes. Build
 * writes a partition table ({@code parted DEVICE mklabel --script msdos|gpt|...}, after zeroing the
 * device's ends; with {@code --no-overwrite} only on a device blkid and parted find empty); a volume
 * is a partition made in the smallest free extent that fits, cylinder-aligned on dos labels, primary
 * while there are fewer than four primary and extended partitions, else logical in the extended one
 * ({@code parted DEVICE mkpart --script TYPE STARTB ENDB}); it must be named as the partition's
 * device ({@code loop0p1}). The table is read through libparted ({@link Partitions}).
 */
@Component(service = StorageBackend.class, property = StorageBackend.POOL_TYPE + "=disk")
public final class DiskBackend implements StorageBackend {
    private static final long SECTOR = 512;

    private static String device(StoragePoolDef def) {
        return def.source().devices().get(0).path();
    }

    private static boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    private static VirtException noDevice(String path) {
        return StorageErrors.of(ErrorCode.INVALID_ARG, "device path '" + path + "' doesn't exist");
    }

    /** A pool whose label is unknown is taken as dos, as libvirt does when it starts or checks one. */
    private static StoragePoolDef withDefaultFormat(StoragePoolDef def) {
        if (def.source().format() == DiskPoolFormat.UNKNOWN) {
            PoolSource s = def.source();
            return def.withSource(new PoolSource(s.hosts(), s.devices(), s.dir(), s.adapter(), s.name(),
                    DiskPoolFormat.DOS, s.initiatorIqn(), s.auth(), s.protocolVer(), s.vendor(), s.product()));
        }
        return def;
    }

    @Override
    public boolean checkPool(PoolContext pool) {
        String path = device(pool.def());
        if (!exists(path)) {
            return false;
        }
        pool.update(withDefaultFormat(pool.def()));
        DeviceProbe.isEmpty(path, pool.def().source().format().xml(), false);
        return true;
    }

    @Override
    public void startPool(PoolContext pool) {
        String path = device(pool.def());
        if (!exists(path)) {
            throw noDevice(path);
        }
        pool.update(withDefaultFormat(pool.def()));
        DeviceProbe.isEmpty(path, pool.def().source().format().xml(), false);
    }

    @Override
    public void buildPool(PoolContext pool, int flags) {
        int over = StoragePoolBuildFlag.OVERWRITE.bit();
        int noOver = StoragePoolBuildFlag.NO_OVERWRITE.bit();
        StorageErrors.checkFlags(flags, over | noOver, "virStorageBackendDiskBuildPool");
        if ((flags & over) != 0 && (flags & noOver) != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.STORAGE,
                    "Flags 'VIR_STORAGE_POOL_BUILD_OVERWRITE' and 'VIR_STORAGE_POOL_BUILD_NO_OVERWRITE' are mutually exclusive");
        }
        StoragePoolDef def = pool.def();
        String path = device(def);
        if ((flags & over) == 0) {
            DeviceProbe.isEmpty(path, def.source().format().xml(), true);
        }
        zeroEnds(path);
        DiskPoolFormat f = (DiskPoolFormat) withDefaultFormat(def).source().format();
        new Command("parted", path, "mklabel", "--script", f == DiskPoolFormat.DOS ? "msdos" : f.xml()).run();
    }

    /** libvirt's {@code virStorageBackendZeroPartitionTable}: the first and the last MiB. */
    private static void zeroEnds(String path) {
        Wipe.wipeFile(path, 0, 1024 * 1024, false);
        Wipe.wipeFile(path, 0, 1024 * 1024, true);
    }

    @Override
    public void deletePool(PoolContext pool, int flags) {
        StorageErrors.checkFlags(flags, 0, "virStorageBackendDiskDeletePool");
        zeroEnds(device(pool.def()));
    }

    // ------------------------------------------------------------------ reading the table

    /** What the partition table says: the volumes and the pool's sizes and free extents. */
    private record Table(List<StorageVolDef> volumes, List<Partitions.Region> regions, StoragePoolDef pool,
            List<Partitions.Region> free) {
    }

    private static boolean isVolume(Partitions.Region r) {
        if ((r.type().equals("normal") || r.type().equals("logical")) && r.content().equals("metadata")) {
            return false;
        }
        return r.content().equals("metadata") || r.content().equals("data");
    }

    /** libvirt's {@code virStorageBackendDiskReadPartitions} over the whole table. */
    private static Table read(StoragePoolDef def0) {
        StoragePoolDef def = withDefaultFormat(def0);
        String dev = device(def);
        if (!exists(dev)) {
            throw noDevice(dev);
        }
        PoolSource.Device d = def.source().devices().get(0);
        List<Partitions.Region> regions = Partitions.read(dev, Boolean.TRUE.equals(d.partSeparator()));
        List<StorageVolDef> vols = new ArrayList<>();
        List<Partitions.Region> free = new ArrayList<>();
        List<PoolSource.Extent> extents = new ArrayList<>();
        long capacity = 0;
        long allocation = 0;
        long available = 0;
        int extended = -1;
        for (Partitions.Region r : regions) {
            if (isVolume(r)) {
                StorageVolDef v = dataVol(def, r);
                if (r.type().equals("extended")) {
                    extended = vols.size();
                }
                if (r.type().equals("logical") && extended >= 0) {
                    StorageVolDef e = vols.get(extended);
                    vols.set(extended, e.withSizes(e.capacity(), e.allocation() + v.allocation()));
                }
                vols.add(v);
                if (!r.content().equals("metadata")) {
                    allocation += v.allocation();
                }
                capacity = Math.max(capacity, r.end());
            } else if (r.content().equals("free")) {
                long start = r.start() == 0 ? SECTOR : r.start();
                free.add(new Partitions.Region(r.path(), r.type(), r.content(), start, r.end(), r.size()));
                extents.add(new PoolSource.Extent(start, r.end()));
                available += r.end() - start;
                capacity = Math.max(capacity, r.end());
            }
        }
        PoolSource s = def.source();
        List<PoolSource.Device> devices = new ArrayList<>(s.devices());
        devices.set(0, new PoolSource.Device(d.path(), d.partSeparator(), extents));
        StoragePoolDef updated = def.withSource(s.withDevices(devices)).withSizes(capacity, allocation, available);
        return new Table(vols, regions, updated, free);
    }

    /** libvirt's {@code virStorageBackendDiskMakeDataVol} for a partition found in the table. */
    private static StorageVolDef dataVol(StoragePoolDef def, Partitions.Region r) {
        String name = r.path().substring(r.path().lastIndexOf('/') + 1);
        String path = stablePath(def, r.path());
        StorageVolDef v = new StorageVolDef(name, path, StorageVolType.BLOCK,
                List.of(new StorageVolDef.SourceExtent(device(def), r.start(), r.end())), 0, 0, false, 0,
                new VolTarget(path, DiskVolumeFormat.NONE, StoragePerms.NONE, null, null, null, false, 0, null), null);
        return info(v, r);
    }

    private static StorageVolDef info(StorageVolDef v, Partitions.Region r) {
        if (r.type().equals("extended")) {
            StorageVolDef u;
            try {
                u = VolumeInfo.update(v);
            } catch (VirtException e) {
                u = v;
            }
            return u.withSizes(r.end() - r.start(), 0);
        }
        return VolumeInfo.update(v);
    }

    /** libvirt's {@code virStorageBackendStablePath}: a name in the pool's target directory for the device. */
    private static String stablePath(StoragePoolDef def, String devpath) {
        String target = def.targetPath();
        if (target == null || target.equals("/dev") || target.equals("/dev/") || !target.startsWith("/dev/")) {
            return devpath;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(target))) {
            Path real = Path.of(devpath).toRealPath();
            for (Path p : ds) {
                try {
                    if (p.toRealPath().equals(real)) {
                        return p.toString();
                    }
                } catch (IOException ignored) {
                    // a dangling link is no stable name
                }
            }
        } catch (IOException e) {
            return devpath;
        }
        return devpath;
    }

    @Override
    public PoolRefresh refreshPool(PoolContext pool) {
        Table t = read(pool.def());
        return new PoolRefresh(t.pool(), t.volumes());
    }

    // ------------------------------------------------------------------ volumes

    @Override
    public boolean buildsVolumes() {
        return false;
    }

    @Override
    public boolean refreshesPoolOnVolumeChange() {
        return true;
    }

    /** libvirt's parted file system names for the partition types of dos labels. */
    private static String partedType(DiskVolumeFormat f) {
        return switch (f) {
            case NONE, LINUX, LINUX_LVM, LINUX_RAID -> "ext2";
            case FAT16 -> "fat16";
            case FAT32 -> "fat32";
            case LINUX_SWAP -> "linux-swap";
            case EXTENDED -> "extended";
        };
    }

    @Override
    public StorageVolDef createVol(PoolContext pool, StorageVolDef vol) {
        StoragePoolDef def = pool.def();
        String dev = device(def);
        VolEncryption enc = vol.target().encryption();
        if (enc != null && enc.format() != VolEncryption.Format.LUKS) {
            throw StorageErrors.of(ErrorCode.CONFIG_UNSUPPORTED, "storage pool only supports LUKS encrypted volumes");
        }
        Table t = read(def);
        boolean hasExtended = t.regions().stream().anyMatch(r -> r.type().equals("extended") && isVolume(r));
        boolean logical = false;
        String partFormat;
        if (def.source().format() == DiskPoolFormat.DOS) {
            DiskVolumeFormat f = vol.target().format() instanceof DiskVolumeFormat df ? df : DiskVolumeFormat.NONE;
            if (f == DiskVolumeFormat.EXTENDED) {
                if (hasExtended) {
                    throw StorageErrors.internal("extended partition already exists");
                }
                partFormat = partedType(f);
            } else {
                long primaries = t.regions().stream().filter(r -> isVolume(r)
                        && (r.type().equals("normal") || r.type().equals("extended"))).count();
                logical = primaries >= 4;
                if (!logical) {
                    partFormat = "primary " + partedType(f);
                } else if (hasExtended) {
                    partFormat = "logical " + partedType(f);
                } else {
                    throw StorageErrors.internal("no extended partition found and no primary partition available");
                }
            }
        } else {
            partFormat = "primary";
        }
        long capacity = vol.capacity() + (enc != null ? 2L * 1024 * 1024 : 0);
        long[] bounds = boundaries(def, Partitions.geometry(dev), t.free(), capacity, logical);
        new Command("parted", dev, "mkpart", "--script", partFormat, bounds[0] + "B", bounds[1] + "B").run();
        // the new partition is the one the table has that no volume had
        java.util.Set<String> known = new java.util.HashSet<>();
        for (StorageVolDef v : t.volumes()) {
            known.add(v.key());
        }
        StoragePoolDef fresh = withDefaultFormat(def);
        for (Partitions.Region r : Partitions.read(dev, Boolean.TRUE.equals(def.source().devices().get(0).partSeparator()))) {
            if (!isVolume(r) || known.contains(stablePath(fresh, r.path()))) {
                continue;
            }
            String partname = r.path().substring(r.path().lastIndexOf('/') + 1);
            String path = stablePath(fresh, r.path());
            StorageVolDef made = vol.withType(StorageVolType.BLOCK).withPath(path).withKey(path)
                    .withSourceExtents(List.of(new StorageVolDef.SourceExtent(dev, r.start(), r.end())));
            if (!vol.name().equals(partname)) {
                try {
                    deleteVol(pool, made, 0);
                } catch (RuntimeException ignored) {
                    // the name error is the one to report
                }
                // libvirt's reading of the table stopped at this partition: the pool keeps the free
                // extents and sizes read before it, and its allocation
                pool.update(partial(def, dev, r));
                throw StorageErrors.of(ErrorCode.INVALID_ARG,
                        "invalid partition name '" + vol.name() + "', expected '" + partname + "'");
            }
            made = info(made, r);
            if (enc != null) {
                made = made.withSizes(made.capacity() - 2L * 1024 * 1024, made.allocation() - 2L * 1024 * 1024);
                try {
                    QemuImgRunner.create(pool, made, null, 0);
                } catch (RuntimeException e) {
                    try {
                        deleteVol(pool, made, 0);
                    } catch (RuntimeException ignored) {
                        // the creation's error is the one to report
                    }
                    throw e;
                }
            }
            return made;
        }
        throw StorageErrors.internal("cannot find the new partition of " + dev);
    }

    /** The pool as libvirt leaves it when its reading of the table fails at {@code stop}. */
    private static StoragePoolDef partial(StoragePoolDef def, String dev, Partitions.Region stop) {
        List<PoolSource.Extent> extents = new ArrayList<>();
        long capacity = 0;
        long available = 0;
        PoolSource.Device d = def.source().devices().get(0);
        for (Partitions.Region r : Partitions.read(dev, Boolean.TRUE.equals(d.partSeparator()))) {
            if (r.path().equals(stop.path())) {
                break;
            }
            if (isVolume(r)) {
                capacity = Math.max(capacity, r.end());
            } else if (r.content().equals("free")) {
                long start = r.start() == 0 ? SECTOR : r.start();
                extents.add(new PoolSource.Extent(start, r.end()));
                available += r.end() - start;
                capacity = Math.max(capacity, r.end());
            }
        }
        List<PoolSource.Device> devices = new ArrayList<>(def.source().devices());
        devices.set(0, new PoolSource.Device(d.path(), d.partSeparator(), extents));
        return def.withSource(def.source().withDevices(devices)).withSizes(capacity, def.allocation(), available);
    }

    /** libvirt's {@code virStorageBackendDiskPartBoundaries}: the smallest free extent that fits, aligned. */
    private static long[] boundaries(StoragePoolDef def, Partitions.Geometry g, List<Partitions.Region> free,
            long allocation, boolean logical) {
        long cylinder = (long) g.heads() * g.sectors() * SECTOR;
        boolean dos = def.source().format() == DiskPoolFormat.DOS;
        long extra = cylinder == 0 ? 0 : cylinder - (allocation % cylinder);
        int best = -1;
        long bestSize = 0;
        long aligned = allocation;
        for (int i = 0; i < free.size(); i++) {
            Partitions.Region f = free.get(i);
            long size = f.end() - f.start();
            long needed = allocation;
            if (dos) {
                needed += extra;
                if (cylinder != 0 && f.start() % cylinder > extra) {
                    needed += cylinder;
                }
                if (logical) {
                    size -= SECTOR;
                }
            }
            if (size > needed && (bestSize == 0 || size < bestSize)) {
                boolean inLogical = f.type().equals("logical");
                if (logical != inLogical) {
                    continue;
                }
                bestSize = size;
                best = i;
                aligned = needed;
            }
        }
        if (best < 0) {
            throw StorageErrors.internal("no large enough free extent");
        }
        long start = free.get(best).start();
        if (logical) {
            start += SECTOR;
        }
        long end = start + aligned;
        if (dos && cylinder != 0) {
            end -= start % cylinder;
        }
        return new long[] { start, end - 1 };
    }

    @Override
    public void deleteVol(PoolContext pool, StorageVolDef vol, int flags) {
        StorageErrors.checkFlags(flags, 0, "virStorageBackendDiskDeleteVol");
        String src = device(pool.def());
        String srcname = src.substring(src.lastIndexOf('/') + 1);
        if (vol.target().path() == null) {
            throw StorageErrors.of(ErrorCode.INVALID_ARG, "volume target path empty for source path '" + src + "'");
        }
        String devName;
        try {
            Path real = Path.of(vol.target().path()).toRealPath();
            devName = real.getFileName().toString();
        } catch (IOException e) {
            throw StorageErrors.system("Couldn't read volume target path '" + vol.target().path() + "'",
                    "No such file or directory");
        }
        if (!devName.startsWith(srcname)) {
            throw StorageErrors.internal("Volume path '" + devName + "' did not start with parent pool source device name.");
        }
        String partNum = devName.substring(srcname.length());
        if (partNum.isEmpty()) {
            throw StorageErrors.internal("cannot parse partition number from target '" + devName + "'");
        }
        new Command("parted", src, "rm", "--script", partNum).run();
    }

    @Override
    public void buildVolFrom(PoolContext pool, StorageVolDef vol, StorageVolDef input, int flags) {
        LocalVolumes.build(pool, vol, input, flags);
    }

    @Override
    public StreamDriver downloadVol(PoolContext pool, StorageVolDef vol, long offset, long length, int flags) {
        StorageErrors.checkFlags(flags, StorageVolTransferFlag.SPARSE_STREAM.bit(), "virStorageBackendVolDownloadLocal");
        return VolumeStreams.download(vol.target().path(), offset, length, (flags & 1) != 0);
    }

    @Override
    public StreamDriver uploadVol(PoolContext pool, StorageVolDef vol, long offset, long length, int flags) {
        StorageErrors.checkFlags(flags, StorageVolTransferFlag.SPARSE_STREAM.bit(), "virStorageBackendVolUploadLocal");
        return VolumeStreams.upload(vol.target().path(), offset, length, (flags & 1) != 0);
    }

    @Override
    public void wipeVol(PoolContext pool, StorageVolDef vol, int algorithm, int flags) {
        String dev = device(pool.def());
        for (Partitions.Region r : Partitions.read(dev, false)) {
            if (r.type().equals("extended") && stablePath(pool.def(), r.path()).equals(vol.target().path())) {
                throw StorageErrors.of(ErrorCode.NO_SUPPORT, "cannot wipe extended partition '" + vol.target().path() + "'");
            }
        }
        Wipe.wipe(vol, algorithm, flags);
    }
}
