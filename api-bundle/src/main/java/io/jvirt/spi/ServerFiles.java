package io.jvirt.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * Files of the server that a client names (a {@code test:///PATH} node file, a save image, a dump
 * file, and later volume upload paths): the one place drivers ask whether the caller may name them
 * ({@link #checkNamed}) and read them with a bound ({@link #read}), so that no client can make the
 * platform read a device, block on a FIFO or fill its heap with a huge file.
 */
public final class ServerFiles {
    private ServerFiles() {
    }

    /**
     * Refuses the call unless the daemon's policy lets its caller name files of the server
     * ({@link Caller#serverFiles()}): {@code VIR_ERR_ACCESS_DENIED} from the access domain, naming
     * the caller's transport, never the file's content.
     */
    public static void checkNamed(String path) {
        Caller c = Caller.current();
        if (!c.serverFiles()) {
            throw new VirtException(ErrorCode.ACCESS_DENIED, ErrorDomain.ACCESS, "access denied: clients of "
                    + c.describe() + " may not name files of the server ('" + path + "')");
        }
    }

    /** The file is not a regular file (a directory, a device, a FIFO, a socket). */
    public static final class NotRegular extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean directory;

        NotRegular(Path path, boolean directory) {
            super(path + (directory ? ": Is a directory" : ": Not a regular file"));
            this.directory = directory;
        }

        public boolean directory() {
            return directory;
        }
    }

    /** The file holds more than the caller's bound. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(Path path, long max) {
            super(path + ": larger than " + max + " bytes");
        }
    }

    /**
     * The first bytes of a regular file, at most {@code max}: the type is checked before the file is
     * opened (opening a FIFO would block), and what is read stops at the bound whatever size the
     * file claims ({@code /proc} files claim 0).
     *
     * @param exact true to fail with {@link TooLarge} when the file holds more than {@code max}
     *     bytes; false to read only its first {@code max} bytes (a header)
     */
    public static byte[] read(Path path, int max, boolean exact) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
            throw new NotRegular(path, a.isDirectory());
        }
        if (exact && a.size() > max) {
            throw new TooLarge(path, max);
        }
        try (SeekableByteChannel ch = Files.newByteChannel(path, StandardOpenOption.READ)) {
            int cap = exact ? max + 1 : max;
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(cap, Math.max(a.size(), 8192)));
            for (;;) {
                if (!buf.hasRemaining()) {
                    if (buf.capacity() >= cap) {
                        break;
                    }
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(cap, buf.capacity() * 2L));
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                }
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            if (exact && buf.position() > max) {
                throw new TooLarge(path, max);
            }
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }
}
