package io.jvirt.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import io.jvirt.api.ConnectUri;

/**
 * Which instance of a driver a URI names, as libvirt's daemons scope their state: the host's
 * ({@code /system}), the user's ({@code /session}), or an embedded one whose whole state lives
 * under a root directory ({@code /embed?root=DIR}). The secondary connections of a hypervisor
 * connection are those of its scope: {@code qemu:///system} uses {@code network:///system},
 * {@code qemu:///embed?root=D} uses {@code network:///embed?root=D}, as libvirt's
 * {@code virGetConnectNetwork()} opens them; a URI that names no scope ({@code vendor:///default})
 * uses the system's.
 */
public final class DriverScope {
    /** The three scopes of libvirt's drivers. */
    public enum Kind {
        SYSTEM, SESSION, EMBED
    }

    public static final DriverScope SYSTEM = new DriverScope(Kind.SYSTEM, null);
    public static final DriverScope SESSION = new DriverScope(Kind.SESSION, null);

    private final Kind kind;
    private final String root;

    private DriverScope(Kind kind, String root) {
        this.kind = kind;
        this.root = root;
    }

    /** The embedded scope of an absolute root directory. */
    public static DriverScope embed(String root) {
        if (root == null || !root.startsWith("/")) {
            throw new IllegalArgumentException("the root of an embedded driver must be an absolute path: " + root);
        }
        return new DriverScope(Kind.EMBED, root);
    }

    /**
     * The scope a URI's path names: {@code /system}, {@code /session}, or {@code /embed} with an
     * absolute {@code root} parameter; empty for any other path (a driver reports its own error).
     */
    public static Optional<DriverScope> of(ConnectUri uri) {
        return switch (uri.path()) {
            case "/system" -> Optional.of(SYSTEM);
            case "/session" -> Optional.of(SESSION);
            case "/embed" -> uri.param("root").filter(r -> r.startsWith("/")).map(DriverScope::embed);
            default -> Optional.empty();
        };
    }

    public Kind kind() {
        return kind;
    }

    /** The root directory of an embedded scope. */
    public Optional<String> root() {
        return Optional.ofNullable(root);
    }

    /** The URI of this scope's driver of a kind: {@code uri("network")} is {@code network:///system}. */
    public ConnectUri uri(String scheme) {
        return ConnectUri.parse(scheme + "://" + this);
    }

    /** The path and query of the scope's URIs: {@code /system}, {@code /session}, {@code /embed?root=DIR}. */
    @Override
    public String toString() {
        return switch (kind) {
            case SYSTEM -> "/system";
            case SESSION -> "/session";
            case EMBED -> "/embed?root=" + encode(root);
        };
    }

    /** Percent-encodes what a URI's query value cannot hold as it is. */
    private static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~@:".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriverScope s && s.kind == kind && Objects.equals(s.root, root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, root);
    }
}
