package io.jvirt.storage.local;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The few C library calls the JDK lacks, through JNA direct mapping: a file's allocated blocks and
 * its nanosecond times ({@code stat}), {@code fallocate}, {@code lseek} with {@code SEEK_DATA} /
 * {@code SEEK_HOLE}, and byte I/O at offsets on descriptors opened here. Linux x86_64 (glibc)
 * layouts. Failures are {@link PosixException}s carrying errno and its text.
 */
public final class Posix {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_NONBLOCK = 04000;
    public static final int O_CLOEXEC = 02000000;

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int EOPNOTSUPP = 95;

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    /** glibc x86_64 {@code struct stat}. */
    private static final int STAT_SIZE = 144;

    static {
        if (!Platform.isLinux()) {
            throw new UnsatisfiedLinkError("io.jvirt.storage.local.Posix needs Linux");
        }
        Native.register(NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private Posix() {
    }

    private static native int open(String path, int flags, int mode);

    private static native int close(int fd);

    private static native int stat(String path, byte[] buf);

    private static native int lstat(String path, byte[] buf);

    private static native int fstat(int fd, byte[] buf);

    private static native int fallocate(int fd, int mode, long offset, long len);

    private static native long lseek(int fd, long offset, int whence);

    private static native int ftruncate(int fd, long length);

    private static native int fdatasync(int fd);

    private static native int fsync(int fd);

    private static native long pread(int fd, byte[] buf, long count, long offset);

    private static native long pwrite(int fd, byte[] buf, long count, long offset);

    private static native long pread(int fd, com.sun.jna.Pointer buf, long count, long offset);

    /** Reads up to {@code count} bytes at {@code offset} into native memory (no Java array copied in); 0 at the end. */
    public static int pread(int fd, com.sun.jna.Pointer buf, int count, long offset, String what) {
        for (;;) {
            long n = pread(fd, buf, count, offset);
            if (n >= 0) {
                return (int) n;
            }
            if (Native.getLastError() != EINTR) {
                throw fail(what);
            }
        }
    }

    private static native String strerror(int errnum);

    private static native int statvfs(String path, byte[] buf);

    /** A file system's size and free space: {@code {f_frsize * f_blocks, f_frsize * f_bfree}} (libvirt's pool sizes). */
    public static long[] statvfs(String path, String what) {
        byte[] buf = new byte[112];
        if (statvfs(path, buf) < 0) {
            throw fail(what);
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long frsize = b.getLong(8);
        long blocks = b.getLong(16);
        long bfree = b.getLong(24);
        return new long[] { frsize * blocks, bfree * frsize };
    }

    /** The C library's message for an errno, as libvirt's {@code virReportSystemError} appends it. */
    public static String message(int errno) {
        String s = strerror(errno);
        return s == null ? "errno " + errno : s;
    }

    private static PosixException fail(String what) {
        int errno = Native.getLastError();
        return new PosixException(errno, what);
    }

    /** {@code open(2)}; returns the descriptor. */
    public static int open(String path, int flags, int mode, String what) {
        int fd;
        do {
            fd = open(path, flags | O_CLOEXEC, mode);
        } while (fd < 0 && Native.getLastError() == EINTR);
        if (fd < 0) {
            throw fail(what);
        }
        return fd;
    }

    public static void close(int fd, String what) {
        if (close(fd) < 0 && Native.getLastError() != EINTR) {
            throw fail(what);
        }
    }

    /** Closes and forgets errors (cleanup paths). */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            close(fd);
        }
    }

    public static FileStat stat(String path, String what) {
        byte[] buf = new byte[STAT_SIZE];
        if (stat(path, buf) < 0) {
            throw fail(what);
        }
        return FileStat.of(buf);
    }

    public static FileStat lstat(String path, String what) {
        byte[] buf = new byte[STAT_SIZE];
        if (lstat(path, buf) < 0) {
            throw fail(what);
        }
        return FileStat.of(buf);
    }

    public static FileStat fstat(int fd, String what) {
        byte[] buf = new byte[STAT_SIZE];
        if (fstat(fd, buf) < 0) {
            throw fail(what);
        }
        return FileStat.of(buf);
    }

    /** {@code fallocate(fd, 0, offset, len)}; false when the file system cannot (ENOSYS, EOPNOTSUPP). */
    public static boolean fallocate(int fd, long offset, long len, String what) {
        if (fallocate(fd, 0, offset, len) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == ENOSYS || errno == EOPNOTSUPP) {
            return false;
        }
        throw new PosixException(errno, what);
    }

    public static long lseek(int fd, long offset, int whence, String what) {
        long r = lseek(fd, offset, whence);
        if (r < 0) {
            throw fail(what);
        }
        return r;
    }

    /** {@code lseek} with {@code SEEK_DATA}/{@code SEEK_HOLE}: -1 when there is none after {@code offset} (ENXIO). */
    public static long seekData(int fd, long offset, boolean data) {
        long r = lseek(fd, offset, data ? SEEK_DATA : SEEK_HOLE);
        if (r < 0) {
            int errno = Native.getLastError();
            if (errno == ENXIO) {
                return -1;
            }
            throw new PosixException(errno, data ? "cannot seek to data" : "cannot seek to a hole");
        }
        return r;
    }

    public static void ftruncate(int fd, long length, String what) {
        if (ftruncate(fd, length) < 0) {
            throw fail(what);
        }
    }

    public static void fdatasync(int fd, String what) {
        if (fdatasync(fd) < 0) {
            throw fail(what);
        }
    }

    public static void fsync(int fd, String what) {
        if (fsync(fd) < 0) {
            throw fail(what);
        }
    }

    /** Reads up to {@code count} bytes at {@code offset}; 0 at the end. */
    public static int pread(int fd, byte[] buf, int count, long offset, String what) {
        for (;;) {
            long n = pread(fd, buf, count, offset);
            if (n >= 0) {
                return (int) n;
            }
            if (Native.getLastError() != EINTR) {
                throw fail(what);
            }
        }
    }

    /** Writes all {@code count} bytes of {@code buf} at {@code offset}. */
    public static void pwriteAll(int fd, byte[] buf, int count, long offset, String what) {
        byte[] data = buf;
        int done = 0;
        while (done < count) {
            if (done > 0) {
                byte[] rest = new byte[count - done];
                System.arraycopy(buf, done, rest, 0, rest.length);
                data = rest;
            }
            long n = pwrite(fd, data, count - done, offset + done);
            if (n < 0) {
                if (Native.getLastError() == EINTR) {
                    continue;
                }
                throw fail(what);
            }
            done += (int) n;
        }
    }
}
