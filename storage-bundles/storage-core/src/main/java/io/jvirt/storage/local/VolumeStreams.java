package io.jvirt.storage.local;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.StreamDriver;

/**
 * A volume's data as a stream, libvirt's {@code virFDStreamOpenBlockDevice}: from {@code offset},
 * at most {@code length} bytes (0: to the end, or no limit). A sparse download reports the holes of
 * a regular file ({@code SEEK_DATA}/{@code SEEK_HOLE}) instead of reading them; a sparse upload
 * leaves holes where the client sends them (a block device gets zeros).
 */
public final class VolumeStreams {
    private VolumeStreams() {
    }

    private static VirtException streamError(String message) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STREAMS, message);
    }

    /** The volume's bytes for a download. */
    public static StreamDriver download(String path, long offset, long length, boolean sparse) {
        int fd = openAt(path, Posix.O_RDONLY, offset);
        FileStat st = Posix.fstat(fd, "Unable to access stream for '" + path + "'");
        boolean holes = sparse && st.isRegular();
        return new StreamDriver() {
            private long pos = offset;
            private final long end = length == 0 ? -1 : offset + length;
            private boolean closed;

            private long left() {
                return end < 0 ? Long.MAX_VALUE : end - pos;
            }

            @Override
            public synchronized long recvHole() {
                if (!holes || closed || left() <= 0) {
                    return 0;
                }
                long data = Posix.seekData(fd, pos, true);
                long size = Posix.fstat(fd, "Unable to access stream for '" + path + "'").size();
                long holeEnd = data < 0 ? size : data;
                long n = Math.min(holeEnd - pos, left());
                if (n <= 0) {
                    return 0;
                }
                pos += n;
                return n;
            }

            @Override
            public synchronized int recv(byte[] buffer, int off, int len) {
                if (closed || left() <= 0) {
                    return 0;
                }
                int want = (int) Math.min(len, left());
                if (holes) {
                    long hole = Posix.seekData(fd, pos, false);
                    if (hole > pos) {
                        want = (int) Math.min(want, hole - pos);
                    }
                }
                byte[] target = off == 0 ? buffer : new byte[want];
                int n;
                try {
                    n = Posix.pread(fd, target, want, pos, "Unable to read from '" + path + "'");
                } catch (PosixException e) {
                    throw streamError(e.getMessage());
                }
                if (n > 0 && target != buffer) {
                    System.arraycopy(target, 0, buffer, off, n);
                }
                pos += Math.max(n, 0);
                return Math.max(n, 0);
            }

            @Override
            public synchronized void finish() {
                close();
            }

            @Override
            public synchronized void abort() {
                close();
            }

            private void close() {
                if (!closed) {
                    closed = true;
                    Posix.closeQuietly(fd);
                }
            }
        };
    }

    /** A sink writing into the volume for an upload. */
    public static StreamDriver upload(String path, long offset, long length, boolean sparse) {
        int fd = openAt(path, Posix.O_WRONLY, offset);
        FileStat st = Posix.fstat(fd, "Unable to access stream for '" + path + "'");
        boolean regular = st.isRegular();
        return new StreamDriver() {
            private long pos = offset;
            private final long end = length == 0 ? -1 : offset + length;
            private boolean closed;

            private long room() {
                return end < 0 ? Long.MAX_VALUE : end - pos;
            }

            @Override
            public synchronized int send(byte[] data, int off, int len) {
                if (closed) {
                    throw streamError("cannot write to stream: stream is closed");
                }
                if (room() <= 0) {
                    throw streamError("cannot write to stream: No space left on device");
                }
                int n = (int) Math.min(len, room());
                byte[] chunk = off == 0 ? data : java.util.Arrays.copyOfRange(data, off, off + n);
                try {
                    Posix.pwriteAll(fd, chunk, n, pos, "Unable to write to '" + path + "'");
                } catch (PosixException e) {
                    throw streamError(e.getMessage());
                }
                pos += n;
                return n;
            }

            @Override
            public synchronized void sendHole(long len, int flags) {
                long n = Math.min(len, room());
                if (regular) {
                    pos += n;
                    try {
                        Posix.ftruncate(fd, pos, "unable to truncate " + path);
                    } catch (PosixException e) {
                        throw streamError(e.getMessage());
                    }
                } else {
                    byte[] zeros = new byte[(int) Math.min(n, 1 << 20)];
                    for (long left = n; left > 0;) {
                        int k = (int) Math.min(left, zeros.length);
                        send(zeros, 0, k);
                        left -= k;
                    }
                }
            }

            @Override
            public synchronized void finish() {
                if (closed) {
                    return;
                }
                try {
                    Posix.fdatasync(fd, "unable to sync " + path);
                } catch (PosixException e) {
                    // a device or file system that cannot sync: the writes are done
                } finally {
                    closed = true;
                    Posix.closeQuietly(fd);
                }
            }

            @Override
            public synchronized void abort() {
                if (!closed) {
                    closed = true;
                    Posix.closeQuietly(fd);
                }
            }
        };
    }

    private static int openAt(String path, int flags, long offset) {
        int fd;
        try {
            fd = Posix.open(path, flags, 0, "Unable to open stream for '" + path + "'");
        } catch (PosixException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STREAMS, e.getMessage());
        }
        return fd;
    }
}
