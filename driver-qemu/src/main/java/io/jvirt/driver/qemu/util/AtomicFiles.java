package io.jvirt.driver.qemu.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that a crash never tears (DESIGN §6): a temp file {@code TARGET.new} in the same directory
 * (libvirt's name for it, so a name fails at the same length as under libvirtd), fsync, rename over
 * the target, fsync the directory. Writers of one target are serialised by their caller (a domain's
 * lock); a failure leaves the target as it was and no temp file, and says which step failed.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** An I/O failure worded as libvirt's system errors: what failed, on which file, and the errno text. */
    public static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        Failure(String what, IOException cause) {
            super(what + ": " + Errno.text(cause), cause);
        }
    }

    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve(target.getFileName() + ".new");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Failure("Cannot create directory '" + dir + "'", e);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new Failure("Failed to create file '" + tmp + "'", e);
        }
        boolean moved = false;
        try {
            try (ch) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            } catch (IOException e) {
                throw new Failure("Failed to write file '" + tmp + "'", e);
            }
            try {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new Failure("Failed to rename file '" + tmp + "' to '" + target + "'", e);
            }
            moved = true;
            syncDir(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Deletes a file and syncs its directory, so a removal survives a crash too. */
    public static void delete(Path target) throws IOException {
        boolean deleted;
        try {
            deleted = Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new Failure("Cannot delete file '" + target + "'", e);
        }
        if (deleted) {
            syncDir(target.toAbsolutePath().getParent());
        }
    }

    private static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems refuse to sync a directory; the rename itself is atomic anyway
        }
    }

    /** Removes a directory tree, best effort (temporary directories). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
