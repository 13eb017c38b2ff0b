package io.jvirt.registry.connect;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;

/**
 * What every object handle shares: its connection and the {@link Route} its calls take, so each
 * handle states only its own calls. Handles hold names (refs), never driver instances, which is
 * what keeps them valid across a hot swap.
 */
abstract class Handle<D> {
    final ManagedConnection conn;
    private final Route<D> route;

    Handle(ManagedConnection conn, Route<D> route) {
        this.conn = conn;
        this.route = route;
    }

    /** A call on the driver the route resolves now. */
    final <R> R call(String api, Function<D, R> call) {
        return route.call(conn, api, call);
    }

    /** A state-changing call: refused on a read-only connection before any driver is reached. */
    final void mutate(String api, Consumer<D> call) {
        conn.mutate(route, api, call);
    }

    static int mask(BitFlag... flags) {
        return BitFlag.mask(List.of(flags));
    }

    public Connect getConnect() {
        return conn;
    }
}
