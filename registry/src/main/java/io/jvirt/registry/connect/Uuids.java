package io.jvirt.registry.connect;

import java.util.UUID;

/** libvirt's UUID text forms: 36 characters with dashes, or 32 hex digits without. */
final class Uuids {
    private Uuids() {
    }

    static UUID parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("null");
        }
        String hex = text.trim().replace("-", "");
        if (hex.length() != 32 || !hex.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException(text);
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16));
    }
}
