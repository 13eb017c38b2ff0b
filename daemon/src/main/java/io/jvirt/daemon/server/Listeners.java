package io.jvirt.daemon.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jvirtd's listeners by name ({@code unix}, {@code tcp}, {@code tls}), each brought to its
 * configured {@link ListenerSpec} on its own: one that cannot bind (a port another process holds,
 * a socket path too long, missing TLS files, a malformed address) is reported and the others
 * serve. libvirtd 9.0 exits instead (status 6, after logging "Unable to bind to port: Address
 * already in use"); jvirtd keeps what it can serve and says which listener failed. A failed
 * listener is tried again on every later {@link #apply}; a listener whose new setting fails keeps
 * serving its old one.
 */
public final class Listeners implements AutoCloseable {
    /** Why a listener does not serve its configured address. */
    public record Failure(String name, String address, String reason) {
        public String message() {
            return "cannot listen on " + name + " " + address + ": " + reason;
        }
    }

    private final Server server;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    public Listeners(Server server) {
        this.server = server;
    }

    /**
     * Brings each named listener to its spec; listeners whose spec is unchanged (and bound) are
     * left alone, so their clients and accept loops never notice. Returns the failures of this
     * call's attempts.
     */
    public synchronized List<Failure> apply(Map<String, ? extends ListenerSpec> wanted) {
        List<Failure> failures = new ArrayList<>();
        for (Map.Entry<String, ? extends ListenerSpec> e : wanted.entrySet()) {
            Failure f = slots.computeIfAbsent(e.getKey(), Slot::new).apply(e.getValue());
            if (f != null) {
                failures.add(f);
            }
        }
        return failures;
    }

    /**
     * What a listener serves, for the status and the ready line: its bound address, {@code off},
     * or {@code failed(ADDRESS)} when nothing of it is bound because ADDRESS failed.
     */
    public synchronized String shown(String name) {
        Slot slot = slots.get(name);
        if (slot == null || slot.serving == null) {
            return slot != null && slot.failure != null ? "failed(" + slot.failure.address() + ")" : "off";
        }
        return slot.bound.isEmpty() ? "off" : slot.bound.get(0).address();
    }

    /** The listeners that do not serve their configured address now, in apply order. */
    public synchronized List<Failure> failures() {
        List<Failure> all = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (s.failure != null) {
                all.add(s.failure);
            }
        }
        return all;
    }

    @Override
    public synchronized void close() {
        for (Slot s : slots.values()) {
            s.unbind();
        }
    }

    private final class Slot {
        private final String name;
        /** The spec of what is bound now (off counts as bound); null when nothing is. */
        private ListenerSpec serving;
        private List<Listener> bound = List.of();
        private Failure failure;

        Slot(String name) {
            this.name = name;
        }

        Failure apply(ListenerSpec wanted) {
            if (wanted.equals(serving)) {
                failure = null;
                return null;
            }
            ListenerSpec previous = serving;
            List<Listener> fresh;
            try {
                if (previous != null && wanted.overlaps(previous)) {
                    unbind(); // the same socket path or port cannot be bound twice: free it first
                }
                fresh = wanted.bind();
            } catch (IOException | RuntimeException e) {
                failure = new Failure(name, wanted.address(), reason(e));
                if (serving == null && previous != null) {
                    restore(previous);
                }
                return failure;
            }
            unbind();
            for (Listener l : fresh) {
                server.listen(l);
            }
            bound = fresh;
            serving = wanted;
            failure = null;
            return null;
        }

        /** Binds the previous spec again after the new one failed in its place. */
        private void restore(ListenerSpec previous) {
            try {
                bound = previous.bind();
                bound.forEach(server::listen);
                serving = previous;
            } catch (IOException | RuntimeException e) {
                failure = new Failure(name, failure.address(), failure.reason() + " (and " + previous.address()
                        + ", which served before, could not be bound again: " + reason(e) + ")");
            }
        }

        void unbind() {
            for (Listener l : bound) {
                server.unlisten(l);
            }
            bound = List.of();
            serving = null;
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
