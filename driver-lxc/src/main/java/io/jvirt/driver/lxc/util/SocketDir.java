package io.jvirt.driver.lxc.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Logger;

import io.jvirt.driver.lxc.LxcErrors;

/**
 * A short path to a directory whose own path may be too long for a unix socket address (at most 107
 * bytes): a symbolic link {@code BASE/lxc-HASH} to it, where BASE is a private (0700) runtime
 * directory of this user ({@code /run/jvirt} for root, else {@code $XDG_RUNTIME_DIR/jvirt}, else
 * {@code /tmp/jvirt-UID}) and HASH is taken from the directory's absolute path, so one directory always
 * has the same link and two directories never share one. The controllers bind and the driver connects through
 * the link; the sockets themselves stay in the directory (with the rest of the instance's state), so a
 * lost link is made again by the next {@link #path()} and never strands a running guest's monitor.
 * Links whose directory is gone are stale and removed whenever an instance makes its own.
 */
public final class SocketDir {
    private static final Logger LOG = Logger.getLogger(SocketDir.class.getName());
    /** {@code sun_path} holds 108 bytes with the terminating NUL. */
    public static final int SUN_PATH_MAX = 107;
    private static final String PREFIX = "lxc-";
    /** The longest name the driver puts in a socket directory: UUID.sock. */
    private static final int LONGEST_NAME = 36 + ".sock".length();

    private final Path base;
    private final Path dir;
    private final Path link;

    private SocketDir(Path base, Path dir) {
        this.base = base;
        this.dir = dir;
        this.link = base.resolve(PREFIX + hash(dir));
    }

    /** The short path of {@code dir} in this user's default runtime directory. */
    public static SocketDir of(Path dir) {
        return in(defaultBase(), dir);
    }

    /** The short path of {@code dir} in {@code base} (made private to this user if it is not). */
    public static SocketDir in(Path base, Path dir) {
        SocketDir s = new SocketDir(base.toAbsolutePath().normalize(), dir.toAbsolutePath().normalize());
        s.prepareBase();
        s.sweep();
        s.path();
        return s;
    }

    /** The short path, reaching {@code dir}; the link is (re)made when it is missing. */
    public Path path() {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Path target = Files.readSymbolicLink(link);
                if (target.equals(dir)) {
                    return link;
                }
                if (Files.exists(link)) {
                    throw LxcErrors.internal("cannot use " + link + " for the sockets of " + dir
                            + ": it leads to " + target);
                }
                Files.deleteIfExists(link); // stale: its directory is gone
            } catch (NoSuchFileException e) {
                // not made yet (or removed by a cleaner): make it
            } catch (NotLinkException e) {
                throw LxcErrors.internal("cannot use " + link + " for the sockets of " + dir + ": it is no symbolic link");
            } catch (IOException e) {
                throw LxcErrors.internal("cannot read " + link + ": " + e.getMessage());
            }
            try {
                prepareBase(); // a runtime directory on tmpfs may have been emptied meanwhile
                Files.createSymbolicLink(link, dir);
                return link;
            } catch (FileAlreadyExistsException e) {
                // another instance of the same directory made it first: read it again
            } catch (IOException e) {
                throw LxcErrors.internal("cannot create " + link + ": " + e.getMessage());
            }
        }
        throw LxcErrors.internal("cannot create " + link + ": it keeps changing");
    }

    /** The directory the link leads to (where the sockets are). */
    public Path dir() {
        return dir;
    }

    /** Removes the link (when no guest uses the directory any more); the directory stays. */
    public void release() {
        try {
            if (dir.equals(Files.readSymbolicLink(link))) {
                Files.delete(link);
            }
        } catch (IOException e) {
            // gone already, or not ours
        }
    }

    private void prepareBase() {
        try {
            Files.createDirectories(base);
            PosixFileAttributes a = Files.readAttributes(base, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me = Files.getOwner(Path.of("/proc/self"));
            if (!a.isDirectory() || !a.owner().equals(me)) {
                throw LxcErrors.internal("cannot keep container sockets in " + base + ": it is "
                        + (a.isDirectory() ? "owned by " + a.owner().getName() : "no directory"));
            }
            if (!a.permissions().equals(PosixFilePermissions.fromString("rwx------"))) {
                Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw LxcErrors.internal("cannot create " + base + ": " + e.getMessage());
        }
    }

    /** Removes the links of this base whose directories are gone (their roots were deleted). */
    private void sweep() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path p : ds) {
                if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        LOG.fine(() -> "cannot remove the stale link " + p + ": " + e);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot clean " + base + ": " + e);
        }
    }

    private static String hash(Path dir) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(dir.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the links go: libvirt's runtime directories for root and for a session, else /tmp. */
    static Path defaultBase() {
        String uid;
        try {
            uid = String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            uid = System.getProperty("user.name");
        }
        Path run = Path.of("/run");
        if (uid.equals("0") && Files.isDirectory(run) && Files.isWritable(run)) {
            return run.resolve("jvirt");
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && xdg.startsWith("/") && Files.isDirectory(Path.of(xdg)) && Files.isWritable(Path.of(xdg))) {
            Path p = Path.of(xdg, "jvirt");
            if (fits(p)) {
                return p;
            }
        }
        return Path.of("/tmp", "jvirt-" + uid);
    }

    /** Whether every socket the driver makes through a link in {@code base} fits a unix address. */
    static boolean fits(Path base) {
        return (base + "/" + PREFIX + "0123456789abcdef/").length() + LONGEST_NAME <= SUN_PATH_MAX;
    }
}
