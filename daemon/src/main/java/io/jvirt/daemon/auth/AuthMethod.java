package io.jvirt.daemon.auth;

import java.util.Locale;

/** libvirtd.conf's auth_unix_rw, auth_unix_ro, auth_tcp and auth_tls values, with their wire numbers (remote_auth_type). */
public enum AuthMethod {
    NONE(0), SASL(1);

    private final int wire;

    AuthMethod(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** {@code none} or {@code sasl}; anything else (libvirtd's polkit needs dbus) is refused. */
    public static AuthMethod parse(String setting, String key) {
        String s = setting == null ? "none" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "", "none" -> NONE;
            case "sasl" -> SASL;
            default -> throw new IllegalArgumentException(key + ": '" + setting + "' is not an auth method jvirtd has "
                    + "(none, sasl)");
        };
    }
}
