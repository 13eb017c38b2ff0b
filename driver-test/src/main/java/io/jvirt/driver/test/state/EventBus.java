package io.jvirt.driver.test.state;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import io.jvirt.api.ErrorDomain;

/**
 * The registrations of one state (shared by every connection to {@code test:///default}), so a
 * change made through one connection reaches the callbacks of all. {@code S} is the sink type,
 * {@code E} what is delivered to it.
 */
public final class EventBus<S> {
    /** One registration: for one object (by UUID) or all (null), of one event ID. */
    public record Registration<S>(int id, Object owner, UUID object, int eventId, S sink) {
    }

    private final AtomicInteger nextId;
    private final ConcurrentHashMap<Integer, Registration<S>> registrations = new ConcurrentHashMap<>();

    public EventBus(AtomicInteger ids) {
        this.nextId = ids;
    }

    public int register(Object owner, UUID object, int eventId, S sink) {
        int id = nextId.getAndIncrement();
        registrations.put(id, new Registration<>(id, owner, object, eventId, sink));
        return id;
    }

    /** Removes a registration of {@code owner}; an unknown ID is libvirt's INVALID_ARG. */
    public void deregister(Object owner, int id) {
        Registration<S> r = registrations.get(id);
        if (r == null || r.owner() != owner || !registrations.remove(id, r)) {
            throw Errors.invalidArg(ErrorDomain.TEST, "could not find event callback " + id + " for deletion");
        }
    }

    public void deregisterAll(Object owner) {
        registrations.values().removeIf(r -> r.owner() == owner);
    }

    /** Queues delivery of an event about {@code object} to every matching registration. */
    public void queue(EventQueue q, UUID object, int eventId, BiConsumer<S, Integer> deliver) {
        for (Registration<S> r : registrations.values()) {
            if (r.eventId() == eventId && (r.object() == null || r.object().equals(object))) {
                q.add(() -> deliver.accept(r.sink(), r.id()));
            }
        }
    }

    public boolean isEmpty() {
        return registrations.isEmpty();
    }
}
