package io.jvirt.storage.local;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.jvirt.conf.storage.VolTarget;

/** The fields of {@code struct stat} that storage needs (glibc x86_64 layout). */
public record FileStat(long dev, long ino, int mode, int uid, int gid, long rdev, long size, long blksize,
        long blocks, VolTarget.Time atime, VolTarget.Time mtime, VolTarget.Time ctime) {

    static FileStat of(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long dev = b.getLong(0);
        long ino = b.getLong(8);
        int mode = b.getInt(24);
        int uid = b.getInt(28);
        int gid = b.getInt(32);
        long rdev = b.getLong(40);
        long size = b.getLong(48);
        long blksize = b.getLong(56);
        long blocks = b.getLong(64);
        return new FileStat(dev, ino, mode, uid, gid, rdev, size, blksize, blocks,
                new VolTarget.Time(b.getLong(72), b.getLong(80)), new VolTarget.Time(b.getLong(88), b.getLong(96)),
                new VolTarget.Time(b.getLong(104), b.getLong(112)));
    }

    public boolean isRegular() {
        return (mode & Posix.S_IFMT) == Posix.S_IFREG;
    }

    public boolean isDirectory() {
        return (mode & Posix.S_IFMT) == Posix.S_IFDIR;
    }

    public boolean isBlock() {
        return (mode & Posix.S_IFMT) == Posix.S_IFBLK;
    }

    public boolean isChar() {
        return (mode & Posix.S_IFMT) == Posix.S_IFCHR;
    }

    public boolean isLink() {
        return (mode & Posix.S_IFMT) == Posix.S_IFLNK;
    }

    public boolean isFifo() {
        return (mode & Posix.S_IFMT) == Posix.S_IFIFO;
    }

    public boolean isSocket() {
        return (mode & Posix.S_IFMT) == Posix.S_IFSOCK;
    }

    /** Permission bits (libvirt's {@code st_mode & S_IRWXUGO}). */
    public int permissions() {
        return mode & 0777;
    }

    /** Bytes allocated: {@code st_blocks * 512}. */
    public long allocated() {
        return blocks * 512;
    }
}
