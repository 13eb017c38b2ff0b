package io.jvirt.conf.oracle;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} beside the checkout (conformance data lives there, never in the repo). */
public final class Shared {
    private Shared() {
    }

    public static Path dir() {
        String prop = System.getProperty("jvirt.shared");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared");
            if (Files.isRegularFile(candidate.resolve("DESIGN.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared (with DESIGN.md and conformance/) is missing beside the "
                + "checkout; the conformance tests read libvirt's fixtures from there (or set -Djvirt.shared=DIR)");
    }

    public static Path conformance() {
        return dir().resolve("conformance");
    }
}
