package io.jvirt.storage.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.FileFormat;
import io.jvirt.conf.storage.StoragePerms;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.conf.storage.StorageVolType;
import io.jvirt.conf.storage.VolEncryption;
import io.jvirt.conf.storage.VolTarget;

/**
 * What a volume's file or device says about it, as libvirt's storage utilities read it: sizes
 * (capacity, allocation from the allocated blocks, physical), permissions and times from
 * {@code stat}, and the image header. {@link #update} refreshes a known volume keeping its format
 * ({@code virStorageBackendUpdateVolInfo}); {@link #probe} builds a volume from a file found in a
 * pool directory, probing its format and backing chain ({@code virStorageBackendRefreshVolTargetUpdate}).
 */
public final class VolumeInfo {
    private VolumeInfo() {
    }

    /**
     * Backing stores already read during one pool refresh (many images share a base): each is probed
     * and stat'ed once per refresh instead of once per image.
     */
    private static final ThreadLocal<Map<String, VolTarget>> BACKINGS = new ThreadLocal<>();

    /** Runs {@code body} (a refresh) with backing stores read once each. */
    public static <T> T sharingBackings(java.util.function.Supplier<T> body) {
        BACKINGS.set(new java.util.HashMap<>());
        try {
            return body.get();
        } finally {
            BACKINGS.remove();
        }
    }

    /** The sizes, permissions and times of an open file or device. */
    private record Facts(long capacity, long allocation, long physical, StoragePerms perms,
            VolTarget.Timestamps times, FileStat stat) {
    }

    private static VirtException noVol(String path) {
        return new VirtException(ErrorCode.NO_STORAGE_VOL, ErrorDomain.STORAGE,
                "Storage volume not found: no storage vol with matching path '" + path + "'");
    }

    private static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.STORAGE, "internal error: " + message);
    }

    /**
     * libvirt's {@code virStorageBackendVolOpen}: the descriptor of a regular file, directory or block
     * device; -2 when {@code noError} and the path is something to skip silently (missing, a FIFO,
     * a socket, a dangling link, unreadable, {@code .}/{@code ..}).
     */
    static int open(String path, boolean noError, boolean allowDir) {
        if (noError) {
            return openQuietly(path, allowDir);
        }
        FileStat l;
        try {
            l = Posix.lstat(path, "cannot stat file '" + path + "'");
        } catch (PosixException e) {
            if (e.errno() == Posix.ENOENT) {
                if (noError) {
                    return -2;
                }
                throw noVol(path);
            }
            throw e.toVirt();
        }
        if (l.isFifo()) {
            if (noError) {
                return -2;
            }
            throw internal("Volume path '" + path + "' is a FIFO");
        }
        if (l.isSocket()) {
            if (noError) {
                return -2;
            }
            throw internal("Volume path '" + path + "' is a socket");
        }
        int fd;
        try {
            fd = Posix.open(path, Posix.O_RDONLY | Posix.O_NONBLOCK | Posix.O_NOCTTY, 0,
                    "cannot open volume '" + path + "'");
        } catch (PosixException e) {
            int err = e.errno();
            if (noError && (err == Posix.ENOENT || err == Posix.ELOOP || err == Posix.ENXIO || err == Posix.EACCES
                    || err == 1 /* EPERM */)) {
                return -2;
            }
            throw e.toVirt();
        }
        FileStat st;
        try {
            st = Posix.fstat(fd, "cannot stat file '" + path + "'");
        } catch (PosixException e) {
            Posix.closeQuietly(fd);
            throw e.toVirt();
        }
        String base = Path.of(path).getFileName() == null ? path : Path.of(path).getFileName().toString();
        boolean ok = st.isRegular() || st.isBlock() || (allowDir && st.isDirectory());
        if (st.isDirectory() && (base.equals(".") || base.equals(".."))) {
            Posix.closeQuietly(fd);
            if (noError) {
                return -2;
            }
            throw internal("Cannot use volume path '" + path + "'");
        }
        if (!ok) {
            Posix.closeQuietly(fd);
            if (noError) {
                return -2;
            }
            throw internal(st.isChar() || st.isDirectory() ? "unexpected storage mode for '" + path + "'"
                    : "unexpected type for file '" + path + "'");
        }
        return fd;
    }

    /**
     * {@link #open} for a pool refresh, in fewer calls: the open itself tells a missing file, a
     * dangling link or a socket (ENXIO), and the {@code fstat} after it a FIFO (opened without
     * blocking) or anything else a pool skips; the result is the same as libvirt's lstat-first path.
     */
    private static int openQuietly(String path, boolean allowDir) {
        int fd;
        try {
            fd = Posix.open(path, Posix.O_RDONLY | Posix.O_NONBLOCK | Posix.O_NOCTTY, 0, "cannot open volume '" + path + "'");
        } catch (PosixException e) {
            int err = e.errno();
            if (err == Posix.ENOENT || err == Posix.ELOOP || err == Posix.ENXIO || err == Posix.EACCES || err == 1) {
                return -2;
            }
            throw e.toVirt();
        }
        FileStat st;
        try {
            st = Posix.fstat(fd, "cannot stat file '" + path + "'");
        } catch (PosixException e) {
            Posix.closeQuietly(fd);
            throw e.toVirt();
        }
        String base = path.substring(path.lastIndexOf('/') + 1);
        boolean ok = st.isRegular() || st.isBlock() || (allowDir && st.isDirectory() && !base.equals(".")
                && !base.equals(".."));
        if (!ok) {
            Posix.closeQuietly(fd);
            return -2;
        }
        LAST_STAT.set(st);
        return fd;
    }

    /** The {@code fstat} {@link #openQuietly} made, for the caller on the same thread. */
    private static final ThreadLocal<FileStat> LAST_STAT = new ThreadLocal<>();

    private static Facts facts(int fd, String path) {
        return facts(fd, path, Posix.fstat(fd, "cannot stat file '" + path + "'"));
    }

    private static Facts facts(int fd, String path, FileStat st) {
        long capacity;
        long allocation;
        long physical;
        if (st.isRegular()) {
            allocation = st.allocated();
            capacity = st.size();
            physical = st.size();
        } else if (st.isDirectory()) {
            allocation = 0;
            capacity = 0;
            physical = 0;
        } else {
            long end = Posix.lseek(fd, 0, Posix.SEEK_END, "failed to seek to end of " + path);
            allocation = end;
            capacity = end;
            physical = end;
        }
        StoragePerms perms = new StoragePerms(st.permissions(), (long) st.uid() & 0xFFFFFFFFL,
                (long) st.gid() & 0xFFFFFFFFL, null);
        VolTarget.Timestamps times = new VolTarget.Timestamps(st.atime(), st.mtime(), st.ctime(),
                new VolTarget.Time(0, 0));
        return new Facts(capacity, allocation, physical, perms, times, st);
    }

    /** What is read first of a file: enough for every header but VMDK's descriptor and ISO's volume descriptor. */
    private static final int FIRST_READ = 4096;
    private static final ThreadLocal<com.sun.jna.Memory> NATIVE = ThreadLocal.withInitial(
            () -> new com.sun.jna.Memory(ImageProbe.MAX_HEADER));
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[ImageProbe.MAX_HEADER]);

    /**
     * The first {@link ImageProbe#MAX_HEADER} bytes of a descriptor (fewer for short files), as
     * libvirt reads them, into a buffer of this thread (valid until its next call). Only the first
     * 4 KiB are read when the rest cannot change what the header says ({@link ImageProbe#needsMore}).
     */
    static byte[] header(int fd, String path, int[] len) {
        com.sun.jna.Memory mem = NATIVE.get();
        byte[] buf = BUFFER.get();
        int got = readInto(fd, mem, 0, FIRST_READ, path);
        if (got == FIRST_READ && ImageProbe.needsMore(mem, got)) {
            got += readInto(fd, mem, got, ImageProbe.MAX_HEADER - got, path);
        }
        mem.read(0, buf, 0, got);
        java.util.Arrays.fill(buf, got, Math.min(buf.length, got + 8), (byte) 0);
        len[0] = got;
        return buf;
    }

    private static int readInto(int fd, com.sun.jna.Memory mem, int offset, int want, String path) {
        int done = 0;
        while (done < want) {
            int n = Posix.pread(fd, mem.share(offset + done), want - done, offset + done,
                    "cannot read header '" + path + "'");
            if (n <= 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /**
     * The volume as its file or device is now: sizes, permissions, times, and the capacity its image
     * header gives (for formats other than raw); its backing store is updated the same way, errors
     * there ignored. The format and everything else the definition says are kept.
     */
    public static StorageVolDef update(StorageVolDef vol) {
        String path = vol.target().path();
        int fd = open(path, false, true);
        try {
            Facts f;
            try {
                f = facts(fd, path);
            } catch (PosixException e) {
                throw e.toVirt();
            }
            long capacity = f.capacity();
            if ((vol.type() == StorageVolType.FILE || vol.type() == StorageVolType.BLOCK)
                    && vol.target().format() != null && vol.target().format() != FileFormat.NONE
                    && !f.stat().isDirectory()) {
                capacity = headerCapacity(fd, path, vol.target(), f.physical());
            }
            VolTarget target = vol.target().withPerms(f.perms()).withTimestamps(f.times());
            StorageVolDef out = vol.withTarget(target).withSizes(capacity, f.allocation()).withPhysical(f.physical());
            if (vol.backingStore() != null && vol.backingStore().path() != null) {
                out = withBacking(out, updateBacking(vol.backingStore()));
            }
            return out;
        } finally {
            Posix.closeQuietly(fd);
        }
    }

    /** libvirt's {@code virStorageSourceUpdateCapacity} for a declared format. */
    private static long headerCapacity(int fd, String path, VolTarget target, long physical) {
        if (!(target.format() instanceof FileFormat ff) || (ff == FileFormat.RAW && target.encryption() == null)) {
            return physical;
        }
        int[] len = new int[1];
        byte[] buf;
        try {
            buf = header(fd, path, len);
        } catch (PosixException e) {
            throw e.toVirt();
        }
        ImageInfo info = ImageProbe.read(buf, len[0], ff);
        long capacity = info.capacity() != 0 ? info.capacity() : physical;
        if (target.encryption() != null && info.payloadOffset() > 0) {
            capacity -= info.payloadOffset() * 512;
        }
        return capacity;
    }

    /** A backing store with its permissions and times, as far as its file can be read. */
    private static VolTarget updateBacking(VolTarget backing) {
        String path = backing.path();
        int fd;
        try {
            fd = open(path, true, true);
        } catch (VirtException e) {
            return backing;
        }
        if (fd < 0) {
            return backing;
        }
        try {
            Facts f = facts(fd, path);
            return backing.withPerms(f.perms()).withTimestamps(f.times());
        } catch (PosixException e) {
            return backing;
        } finally {
            Posix.closeQuietly(fd);
        }
    }

    private static StorageVolDef withBacking(StorageVolDef vol, VolTarget backing) {
        return new StorageVolDef(vol.name(), vol.key(), vol.type(), vol.sourceExtents(), vol.capacity(),
                vol.allocation(), vol.hasAllocation(), vol.physical(), vol.target(), backing);
    }

    /**
     * The volume a file in a pool directory is, or null for what libvirt skips silently (FIFOs,
     * sockets, dangling links, unreadable files): format probed from its header, capacity, qcow2
     * cluster size, features and compat level, encryption, and the backing file with its format
     * (probed when the header does not name it) and its permissions and times.
     */
    public static StorageVolDef probe(String name, String path) {
        return probe(name, path, BACKINGS.get());
    }

    /** {@link #probe(String, String)} sharing the backing stores of {@code cache} (null: none). */
    public static StorageVolDef probe(String name, String path, Map<String, VolTarget> cache) {
        int fd = open(path, true, true);
        if (fd == -2) {
            return null;
        }
        try {
            Facts f;
            try {
                f = facts(fd, path, LAST_STAT.get());
            } catch (PosixException e) {
                throw e.toVirt();
            }
            VolTarget base = new VolTarget(path, FileFormat.RAW, f.perms(), f.times(), null, null, false, 0, null);
            if (f.stat().isDirectory()) {
                return new StorageVolDef(name, path, StorageVolType.DIR, List.of(), 0, 0, false, 0,
                        new VolTarget(path, FileFormat.DIR, f.perms(), f.times(), null, null, false, 0, null), null);
            }
            int[] len = new int[1];
            byte[] buf;
            try {
                buf = header(fd, path, len);
            } catch (PosixException e) {
                throw e.toVirt();
            }
            ImageInfo info = ImageProbe.read(buf, len[0], null);
            long capacity = info.capacity() != 0 ? info.capacity() : f.capacity();
            VolEncryption enc = null;
            if (info.encryption() != null) {
                if (info.payloadOffset() > 0) {
                    capacity -= info.payloadOffset() * 512;
                }
                enc = new VolEncryption(info.encryption(), null, List.of(), null, null);
            }
            VolTarget target = new VolTarget(path, info.format(), f.perms(), f.times(), enc, info.compat(), false,
                    info.clusterSize(), info.features());
            VolTarget backing = null;
            if (info.backingRaw() != null) {
                String key = path.substring(0, path.lastIndexOf('/') + 1) + "\0" + info.backingRaw() + "\0"
                        + info.backingFormat();
                backing = cache == null ? null : cache.get(key);
                if (backing == null) {
                    backing = updateBacking(backingOf(path, info));
                    if (cache != null) {
                        cache.put(key, backing);
                    }
                }
            }
            StorageVolType type = info.format() == FileFormat.PLOOP ? StorageVolType.PLOOP : StorageVolType.FILE;
            return new StorageVolDef(name, path, type, List.of(), capacity, f.allocation(), false, f.physical(), target,
                    backing);
        } finally {
            Posix.closeQuietly(fd);
        }
    }

    /** The backing store an image names: a relative name is taken from the image's directory. */
    private static VolTarget backingOf(String path, ImageInfo info) {
        String raw = info.backingRaw();
        if (raw.contains("://") || raw.startsWith("json:") || raw.startsWith("nbd:")) {
            // not local storage: libvirt keeps the string and calls it raw
            return new VolTarget(raw, FileFormat.RAW, StoragePerms.NONE, null, null, null, false, 0, null);
        }
        String resolved;
        if (raw.startsWith("/")) {
            resolved = raw;
        } else {
            String dir = Path.of(path).getParent() == null ? "/" : Path.of(path).getParent().toString();
            resolved = dir.equals("/") ? "/" + raw : dir + "/" + raw;
        }
        FileFormat format = info.backingFormat();
        if (format == null) {
            format = probeFormat(resolved);
        }
        return new VolTarget(resolved, format, StoragePerms.NONE, null, null, null, false, 0, null);
    }

    /** libvirt's {@code virStorageFileProbeFormat}; a file that cannot be read is taken for raw. */
    public static FileFormat probeFormat(String path) {
        int fd;
        try {
            fd = Posix.open(path, Posix.O_RDONLY, 0, "Failed to open file '" + path + "'");
        } catch (PosixException e) {
            return FileFormat.RAW;
        }
        try {
            FileStat st = Posix.fstat(fd, "cannot stat file '" + path + "'");
            if (st.isDirectory()) {
                return FileFormat.DIR;
            }
            int[] len = new int[1];
            byte[] buf = header(fd, path, len);
            return ImageProbe.format(buf, len[0]);
        } catch (PosixException e) {
            return FileFormat.RAW;
        } finally {
            Posix.closeQuietly(fd);
        }
    }
}
