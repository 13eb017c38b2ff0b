package io.jvirt.storage.core.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * Where a scope keeps its pools, as libvirt's storage driver: {@code config/NAME.xml} (persistent
 * definitions), {@code autostart/NAME.xml} (a link to the definition), {@code run/NAME.xml} (the
 * live definition of an active pool, so a restarted driver finds its active pools), and
 * {@code run/autostarted} (the once-per-boot marker). Every write is atomic: a temporary file in the
 * same directory, fsync, rename, fsync of the directory.
 */
final class PoolFiles {
    private final Path config;
    private final Path autostart;
    private final Path run;

    PoolFiles(Path root) {
        this.config = root.resolve("config");
        this.autostart = root.resolve("autostart");
        this.run = root.resolve("run");
    }

    Path runDir() {
        return run;
    }

    void createDirs() {
        try {
            Files.createDirectories(config);
            Files.createDirectories(run);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE,
                    "cannot create directory " + run + ": " + e.getMessage(), e);
        }
    }

    Path configFile(String name) {
        return config.resolve(name + ".xml");
    }

    Path stateFile(String name) {
        return run.resolve(name + ".xml");
    }

    Path autostartLink(String name) {
        return autostart.resolve(name + ".xml");
    }

    void saveConfig(String name, String xml) {
        write(configFile(name), xml, "cannot write config file " + configFile(name));
    }

    void deleteConfig(String name) {
        try {
            Files.delete(configFile(name));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.STORAGE,
                    "internal error: cannot remove config for " + name);
        }
    }

    void saveState(String name, String xml) {
        write(stateFile(name), xml, "cannot write state file " + stateFile(name));
    }

    void deleteState(String name) {
        try {
            Files.deleteIfExists(stateFile(name));
        } catch (IOException e) {
            // libvirt ignores a failed unlink of the state file
        }
    }

    boolean isAutostart(String name) {
        return Files.exists(autostartLink(name), LinkOption.NOFOLLOW_LINKS);
    }

    void setAutostart(String name, boolean on) {
        Path link = autostartLink(name);
        try {
            if (on) {
                Files.createDirectories(autostart);
                Files.createSymbolicLink(link, configFile(name));
            } else {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE, on
                    ? "Failed to create symlink '" + link + "' to '" + configFile(name) + "': " + e.getMessage()
                    : "Failed to delete symlink '" + link + "': " + e.getMessage());
        }
    }

    /** The names of the XML files of a directory (config or run). */
    List<Path> xmlFiles(boolean state) {
        Path dir = state ? run : config;
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith(".")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE,
                    "cannot read directory '" + dir + "': " + e.getMessage(), e);
        }
        return out;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static void write(Path target, String text, String what) {
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                } catch (IOException e) {
                    // some file systems cannot sync a directory; the rename is atomic anyway
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE, what + ": " + e.getMessage(), e);
        }
    }
}
