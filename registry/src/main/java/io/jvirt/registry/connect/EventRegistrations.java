package io.jvirt.registry.connect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * A connection's event registrations, of every kind, by the callback ID the application got.
 * The ID is the application's; the driver's own ID changes when a registration is made again on
 * the successor of the driver that held it (hot swap).
 */
final class EventRegistrations {
    private static final Logger LOG = Logger.getLogger(EventRegistrations.class.getName());

    /**
     * One registration: how to make it on a driver of its kind, and what it is now. One made
     * through a scoped secondary connection lives there (that connection makes it again when its
     * driver is swapped); here it only remembers that connection and the ID it got there.
     */
    private static final class Registration<D> {
        final DriverKind<D> kind;
        /** The scoped connection holding the registration, or null when this connection's driver holds it. */
        volatile ManagedConnection through;
        final String api;
        final Function<D, Integer> register;
        volatile int driverId;
        /** Whether the driver that holds the registration has gone (retired); null before it is made. */
        volatile BooleanSupplier gone;

        Registration(DriverKind<D> kind, String api, Function<D, Integer> register) {
            this.kind = kind;
            this.api = api;
            this.register = register;
        }

        Void makeOn(D driver, BooleanSupplier holderGone) {
            driverId = register.apply(driver);
            gone = holderGone;
            return null;
        }

        Void undoOn(D driver) {
            kind.events().deregister().accept(driver, driverId);
            return null;
        }

        boolean held() {
            if (through != null) {
                return true;
            }
            BooleanSupplier g = gone;
            return g != null && !g.getAsBoolean();
        }
    }

    private final Binder binder;
    private final Map<Integer, Registration<?>> byId = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();

    EventRegistrations(Binder binder) {
        this.binder = binder;
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Makes a registration with the driver of {@code kind} the connection reaches now; returns the application's ID. */
    <D> int register(DriverKind<D> kind, String api, Function<D, Integer> register) {
        Registration<D> r = new Registration<>(kind, api, register);
        var scoped = binder.scopedFor(kind, api);
        if (scoped.isPresent()) {
            r.driverId = scoped.get().events().register(kind, api, register);
            r.through = scoped.get();
        } else {
            binder.invoke(kind, api, r::makeOn);
        }
        int id = nextId.getAndIncrement();
        byId.put(id, r);
        return id;
    }

    void deregister(DriverKind<?> kind, int callbackId) {
        Registration<?> r = byId.get(callbackId);
        String api = kind.events().deregisterApi();
        if (r == null || r.kind != kind) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: could not find event callback " + callbackId + " for deletion");
        }
        binder.checkOpen(api);
        if (r.through != null) {
            r.through.events().deregister(kind, r.driverId);
        } else {
            undo(r, api);
        }
        byId.remove(callbackId);
    }

    private <D> void undo(Registration<D> r, String api) {
        binder.call(r.kind, api, r::undoOn);
    }

    /** Makes the registrations again whose driver has gone, on a new session. */
    void reregister(Session s) {
        for (Registration<?> r : byId.values()) {
            if (r.held()) {
                continue; // a shared driver that was not swapped still holds it: no duplicate
            }
            try {
                remake(s, r);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not register " + r.kind.events().label() + " events again on driver '"
                        + binder.driverName() + "'", e);
            }
        }
    }

    private <D> void remake(Session s, Registration<D> r) {
        binder.on(s, r.kind, r.api, r::makeOn);
    }

    /** Undoes every registration on a closing session (the driver forgets them anyway; errors are ignored). */
    void deregisterAll(Session s) {
        for (Registration<?> r : byId.values()) {
            if (r.through != null) {
                continue; // closed with the scoped connection
            }
            try {
                undoOn(s, r);
            } catch (RuntimeException ignored) {
                // the driver forgets registrations of a closed connection anyway
            }
        }
        byId.clear();
    }

    private <D> void undoOn(Session s, Registration<D> r) {
        binder.on(s, r.kind, r.kind.events().deregisterApi(), (d, gone) -> r.undoOn(d));
    }
}
