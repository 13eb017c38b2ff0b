package io.jvirt.storage.local;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.StorageVolWipeAlgorithm;
import io.jvirt.conf.storage.StorageVolDef;

/**
 * libvirt's {@code virStorageBackendVolWipeLocal}: zeros written over the volume's allocation (a
 * sparse file is instead truncated and extended back, which zeroes it), and every other algorithm
 * by {@code scrub -f -p ALGORITHM PATH}, as libvirt runs it; {@code trim} is not supported.
 */
public final class Wipe {
    private Wipe() {
    }

    public static void wipe(StorageVolDef vol, int algorithm, int flags) {
        StorageErrors.checkFlags(flags, 0, "virStorageBackendVolWipeLocal");
        wipeFile(vol.target().path(), algorithm, vol.allocation(), false);
    }

    /** Zeros over the first {@code length} bytes (or, {@code atEnd}, the last). */
    public static void wipeFile(String path, int algorithm, long length, boolean atEnd) {
        StorageVolWipeAlgorithm alg = StorageVolWipeAlgorithm.fromValue(algorithm);
        if (alg == null) {
            throw StorageErrors.of(ErrorCode.INVALID_ARG, "unsupported algorithm " + algorithm);
        }
        int fd;
        try {
            fd = Posix.open(path, Posix.O_RDWR, 0, "Failed to open storage volume with path '" + path + "'");
        } catch (PosixException e) {
            throw e.toVirt();
        }
        try {
            FileStat st = Posix.fstat(fd, "Failed to stat storage volume with path '" + path + "'");
            if (alg == StorageVolWipeAlgorithm.TRIM) {
                throw StorageErrors.of(ErrorCode.ARGUMENT_UNSUPPORTED, "'trim' algorithm not supported");
            }
            if (alg != StorageVolWipeAlgorithm.ZERO) {
                new Command("scrub", "-f", "-p", alg.name().toLowerCase(java.util.Locale.ROOT), path).run();
                return;
            }
            if (st.isRegular() && st.blocks() < st.size() / 512) {
                Posix.ftruncate(fd, 0, "Failed to truncate volume with path '" + path + "' to 0 bytes");
                Posix.ftruncate(fd, st.size(), "Failed to truncate volume with path '" + path + "' to "
                        + st.size() + " bytes");
                return;
            }
            long start = 0;
            if (atEnd) {
                start = Posix.lseek(fd, -length, Posix.SEEK_END, "Failed to seek to " + Long.toUnsignedString(length)
                        + " bytes to the end in volume with path '" + path + "'");
            }
            int chunk = (int) Math.max(1, Math.min(st.blksize() > 0 ? st.blksize() : 4096, 1 << 20));
            byte[] zeros = new byte[Math.max(chunk, 64 * 1024)];
            for (long done = 0; done < length;) {
                int n = (int) Math.min(zeros.length, length - done);
                Posix.pwriteAll(fd, zeros, n, start + done, "Failed to write " + n
                        + " bytes to storage volume with path '" + path + "'");
                done += n;
            }
            Posix.fdatasync(fd, "cannot sync data to volume with path '" + path + "'");
        } catch (PosixException e) {
            throw e.toVirt();
        } finally {
            Posix.closeQuietly(fd);
        }
    }
}
