package io.jvirt.network.dnsmasq.leases;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The lease helper dnsmasq runs for every lease change: a POSIX shell script shipped in this bundle
 * (a JVM per lease event would be heavy, and dnsmasq waits for {@code init} at start), copied where
 * the status files are, since it writes them beside itself.
 */
public final class LeaseHelper {
    private static final String RESOURCE = "jvirt-leases.sh";

    private LeaseHelper() {
    }

    /** The script's text. */
    public static String script() {
        try (InputStream in = LeaseHelper.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the script to {@code path} (mode 0755) unless it is there already with this text. */
    public static Path install(Path path) throws IOException {
        String text = script();
        if (Files.isRegularFile(path) && Files.readString(path).equals(text) && Files.isExecutable(path)) {
            return path;
        }
        Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return path;
    }
}
