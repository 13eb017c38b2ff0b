package io.jvirt.itest.stub;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.OpenResult;

/**
 * A stub secondary driver: one state per scope (a file of object names: under the state directory
 * for system and session, under the root for an embedded scope, so a successor instance finds it),
 * and the event registrations of this instance, numbered from a random base so that an ID of an
 * old instance is not valid in its successor.
 */
final class StubDriver implements ConnectDriver {
    final String kind;
    private final Path stateDir;
    /** Registrations by the driver's callback ID, with the state they listen to. */
    final Map<Integer, StubConnection.Listener> listeners = new ConcurrentHashMap<>();
    final AtomicInteger nextId = new AtomicInteger(1000 + (int) (Math.random() * 1_000_000) * 10);

    StubDriver(String kind, Path stateDir) {
        this.kind = kind;
        this.stateDir = stateDir;
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        DriverScope scope = DriverScope.of(uri).orElse(null);
        if (scope == null) {
            return OpenResult.error(new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                    "internal error: unexpected " + kind + " URI path '" + uri.path() + "', try " + kind + ":///system"));
        }
        Path state = switch (scope.kind()) {
            case EMBED -> Path.of(scope.root().orElseThrow(), kind, "names");
            case SYSTEM -> stateDir.resolve("system").resolve(kind).resolve("names");
            case SESSION -> stateDir.resolve("session").resolve(kind).resolve("names");
        };
        return OpenResult.success(new StubConnection(this, state));
    }
}
