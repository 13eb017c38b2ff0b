package io.jvirt.registry.connect;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;

/**
 * What every object handle shares: its connection and the {@link DriverKind} its calls reach, so
 * each handle states only its own calls. Handles hold names (refs), never driver instances, which is
 * what keeps them valid across a hot swap.
 */
abstract class Handle<D> {
    final ManagedConnection conn;
    private final DriverKind<D> kind;

    Handle(ManagedConnection conn, DriverKind<D> kind) {
        this.conn = conn;
        this.kind = kind;
    }

    /** A call on the driver of the handle's kind that the connection reaches now. */
    final <R> R call(String api, Function<D, R> call) {
        return conn.call(kind, api, call);
    }

    /** A state-changing call: refused on a read-only connection before any driver is reached. */
    final void mutate(String api, Consumer<D> call) {
        conn.mutate(kind, api, call);
    }

    static int mask(BitFlag... flags) {
        return BitFlag.mask(List.of(flags));
    }

    public Connect getConnect() {
        return conn;
    }
}
