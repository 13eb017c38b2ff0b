package io.jvirt.storage.logical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.StoragePoolBuildFlag;
import io.jvirt.api.StorageVolTransferFlag;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.LogicalPoolFormat;
import io.jvirt.conf.storage.PoolSource;
import io.jvirt.conf.storage.StoragePerms;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StoragePoolType;
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
 * libvirt's {@code logical} backend: an LVM volume group is the pool, its logical volumes the
 * volumes. Build initializes the source devices ({@code pvcreate}, after zeroing their first and
 * last MiB; with {@code --no-overwrite} only devices blkid finds empty) and makes the group
 * ({@code vgcreate}); start and stop activate and deactivate it ({@code vgchange -aly} /
 * {@code -aln}); refresh lists {@code lvs} and {@code vgs}; volumes are made with {@code lvcreate}
 * (in the call that names them: libvirt's logical backend has no separate build step) and removed
 * with {@code lvremove}. LVM creates a logical volume's device through device-mapper, which a kernel
 * without it cannot: lvcreate then fails and libvirt's error says so.
 */
@Component(service = StorageBackend.class, property = StorageBackend.POOL_TYPE + "=logical")
public final class LogicalBackend implements StorageBackend {
    private static final Logger LOG = Logger.getLogger(LogicalBackend.class.getName());
    private static final Pattern PVS = Pattern.compile("^\\s*(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern VGS = Pattern.compile("^\\s*(\\S+):([0-9]+):?\\s*$");
    private static final Pattern LVS = Pattern.compile("^\\s*(\\S+)#(\\S*)#(\\S+)#(\\S+)#(\\S+)#([0-9]+)#(\\S+)#([0-9]+)#"
            + "([0-9]+)#(\\S+)#?\\s*$");

    /** libvirt's {@code virStorageBackendLogicalChangeCmd}. */
    public static Command changeCommand(String vgchange, StoragePoolDef def, boolean on) {
        return new Command(vgchange, on ? "-aly" : "-aln", def.source().name());
    }

    /** pv name to vg name, libvirt's {@code virStorageBackendLogicalGetPoolSources} (a vgscan first). */
    private static Map<String, List<String>> groups() {
        Command.Result scan = new Command("vgscan").runStatus();
        if (scan.exitStatus() != 0) {
            LOG.warning("Failure when running vgscan to refresh physical volumes");
        }
        Command pvs = new Command("pvs", "--noheadings", "-o", "pv_name,vg_name");
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (String line : pvs.run().stdout().split("\n")) {
            Matcher m = PVS.matcher(line);
            if (m.matches()) {
                byGroup.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(m.group(1));
            }
        }
        return byGroup;
    }

    @Override
    public String findPoolSources(String srcSpec, int flags) {
        StorageErrors.checkFlags(flags, 0, "virStorageBackendLogicalFindPoolSources");
        List<PoolSource> sources = new ArrayList<>();
        groups().forEach((vg, pvs) -> sources.add(new PoolSource(List.of(),
                pvs.stream().map(PoolSource.Device::new).toList(), null, null, vg, LogicalPoolFormat.LVM2, null, null,
                null, null, null)));
        return PoolSource.formatSources(StoragePoolType.LOGICAL, sources);
    }

    /** libvirt's {@code virStorageBackendLogicalMatchPoolSource}: the group exists, on the pool's devices. */
    private static void matchPoolSource(StoragePoolDef def) {
        List<String> pvs = groups().get(def.source().name());
        if (pvs == null) {
            throw StorageErrors.of(ErrorCode.CONFIG_UNSUPPORTED,
                    "cannot find logical volume group name '" + def.source().name() + "'");
        }
        if (def.source().devices().isEmpty()) {
            return;
        }
        long matches = def.source().devices().stream().filter(d -> pvs.contains(d.path())).count();
        if (matches == 0) {
            throw StorageErrors.of(ErrorCode.CONFIG_UNSUPPORTED, "cannot find any matching source devices for logical "
                    + "volume group '" + def.source().name() + "'");
        }
    }

    @Override
    public boolean checkPool(PoolContext pool) {
        try {
            matchPoolSource(pool.def());
            return true;
        } catch (VirtException e) {
            return false;
        }
    }

    @Override
    public void startPool(PoolContext pool) {
        matchPoolSource(pool.def());
        changeCommand("vgchange", pool.def(), true).run();
    }

    @Override
    public void stopPool(PoolContext pool) {
        changeCommand("vgchange", pool.def(), false).run();
    }

    @Override
    public void buildPool(PoolContext pool, int flags) {
        int over = StoragePoolBuildFlag.OVERWRITE.bit();
        int noOver = StoragePoolBuildFlag.NO_OVERWRITE.bit();
        StorageErrors.checkFlags(flags, over | noOver, "virStorageBackendLogicalBuildPool");
        if ((flags & over) != 0 && (flags & noOver) != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.STORAGE,
                    "Flags 'VIR_STORAGE_POOL_BUILD_OVERWRITE' and 'VIR_STORAGE_POOL_BUILD_NO_OVERWRITE' are mutually exclusive");
        }
        StoragePoolDef def = pool.def();
        Command vgcreate = new Command("vgcreate", def.source().name());
        List<String> initialized = new ArrayList<>();
        boolean ok = false;
        try {
            for (PoolSource.Device d : def.source().devices()) {
                if ((flags & over) == 0) {
                    DeviceProbe.isEmpty(d.path(), "LVM2_member", true);
                }
                // LVM wants the first sector of a whole disk blank: libvirt blanks both ends
                Wipe.wipeFile(d.path(), 0, 1024 * 1024, false);
                Wipe.wipeFile(d.path(), 0, 1024 * 1024, true);
                initialized.add(d.path());
                new Command("pvcreate", d.path()).run();
                vgcreate.arg(d.path());
            }
            vgcreate.run();
            ok = true;
        } finally {
            if (!ok) {
                for (String path : initialized) {
                    removeDevice(path);
                }
            }
        }
    }

    private static void removeDevice(String path) {
        if (new Command("pvremove", path).runStatus().exitStatus() != 0) {
            LOG.info("Failed to pvremove logical device '" + path + "'");
        }
    }

    @Override
    public PoolRefresh refreshPool(PoolContext pool) {
        StoragePoolDef def = pool.def();
        List<StorageVolDef> vols = findVolumes(def, null);
        Command vgs = new Command("vgs", "--separator", ":", "--noheadings", "--units", "b", "--unbuffered",
                "--nosuffix", "--options", "vg_size,vg_free", def.source().name());
        long capacity = 0;
        long available = 0;
        for (String line : vgs.run().stdout().split("\n")) {
            Matcher m = VGS.matcher(line);
            if (m.matches()) {
                capacity = Long.parseUnsignedLong(m.group(1));
                available = Long.parseUnsignedLong(m.group(2));
            }
        }
        return new PoolRefresh(def.withSizes(capacity, capacity - available, available), vols);
    }

    /** libvirt's {@code virStorageBackendLogicalFindLVs}: one volume per active, non-thin-pool LV, extents merged. */
    private static List<StorageVolDef> findVolumes(StoragePoolDef def, String only) {
        Command lvs = new Command("lvs", "--separator", "#", "--noheadings", "--units", "b", "--unbuffered",
                "--nosuffix", "--options", "lv_name,origin,uuid,devices,segtype,stripes,seg_size,vg_extent_size,size,lv_attr",
                def.source().name());
        Map<String, StorageVolDef> vols = new LinkedHashMap<>();
        for (String line : lvs.run().stdout().split("\n")) {
            Matcher m = LVS.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            String attrs = m.group(10);
            if (attrs.length() < 5 || attrs.charAt(4) != 'a' || attrs.charAt(0) == 't') {
                continue;
            }
            if (only != null && !only.equals(name)) {
                continue;
            }
            StorageVolDef v = vols.get(name);
            List<StorageVolDef.SourceExtent> extents = new ArrayList<>(v == null ? List.of() : v.sourceExtents());
            extents.addAll(extents(m));
            if (v == null) {
                String path = def.targetPath() + "/" + name;
                VolTarget backing = null;
                String origin = m.group(2);
                if (!origin.isEmpty() && origin.charAt(0) != '[') {
                    backing = new VolTarget(def.targetPath() + "/" + origin, null, StoragePerms.NONE, null, null, null,
                            false, 0, null);
                }
                v = new StorageVolDef(name, m.group(3), StorageVolType.BLOCK, List.of(), 0, 0, false, 0,
                        new VolTarget(path, null, StoragePerms.NONE, null, null, null, false, 0, null), backing);
                v = VolumeInfo.update(v);
                v = v.withSizes(v.capacity(), Long.parseUnsignedLong(m.group(9)));
            }
            vols.put(name, v.withSourceExtents(extents));
        }
        return List.copyOf(vols.values());
    }

    /** The "devices" field: {@code PATH(OFFSET)} per stripe, as byte ranges. */
    private static List<StorageVolDef.SourceExtent> extents(Matcher m) {
        String segtype = m.group(5);
        int stripes = 1;
        if (segtype.equals("striped") || segtype.equals("mirror") || segtype.startsWith("raid")) {
            stripes = Integer.parseInt(m.group(6));
        }
        long length = Long.parseUnsignedLong(m.group(7));
        long size = Long.parseUnsignedLong(m.group(8));
        Matcher d = Pattern.compile("(\\S+?)\\((\\S+?)\\)").matcher(m.group(4));
        List<StorageVolDef.SourceExtent> out = new ArrayList<>();
        for (int i = 0; i < stripes && d.find(); i++) {
            long offset = Long.parseUnsignedLong(d.group(2));
            out.add(new StorageVolDef.SourceExtent(d.group(1), offset * size, offset * size + length));
        }
        if (out.size() != stripes) {
            throw StorageErrors.internal("malformed volume extent devices value");
        }
        return out;
    }

    @Override
    public void deletePool(PoolContext pool, int flags) {
        StorageErrors.checkFlags(flags, 0, "virStorageBackendLogicalDeletePool");
        new Command("vgremove", "-f", pool.def().source().name()).run();
        for (PoolSource.Device d : pool.def().source().devices()) {
            removeDevice(d.path());
        }
    }

    /** libvirt's logical backend creates the LV when it names the volume. */
    @Override
    public boolean buildsVolumes() {
        return false;
    }

    @Override
    public StorageVolDef createVol(PoolContext pool, StorageVolDef vol) {
        StoragePoolDef def = pool.def();
        String path = def.targetPath() + "/" + vol.name();
        StorageVolDef v = vol.withType(StorageVolType.BLOCK).withPath(path);
        VolEncryption enc = v.target().encryption();
        if (enc != null && enc.format() != VolEncryption.Format.LUKS) {
            throw StorageErrors.of(ErrorCode.CONFIG_UNSUPPORTED, "storage pool only supports LUKS encrypted volumes");
        }
        lvcreate(v, def).run();
        try {
            if (enc != null) {
                QemuImgRunner.create(pool, v, null, 0);
            }
            int mode = v.target().perms().mode() != null ? v.target().perms().mode() : LocalVolumes.DEFAULT_VOL_MODE;
            java.nio.file.Path p = java.nio.file.Path.of(path);
            java.nio.file.Files.setAttribute(p, "unix:uid", v.target().perms().owner() == null ? 0
                    : v.target().perms().owner().intValue());
            java.nio.file.Files.setAttribute(p, "unix:gid", v.target().perms().group() == null ? 0
                    : v.target().perms().group().intValue());
            java.nio.file.Files.setAttribute(p, "unix:mode", mode);
            List<StorageVolDef> found = findVolumes(def, vol.name());
            if (found.isEmpty()) {
                throw StorageErrors.system("cannot find newly created volume '" + path + "'", "Success");
            }
            return found.get(0);
        } catch (java.io.IOException | RuntimeException e) {
            try {
                deleteVol(pool, v, 0);
            } catch (RuntimeException ignored) {
                // the creation's error is the one to report
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw StorageErrors.system("cannot set file mode '" + path + "'", e.getMessage());
        }
    }

    /** libvirt's {@code virStorageBackendLogicalLVCreate}. */
    static Command lvcreate(StorageVolDef vol, StoragePoolDef def) {
        long capacity = vol.capacity();
        Command cmd = new Command("lvcreate", "--name", vol.name(), "-L");
        if (capacity != vol.allocation()) {
            cmd.arg(Long.toUnsignedString(ceilKiB(vol.allocation() != 0 ? vol.allocation() : 1)) + "K");
            cmd.args("--type", "snapshot", "--virtualsize");
        }
        if (vol.target().encryption() != null) {
            capacity += 2 * 1024 * 1024;
        }
        cmd.arg(Long.toUnsignedString(ceilKiB(capacity)) + "K");
        if (vol.backingStore() != null && vol.backingStore().path() != null) {
            cmd.args("-s", vol.backingStore().path());
        } else {
            cmd.arg(def.source().name());
        }
        return cmd.arg("--yes");
    }

    private static long ceilKiB(long bytes) {
        return bytes == 0 ? 0 : Long.divideUnsigned(bytes - 1, 1024) + 1;
    }

    @Override
    public void deleteVol(PoolContext pool, StorageVolDef vol, int flags) {
        StorageErrors.checkFlags(flags, 0, "virStorageBackendLogicalDeleteVol");
        Command remove = new Command("lvremove", "-f", vol.target().path());
        if (remove.runStatus().exitStatus() != 0) {
            new Command("lvchange", "-aln", vol.target().path()).run();
            remove.run();
        }
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
        if (vol.capacity() != vol.allocation()) {
            throw StorageErrors.of(ErrorCode.NO_SUPPORT,
                    "logical volume '" + vol.target().path() + "' is sparse, volume wipe not supported");
        }
        Wipe.wipe(vol, algorithm, flags);
    }
}
