package io.jvirt.spi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * "Once per host boot", the rule of libvirt's autostart: a marker file {@value #MARKER} in a
 * driver's run directory. libvirt's marker is an empty file on a tmpfs that a reboot clears; this
 * one holds the kernel's boot id ({@code /proc/sys/kernel/random/boot_id}), so it works in run
 * directories that outlive a boot too (a platform's {@code data/}, an embed root). A driver
 * calls {@link #claim()} in {@link StateDriver#initialize()} after reattaching to its guests and
 * autostarts only when it returns true: never again on a bundle update, hot swap or platform
 * restart, and again after the host booted.
 */
public final class OncePerBoot {
    /** The marker's file name, as libvirt's. */
    public static final String MARKER = "autostarted";

    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** One claim at a time in this JVM: all driver bundles share this class. */
    private static final Object LOCK = new Object();

    private final Path marker;
    private final Supplier<String> bootId;

    private OncePerBoot(Path marker, Supplier<String> bootId) {
        this.marker = marker;
        this.bootId = bootId;
    }

    /** The marker in {@code runDir}, for this host's boot. */
    public static OncePerBoot in(Path runDir) {
        return in(runDir, OncePerBoot::hostBootId);
    }

    /** The marker in {@code runDir}, for the boot {@code bootId} names (tests simulate a boot with it). */
    public static OncePerBoot in(Path runDir, Supplier<String> bootId) {
        return new OncePerBoot(runDir.resolve(MARKER), bootId);
    }

    public Path marker() {
        return marker;
    }

    /**
     * True the first time in this host boot, having recorded the boot; false when the marker
     * already records it. Without a boot id (no {@code /proc}), the marker's existence decides,
     * as libvirt's.
     *
     * @throws VirtException {@code VIR_ERR_SYSTEM_ERROR} when the marker cannot be written
     */
    public boolean claim() {
        String boot = bootId.get().trim();
        synchronized (LOCK) {
            String recorded;
            try {
                recorded = Files.readString(marker, StandardCharsets.UTF_8).trim();
            } catch (NoSuchFileException e) {
                recorded = null;
            } catch (IOException e) {
                recorded = null; // unreadable: not a record of this boot
            }
            if (recorded != null && (recorded.equals(boot) || boot.isEmpty())) {
                return false;
            }
            try {
                write(boot.isEmpty() ? "" : boot + "\n");
            } catch (IOException e) {
                throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NONE,
                        "cannot create file '" + marker + "': " + e.getMessage(), e);
            }
            return true;
        }
    }

    /** The kernel's id of the running boot, or "" where there is none. */
    public static String hostBootId() {
        try {
            return Files.readString(BOOT_ID, StandardCharsets.US_ASCII).trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** Atomically (temp file, fsync, rename, fsync of the directory), mode 0600 as libvirt's. */
    private void write(String text) throws IOException {
        Path dir = marker.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + MARKER, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                // some file systems refuse to sync a directory; the rename is atomic anyway
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
