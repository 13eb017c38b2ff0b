package io.jvirt.daemon.auth;

import java.util.Map;

/**
 * How each listener's clients authenticate (libvirtd.conf's auth_unix_rw, auth_unix_ro, auth_tcp,
 * auth_tls) and the SASL settings they use. Changed live; a client keeps the method it was
 * accepted with.
 */
public record AuthConfig(Map<String, AuthMethod> byKind, SaslSettings sasl) {
    public static AuthConfig none() {
        return new AuthConfig(Map.of(), SaslSettings.parse("scram-sha-256,digest-md5", "", ""));
    }

    /** The method of a listener kind: unix-rw, unix-ro, tcp or tls. */
    public AuthMethod method(String kind) {
        return byKind.getOrDefault(kind, AuthMethod.NONE);
    }
}
