package io.jvirt.driver.secret.store;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where one instance keeps its secrets, all in {@code ROOT/secrets} (mode 0700), as libvirt's
 * secret driver keeps its config directory: {@code UUID.xml} each persistent definition and
 * {@code UUID.base64} its value (both 0600), and {@code driver.pid}, the lock that keeps a second
 * process off the same root. Ephemeral secrets have no files.
 */
public record Layout(Path root) {
    public Path dir() {
        return root.resolve("secrets");
    }

    public Path definition(UUID uuid) {
        return dir().resolve(uuid + ".xml");
    }

    public Path value(UUID uuid) {
        return dir().resolve(uuid + ".base64");
    }

    public Path lock() {
        return dir().resolve("driver.pid");
    }
}
