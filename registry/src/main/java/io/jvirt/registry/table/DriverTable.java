package io.jvirt.registry.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An ordered table of driver services of one kind: highest {@code service.ranking} first, then
 * oldest service, and drivers without a scheme list (remote) always last, whatever their ranking.
 * Reads take a snapshot without locking; writers wake callers waiting for a driver by name.
 */
public final class DriverTable<S> {
    private static final Comparator<DriverEntry<?>> ORDER = Comparator
            .<DriverEntry<?>, Boolean>comparing(DriverEntry::isRemote)
            .thenComparing(Comparator.<DriverEntry<?>>comparingInt(DriverEntry::ranking).reversed())
            .thenComparingLong(DriverEntry::serviceId);

    private volatile List<DriverEntry<S>> entries = List.of();

    public synchronized void add(DriverEntry<S> entry) {
        List<DriverEntry<S>> next = new ArrayList<>(entries);
        next.removeIf(e -> e.serviceId() == entry.serviceId());
        next.add(entry);
        next.sort(ORDER);
        entries = List.copyOf(next);
        notifyAll();
    }

    /** Re-reads a service's properties and re-sorts the table, keeping the entry. */
    public synchronized void refresh(long serviceId, java.util.Map<String, ?> props) {
        List<DriverEntry<S>> next = new ArrayList<>(entries);
        for (DriverEntry<S> e : next) {
            if (e.serviceId() == serviceId) {
                e.refresh(props);
            }
        }
        next.sort(ORDER);
        entries = List.copyOf(next);
        notifyAll();
    }

    /** Removes the entry of a service; returns it, or null if it was not there. */
    public synchronized DriverEntry<S> remove(long serviceId) {
        DriverEntry<S> removed = null;
        List<DriverEntry<S>> next = new ArrayList<>(entries);
        for (DriverEntry<S> e : entries) {
            if (e.serviceId() == serviceId) {
                removed = e;
                next.remove(e);
            }
        }
        entries = List.copyOf(next);
        return removed;
    }

    /** The table in order, as of now. */
    public List<DriverEntry<S>> snapshot() {
        return entries;
    }

    /** The first live entry named {@code name}. */
    public Optional<DriverEntry<S>> byName(String name) {
        for (DriverEntry<S> e : entries) {
            if (e.name().equals(name) && !e.isRetired()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The first live entry (highest ranked). */
    public Optional<DriverEntry<S>> first() {
        for (DriverEntry<S> e : entries) {
            if (!e.isRetired()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Waits at most {@code timeoutMs} for a live driver named {@code name}: how calls on an open
     * connection ride over a bundle update.
     */
    public synchronized Optional<DriverEntry<S>> await(String name, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        for (;;) {
            Optional<DriverEntry<S>> e = byName(name);
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (e.isPresent() || left <= 0) {
                return e;
            }
            wait(left);
        }
    }
}
