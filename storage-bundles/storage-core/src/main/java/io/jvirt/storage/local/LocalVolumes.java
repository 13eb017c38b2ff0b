package io.jvirt.storage.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.StorageVolCreateFlag;
import io.jvirt.api.StorageVolResizeFlag;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.FileFormat;
import io.jvirt.conf.storage.StoragePerms;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.conf.storage.StorageVolType;
import io.jvirt.storage.backend.PoolContext;

/**
 * Volumes that are files of a pool directory, as libvirt's {@code virStorageBackendVol*Local}:
 * naming ({@link #name}), creation (raw files with {@code fallocate}, directories, everything else
 * and every encrypted or converting copy through {@code qemu-img}), copies, deletion and resizing.
 * Block-device volumes (logical, disk) use {@link #copyInto} and {@link #resize} too.
 */
public final class LocalVolumes {
    /** libvirt's {@code VIR_STORAGE_DEFAULT_VOL_PERM_MODE}. */
    public static final int DEFAULT_VOL_MODE = 0600;
    private static final int READ_BLOCK = 1024 * 1024;
    private static final int MIN_WRITE_BLOCK = 4096;

    private LocalVolumes() {
    }

    static VirtException err(ErrorCode code, String message) {
        return StorageErrors.of(code, message);
    }

    /** libvirt's {@code virStorageBackendVolCreateLocal}: type, path and key of a new file volume. */
    public static StorageVolDef name(StoragePoolDef pool, StorageVolDef vol) {
        StorageVolType type = vol.target().format() == FileFormat.DIR ? StorageVolType.DIR
                : vol.target().format() == FileFormat.PLOOP ? StorageVolType.PLOOP : StorageVolType.FILE;
        if (vol.name().indexOf('/') >= 0) {
            throw err(ErrorCode.OPERATION_INVALID, "volume name '" + vol.name() + "' cannot contain '/'");
        }
        String path = pool.targetPath() + "/" + vol.name();
        if (Files.exists(Path.of(path), java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.exists(Path.of(path))) {
            throw err(ErrorCode.OPERATION_INVALID, "volume target path '" + path + "' already exists");
        }
        return vol.withType(type).withPath(path).withKey(path);
    }

    /**
     * libvirt's {@code virStorageBackendVolBuildLocal} and {@code ...BuildFromLocal}: a raw file (a
     * sparse or fallocated one, or a copy), a directory, or {@code qemu-img} for every other format,
     * every encrypted volume and every conversion.
     */
    public static void build(PoolContext pool, StorageVolDef vol, StorageVolDef input, int flags) {
        FileFormat format = vol.target().format() instanceof FileFormat f ? f : FileFormat.RAW;
        if (input != null) {
            boolean qemuImg = (vol.type() == StorageVolType.FILE
                    && (format != FileFormat.RAW || vol.target().encryption() != null))
                    || (input.type() == StorageVolType.FILE
                            && (input.target().format() != FileFormat.RAW || input.target().encryption() != null));
            if (qemuImg) {
                QemuImgRunner.create(pool, vol, input, flags);
            } else if (vol.type() == StorageVolType.BLOCK) {
                copyIntoBlock(vol, input, flags);
            } else {
                createRaw(pool.def(), vol, input, flags);
            }
        } else if (format == FileFormat.RAW && vol.target().encryption() == null) {
            createRaw(pool.def(), vol, null, flags);
        } else if (format == FileFormat.DIR) {
            createDir(vol, flags);
        } else if (format == FileFormat.PLOOP) {
            throw err(ErrorCode.INTERNAL_ERROR, "unable to find ploop, please install ploop tools");
        } else {
            QemuImgRunner.create(pool, vol, null, flags);
        }
    }

    private static int mode(StorageVolDef vol) {
        Integer m = vol.target().perms().mode();
        return m != null ? m : DEFAULT_VOL_MODE;
    }

    /** {@code storageBackendCreateRaw}: a new file, extended to the capacity and allocated (or copied) as asked. */
    static void createRaw(StoragePoolDef pool, StorageVolDef vol, StorageVolDef input, int flags) {
        checkFlags(flags, StorageVolCreateFlag.PREALLOC_METADATA.bit() | StorageVolCreateFlag.REFLINK.bit(),
                "storageBackendCreateRaw");
        if ((flags & StorageVolCreateFlag.PREALLOC_METADATA.bit()) != 0) {
            throw err(ErrorCode.CONFIG_UNSUPPORTED, "metadata preallocation is not supported for raw volumes");
        }
        if (vol.backingStore() != null && vol.backingStore().path() != null) {
            throw err(ErrorCode.NO_SUPPORT, "backing storage not supported for raw volumes");
        }
        if (vol.target().encryption() != null) {
            throw err(ErrorCode.CONFIG_UNSUPPORTED, "storage pool does not support encrypted volumes");
        }
        String path = vol.target().path();
        int fd;
        try {
            fd = Posix.open(path, Posix.O_RDWR | Posix.O_CREAT | Posix.O_EXCL, mode(vol),
                    "Failed to create file '" + path + "'");
        } catch (PosixException e) {
            throw e.toVirt();
        }
        boolean ok = false;
        try {
            setOwnerAndMode(fd, path, vol.target().perms(), mode(vol));
            fillRaw(fd, vol, input);
            ok = true;
        } catch (PosixException e) {
            throw e.toVirt();
        } finally {
            Posix.closeQuietly(fd);
            if (!ok) {
                removeQuietly(path);
            }
        }
    }

    /** libvirt's {@code createRawFile}. */
    private static void fillRaw(int fd, StorageVolDef vol, StorageVolDef input) {
        String path = vol.target().path();
        boolean needAlloc = !(input != null && Long.compareUnsigned(vol.allocation(), input.capacity()) < 0);
        Posix.ftruncate(fd, vol.capacity(), "cannot extend file '" + path + "'");
        if (vol.allocation() != 0 && needAlloc) {
            if (Posix.fallocate(fd, 0, vol.allocation(),
                    "cannot allocate " + Long.toUnsignedString(vol.allocation()) + " bytes in file '" + path + "'")) {
                needAlloc = false;
            }
        }
        long pos = 0;
        if (input != null) {
            long remain = copy(input.target().path(), fd, path, input.capacity(), !needAlloc);
            pos = input.capacity() - remain;
        }
        if (needAlloc && vol.allocation() - pos > 0) {
            zero(fd, path, pos, vol.allocation() - pos);
        }
        Posix.fsync(fd, "cannot sync data to file '" + path + "'");
    }

    /** Writes zeros (libvirt's {@code safezero} where fallocate is not available). */
    private static void zero(int fd, String path, long offset, long length) {
        byte[] zeros = new byte[READ_BLOCK];
        for (long done = 0; done < length;) {
            int n = (int) Math.min(zeros.length, length - done);
            Posix.pwriteAll(fd, zeros, n, offset + done, "cannot fill file '" + path + "'");
            done += n;
        }
    }

    /**
     * libvirt's {@code virStorageBackendCopyToFD}: {@code total} bytes of {@code inputPath} into
     * {@code fd} from its start; with {@code sparse} all-zero blocks are skipped (left as holes).
     * Returns what was not copied (the input ended early).
     */
    static long copy(String inputPath, int fd, String path, long total, boolean sparse) {
        int in = Posix.open(inputPath, Posix.O_RDONLY, 0, "could not open input path '" + inputPath + "'");
        try {
            FileStat st = Posix.fstat(fd, "cannot stat '" + path + "'");
            int wbytes = (int) Math.max(st.blksize(), MIN_WRITE_BLOCK);
            byte[] buf = new byte[READ_BLOCK];
            long remain = total;
            long pos = 0;
            while (remain > 0) {
                int want = (int) Math.min(buf.length, remain);
                int got = Posix.pread(in, buf, want, pos, "failed reading from file '" + inputPath + "'");
                if (got <= 0) {
                    break;
                }
                remain -= got;
                for (int off = 0; off < got; off += wbytes) {
                    int n = Math.min(wbytes, got - off);
                    if (sparse && allZero(buf, off, n)) {
                        continue;
                    }
                    byte[] chunk = off == 0 && n == got ? buf : java.util.Arrays.copyOfRange(buf, off, off + n);
                    Posix.pwriteAll(fd, chunk, n, pos + off, "failed writing to file '" + path + "'");
                }
                pos += got;
            }
            Posix.fdatasync(fd, "cannot sync data to file '" + path + "'");
            return remain;
        } finally {
            Posix.closeQuietly(in);
        }
    }

    private static boolean allZero(byte[] b, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code storageBackendCreateBlockFrom}: the input's raw bytes onto a block device volume. */
    public static void copyIntoBlock(StorageVolDef vol, StorageVolDef input, int flags) {
        checkFlags(flags, StorageVolCreateFlag.PREALLOC_METADATA.bit() | StorageVolCreateFlag.REFLINK.bit(),
                "storageBackendCreateBlockFrom");
        if ((flags & StorageVolCreateFlag.PREALLOC_METADATA.bit()) != 0) {
            throw err(ErrorCode.CONFIG_UNSUPPORTED, "metadata preallocation is not supported for block volumes");
        }
        String path = vol.target().path();
        int fd;
        try {
            fd = Posix.open(path, Posix.O_RDWR, 0, "cannot create path '" + path + "'");
        } catch (PosixException e) {
            throw e.toVirt();
        }
        try {
            if (input != null) {
                copy(input.target().path(), fd, path, vol.capacity(), false);
            }
            setOwnerAndMode(fd, path, vol.target().perms(), mode(vol));
        } catch (PosixException e) {
            throw e.toVirt();
        } finally {
            Posix.closeQuietly(fd);
        }
    }

    /** Used by the block backends: {@link #copyIntoBlock} under its public name. */
    public static void copyInto(StorageVolDef vol, StorageVolDef input, int flags) {
        copyIntoBlock(vol, input, flags);
    }

    /** {@code createFileDir}: a directory volume. */
    private static void createDir(StorageVolDef vol, int flags) {
        checkFlags(flags, 0, "createFileDir");
        if (vol.backingStore() != null && vol.backingStore().path() != null) {
            throw err(ErrorCode.NO_SUPPORT, "backing storage not supported for directories volumes");
        }
        Integer mode = vol.target().perms().mode();
        LocalPools.createDir(vol.target().path(), mode != null ? mode : DEFAULT_VOL_MODE, vol.target().perms(), false);
    }

    static void setOwnerAndMode(int fd, String path, StoragePerms perms, int mode) {
        Path p = Path.of(path);
        try {
            if (perms.owner() != null || perms.group() != null) {
                FileStat st = Posix.fstat(fd, "stat of '" + path + "' failed");
                if (perms.owner() != null && perms.owner() != (st.uid() & 0xFFFFFFFFL)) {
                    Files.setAttribute(p, "unix:uid", perms.owner().intValue());
                }
                if (perms.group() != null && perms.group() != (st.gid() & 0xFFFFFFFFL)) {
                    Files.setAttribute(p, "unix:gid", perms.group().intValue());
                }
            }
            Files.setAttribute(p, "unix:mode", mode);
        } catch (IOException | UnsupportedOperationException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE,
                    "cannot set mode of '" + path + "' to " + String.format("%04o", mode) + ": " + e.getMessage());
        }
    }

    static void removeQuietly(String path) {
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            // cleanup of a failed creation: the original error is what the caller reports
        }
    }

    /** {@code virStorageBackendVolDeleteLocal}: the file or directory goes; one already gone is fine. */
    public static void delete(StorageVolDef vol, int flags) {
        checkFlags(flags, 0, "virStorageBackendVolDeleteLocal");
        Path p = Path.of(vol.target().path());
        switch (vol.type()) {
            case FILE, DIR -> {
                try {
                    Files.deleteIfExists(p);
                } catch (java.nio.file.DirectoryNotEmptyException e) {
                    throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE,
                            "cannot remove directory '" + p + "': Directory not empty");
                } catch (IOException e) {
                    throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE,
                            (vol.type() == StorageVolType.FILE ? "cannot unlink file '" : "cannot remove directory '")
                                    + p + "': " + reason(e));
                }
            }
            default -> throw err(ErrorCode.NO_SUPPORT,
                    "removing block or network volumes is not supported: " + vol.target().path());
        }
    }

    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage();
    }

    /**
     * {@code virStorageBackendVolResizeLocal}: a raw file is truncated or allocated, everything else
     * goes through {@code qemu-img resize}.
     */
    public static void resize(PoolContext pool, StorageVolDef vol, long capacity, int flags) {
        checkFlags(flags, StorageVolResizeFlag.ALLOCATE.bit() | StorageVolResizeFlag.SHRINK.bit(),
                "virStorageBackendVolResizeLocal");
        boolean allocate = (flags & StorageVolResizeFlag.ALLOCATE.bit()) != 0;
        FileFormat format = vol.target().format() instanceof FileFormat f ? f : FileFormat.RAW;
        if (format == FileFormat.RAW && vol.target().encryption() == null) {
            resizeFile(vol.target().path(), capacity, allocate);
        } else if (format == FileFormat.RAW) {
            if (allocate) {
                throw err(ErrorCode.OPERATION_UNSUPPORTED, "preallocate is only supported for an unencrypted raw volume");
            }
            QemuImgRunner.resize(pool, vol, capacity);
        } else {
            if (allocate) {
                throw err(ErrorCode.OPERATION_UNSUPPORTED, "preallocate is only supported for raw type volume");
            }
            QemuImgRunner.resize(pool, vol, capacity);
        }
    }

    /** libvirt's {@code virFileResize}. */
    static void resizeFile(String path, long capacity, boolean allocate) {
        int fd;
        try {
            fd = Posix.open(path, Posix.O_RDWR, 0, "Unable to open '" + path + "'");
        } catch (PosixException e) {
            throw e.toVirt();
        }
        try {
            if (allocate) {
                FileStat st = Posix.fstat(fd, "cannot stat '" + path + "'");
                if (!Posix.fallocate(fd, 0, capacity, "Failed to pre-allocate space for file '" + path + "'")) {
                    if (capacity > st.size()) {
                        zero(fd, path, st.size(), capacity - st.size());
                    }
                }
            } else {
                Posix.ftruncate(fd, capacity, "Failed to truncate file '" + path + "'");
            }
        } catch (PosixException e) {
            throw e.toVirt();
        } finally {
            Posix.closeQuietly(fd);
        }
    }

    /** libvirt's {@code virCheckFlags} wording, in the storage domain. */
    public static void checkFlags(int flags, int allowed, String function) {
        StorageErrors.checkFlags(flags, allowed, function);
    }

    /** {@code rw-------} as a file attribute, for temporary secret files. */
    static java.nio.file.attribute.FileAttribute<?> privateFile() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
