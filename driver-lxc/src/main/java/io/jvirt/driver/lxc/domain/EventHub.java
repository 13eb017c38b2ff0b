package io.jvirt.driver.lxc.domain;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainLifecycle;
import io.jvirt.driver.lxc.LxcErrors;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;

/**
 * The event registrations of one driver instance. Deliveries go through the instance's single
 * event thread, in order, never while a domain lock is held (DESIGN §6).
 */
final class EventHub {
    private record Registration(int id, Object owner, UUID domain, int eventId, DomainEventSink sink) {
    }

    private final AtomicInteger ids = new AtomicInteger(1);
    private final ConcurrentHashMap<Integer, Registration> registrations = new ConcurrentHashMap<>();
    private final ExecutorService thread;

    EventHub(ExecutorService thread) {
        this.thread = thread;
    }

    int register(Object owner, UUID domain, int eventId, DomainEventSink sink) {
        int id = ids.getAndIncrement();
        registrations.put(id, new Registration(id, owner, domain, eventId, sink));
        return id;
    }

    void deregister(Object owner, int id) {
        Registration r = registrations.get(id);
        if (r == null || r.owner() != owner || !registrations.remove(id, r)) {
            throw LxcErrors.invalidArg("could not find event callback " + id + " for deletion");
        }
    }

    void deregisterAll(Object owner) {
        registrations.values().removeIf(r -> r.owner() == owner);
    }

    void lifecycle(DomainRef dom, DomainLifecycle type, int detail) {
        emit(dom, new DomainEvent.Lifecycle(type, detail));
    }

    void emit(DomainRef dom, DomainEvent event) {
        int eventId = event.id().value();
        try {
            thread.execute(() -> {
                for (Registration r : registrations.values()) {
                    if (r.eventId() == eventId && (r.domain() == null || r.domain().equals(dom.uuid()))) {
                        try {
                            r.sink().emit(dom, event);
                        } catch (RuntimeException e) {
                            // a sink's failure is its own: the state change happened
                        }
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the instance is closing: nobody is left to tell
        }
    }
}
