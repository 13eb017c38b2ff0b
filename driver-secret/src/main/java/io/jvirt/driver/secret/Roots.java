package io.jvirt.driver.secret;

import java.nio.file.Path;

/** Where the system and session instances keep their secrets unless configured (as the QEMU driver's roots). */
final class Roots {
    private Roots() {
    }

    static Path of(String configured, String data, String which) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        if (data != null && !data.isBlank()) {
            return Path.of(data, "secret", which);
        }
        if (which.equals("system")) {
            return Path.of("/var/lib/jvirt/secret");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share"))
                .resolve("jvirt").resolve("secret");
    }
}
