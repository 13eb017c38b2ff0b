package io.jvirt.registry.connect;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.spi.CloseSink;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.OpenResult;

/**
 * Binds a connection to its driver by name, not by instance (DESIGN §5): every call enters the
 * table entry of the driver it reaches (so a driver's removal waits for calls in flight), and when
 * the driver was removed, the next call waits for a driver of the same name, reopens the URI on
 * it and makes the connection's event registrations again.
 */
final class Binder {
    private static final Logger LOG = Logger.getLogger(Binder.class.getName());

    private final DriverAccess registry;
    private final ConnectUri uri;
    private final ConnectAuth auth;
    private final int flags;
    private final String driverName;
    private final CloseSink closeSink;
    private final EventRegistrations events;
    /** The secondary connections of the URI's scope; null for the remote driver's connections. */
    private final ScopedConnections scoped;
    private final Object reattachLock = new Object();
    private volatile Session session;
    private volatile boolean closed;

    Binder(DriverAccess registry, ConnectUri uri, ConnectAuth auth, int flags, DriverEntry<ConnectDriver> entry,
            HypervisorDriver hv, CloseSink closeSink) {
        this.registry = registry;
        this.uri = uri;
        this.auth = auth;
        this.flags = flags;
        this.driverName = entry.name();
        this.closeSink = closeSink;
        this.events = new EventRegistrations(this);
        this.scoped = entry.isRemote() ? null
                : new ScopedConnections(registry, DriverScope.of(uri).orElse(DriverScope.SYSTEM));
        this.session = newSession(entry, hv);
    }

    /**
     * A session on a driver's connection: each kind the connection brings itself is its own; a
     * local hypervisor connection that uses the shared drivers reaches the others through the
     * secondary connections of its scope; anything else answers NO_SUPPORT.
     */
    private Session newSession(DriverEntry<ConnectDriver> entry, HypervisorDriver hv) {
        hv.connectSetCloseSink(closeSink);
        if (scoped != null) {
            hv.connectSetSecondaries(scoped);
        }
        boolean attach = scoped != null && !entry.isSecondary() && hv.connectUsesSharedDrivers();
        Map<DriverKind<?>, Secondary<?>> secondaries = new HashMap<>();
        secondaries.put(DriverKind.HYPERVISOR, Secondary.own(hv));
        for (DriverKind<?> kind : DriverKind.SECONDARY) {
            secondaries.put(kind, secondary(kind, hv, attach));
        }
        return new Session(entry, hv, Map.copyOf(secondaries));
    }

    private <D> Secondary<D> secondary(DriverKind<D> kind, HypervisorDriver hv, boolean attach) {
        Optional<D> own = kind.own().apply(hv);
        if (own.isPresent()) {
            return Secondary.own(own.get());
        }
        return attach ? Secondary.scoped(kind, scoped) : Secondary.none();
    }

    /** The secondary connections of the connection's scope (null for a remote connection). */
    ScopedConnections scopedConnections() {
        return scoped;
    }

    EventRegistrations events() {
        return events;
    }

    ConnectUri uri() {
        return uri;
    }

    int flags() {
        return flags;
    }

    String driverName() {
        return driverName;
    }

    DriverAccess registry() {
        return registry;
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen(String api) {
        if (closed) {
            throw new VirtException(ErrorCode.INVALID_CONN, ErrorDomain.NONE, "invalid connection pointer in " + api);
        }
    }

    // ---------------------------------------------------------------- calls

    /** A call on the driver of {@code kind} that the current session reaches, over a hot swap. */
    <D, R> R call(DriverKind<D> kind, String api, Function<D, R> call) {
        return invoke(kind, api, (d, gone) -> call.apply(d));
    }

    /**
     * As {@link #call}, also telling the call whether the driver it reached has since gone
     * (what an event registration remembers to know when to make itself again).
     */
    <D, R> R invoke(DriverKind<D> kind, String api, BiFunction<D, BooleanSupplier, R> call) {
        for (;;) {
            checkOpen(api);
            Session s = session(api);
            Secondary<D> secondary = s.secondary(kind);
            Optional<ManagedConnection> through = secondary.scoped(api);
            if (through.isPresent()) {
                // the scoped connection waits for its own driver over a swap
                return through.get().binder().invoke(kind, api, call);
            }
            Binding<D> b = secondary.bind(s.entry(), api);
            if (!b.entry().enter()) {
                continue; // retired between lookup and entry: the next round waits for its successor
            }
            try {
                return call.apply(b.driver(), b.entry()::isRetired);
            } finally {
                b.entry().exit();
            }
        }
    }

    /** A call on a given session's driver, without waiting for the hypervisor driver (reattach, close). */
    <D, R> R on(Session s, DriverKind<D> kind, String api, BiFunction<D, BooleanSupplier, R> call) {
        Binding<D> b = s.secondary(kind).bind(s.entry(), api);
        return call.apply(b.driver(), b.entry()::isRetired);
    }

    /** The scoped connection the current session reaches {@code kind} through, if it does. */
    Optional<ManagedConnection> scopedFor(DriverKind<?> kind, String api) {
        checkOpen(api);
        return session(api).secondary(kind).scoped(api);
    }

    // ---------------------------------------------------------------- the session and its hot swap

    /** Whether the connection is bound to this table entry now. */
    boolean isBoundTo(DriverEntry<?> entry) {
        Session s = session;
        return s != null && s.entry() == entry;
    }

    /** Closes the old driver's connection after its entry was retired, while its bundle is still active. */
    void detach(DriverEntry<?> entry) {
        synchronized (reattachLock) {
            Session s = session;
            if (s != null && s.entry() == entry) {
                session = null;
                closeQuietly(s.hv());
            }
        }
    }

    /** Whether the connection lost its driver, waits for one named {@code name} and has event registrations. */
    boolean listensFor(String name) {
        Session s = session;
        return !closed && !events.isEmpty() && driverName.equals(name) && (s == null || s.entry().isRetired());
    }

    void reattach() {
        try {
            session("reattach for event listeners");
        } catch (VirtException e) {
            // the application's next call reports it
            LOG.log(Level.FINE, "could not reattach " + uri, e);
        }
    }

    /**
     * Marks the connection closed; the first time, closes its session (undoing its event
     * registrations) and returns true.
     */
    boolean close() {
        Session s;
        synchronized (reattachLock) {
            if (closed) {
                return false;
            }
            closed = true;
            s = session;
            session = null;
        }
        if (s != null && s.entry().enter()) {
            try {
                events.deregisterAll(s);
                closeQuietly(s.hv());
            } finally {
                s.entry().exit();
            }
        }
        if (scoped != null) {
            scoped.close();
        }
        return true;
    }

    static void closeQuietly(HypervisorDriver hv) {
        try {
            hv.connectClose();
        } catch (RuntimeException ignored) {
            // the driver is going away; nothing to report to anyone
        }
    }

    private Session session(String api) {
        for (;;) {
            Session s = session;
            if (s != null && !s.entry().isRetired()) {
                return s;
            }
            checkOpen(api);
            // Wait for the driver without holding the lock: the registry's detach needs it while
            // the old driver's bundle is stopping.
            long wait = registry.hotSwapWaitMs();
            DriverEntry<ConnectDriver> entry = Secondary.awaitName(registry.connectDrivers(), driverName, wait)
                    .orElseThrow(() -> new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE,
                            "no connection driver available for " + uri + ": driver '" + driverName + "'"
                                    + registry.lastBundleOf(driverName).map(b -> " (bundle " + b + ")").orElse("")
                                    + " did not come back within " + wait + " ms"));
            synchronized (reattachLock) {
                s = session;
                if (s != null && !s.entry().isRetired()) {
                    return s; // another caller reattached meanwhile
                }
                checkOpen(api);
                if (s != null) {
                    session = null;
                    closeQuietly(s.hv());
                }
                if (!entry.enter()) {
                    continue; // retired again already: wait for the next one
                }
                OpenResult result;
                try {
                    result = entry.service().open(uri, auth, flags);
                } finally {
                    entry.exit();
                }
                if (result == null || result.status() != OpenResult.Status.SUCCESS) {
                    VirtException why = result != null ? result.error() : null;
                    throw new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE, "no connection driver available for "
                            + uri + ": driver " + entry.describe() + " no longer opens it"
                            + (why != null ? ": " + why.getMessage() : ""), why);
                }
                s = newSession(entry, result.connection());
                session = s;
                events.reregister(s);
                return s;
            }
        }
    }
}
