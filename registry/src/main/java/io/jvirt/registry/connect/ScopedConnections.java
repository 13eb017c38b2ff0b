package io.jvirt.registry.connect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.jvirt.api.Connect;
import io.jvirt.api.Secret;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.SecondaryConnections;
import io.jvirt.spi.Unsupported;

/**
 * The secondary connections of one application connection's scope, opened through the registry
 * on first use ({@code network:///system}, ...) and closed with it: what the application's calls
 * of attached kinds go to, and what its drivers get as {@link SecondaryConnections}.
 */
final class ScopedConnections implements SecondaryConnections {
    private final DriverAccess registry;
    private final DriverScope scope;
    private final Map<String, ManagedConnection> open = new LinkedHashMap<>();
    private boolean closed;

    ScopedConnections(DriverAccess registry, DriverScope scope) {
        this.registry = registry;
        this.scope = scope;
    }

    @Override
    public DriverScope scope() {
        return scope;
    }

    /** The connection to this scope's driver of a kind, opened now if need be; empty when no driver serves it. */
    synchronized Optional<ManagedConnection> connection(String kind) {
        ManagedConnection c = open.get(kind);
        if (c != null && !c.isClosed()) {
            return Optional.of(c);
        }
        if (closed) {
            throw new VirtException(ErrorCode.INVALID_CONN, ErrorDomain.NONE,
                    "invalid connection pointer: the connection of " + kind + ":///" + scope + " was closed");
        }
        Optional<ManagedConnection> opened = registry.openSecondary(kind, scope.uri(kind));
        opened.ifPresent(o -> open.put(kind, o));
        return opened;
    }

    @Override
    public Connect open(String kind) {
        return connection(kind).orElseThrow(() -> new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE,
                "no connection driver available for " + scope.uri(kind)));
    }

    @Override
    public byte[] secretValue(Secret secret) {
        ManagedConnection secrets = connection("secret").orElseThrow(() -> Unsupported.api("virSecretGetValue"));
        return new SecretHandle(secrets, SecretHandle.ref(secret)).internalValue();
    }

    /** Closes every connection opened here (once the application's connection closes). */
    void close() {
        List<ManagedConnection> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(open.values());
            open.clear();
        }
        for (ManagedConnection c : all) {
            c.close();
        }
    }
}
