package io.jvirt.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code ../shared} beside the checkout: libvirt's fixtures, protocol traces and the anchor
 * kit live there, never in the repository. A checkout may sit deeper (a worktree), so every
 * ancestor's sibling is tried.
 */
public final class Shared {
    private Shared() {
    }

    /** {@code -Djvirt.shared=DIR}, else the nearest {@code shared} (with DESIGN.md) beside an ancestor. */
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
                + "checkout; the tests read libvirt's fixtures from there (or set -Djvirt.shared=DIR)");
    }

    public static Path conformance() {
        return dir().resolve("conformance");
    }

    /** The kit that starts a private libvirtd: {@code -Djvirt.anchor=DIR}, else {@code shared/anchor}. */
    public static Path anchor() {
        String prop = System.getProperty("jvirt.anchor");
        return prop != null ? Path.of(prop) : dir().resolve("anchor");
    }
}
