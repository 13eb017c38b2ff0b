package io.jvirt.driver.secret.event;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.SecretEventId;
import io.jvirt.api.SecretLifecycle;
import io.jvirt.api.VirtException;
import io.jvirt.spi.SecretEventSink;
import io.jvirt.spi.SecretRef;

/**
 * The event registrations of one secret driver instance and the delivery of its events: queued
 * by the caller that changed a secret (under the store's lock, so in the order of the changes) and
 * delivered in that order on the instance's own thread, never while the store is locked.
 */
public final class SecretEvents implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SecretEvents.class.getName());

    private record Registration(UUID secret, SecretEventId eventId, SecretEventSink sink) {
    }

    private final Map<Integer, Registration> registrations = new ConcurrentHashMap<>();
    /** libvirt numbers an event state's callbacks from 0. */
    private final AtomicInteger nextId = new AtomicInteger();
    private final ExecutorService delivery;

    public SecretEvents(String name) {
        delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jvirt-secret-events " + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers for events of one secret (by UUID) or, with null, all; returns the callback ID. */
    public int register(UUID secret, int eventId, SecretEventSink sink) {
        SecretEventId id = SecretEventId.fromValue(eventId);
        if (id == null) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.SECRET,
                    "invalid argument: unsupported secret event ID " + eventId);
        }
        int callbackId = nextId.getAndIncrement();
        registrations.put(callbackId, new Registration(secret, id, sink));
        return callbackId;
    }

    public void deregister(int callbackId) {
        if (registrations.remove(callbackId) == null) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: event callback id " + callbackId + " not registered");
        }
    }

    public int registrations() {
        return registrations.size();
    }

    /** Queues {@code VIR_SECRET_EVENT_ID_LIFECYCLE} (detail 0, as libvirt's). */
    public void lifecycle(SecretRef secret, SecretLifecycle type) {
        queue(secret, SecretEventId.LIFECYCLE, sink -> sink.lifecycle(secret, type, 0));
    }

    /** Queues {@code VIR_SECRET_EVENT_ID_VALUE_CHANGED}. */
    public void valueChanged(SecretRef secret) {
        queue(secret, SecretEventId.VALUE_CHANGED, sink -> sink.valueChanged(secret));
    }

    private void queue(SecretRef secret, SecretEventId kind, Consumer<SecretEventSink> event) {
        List<Map.Entry<Integer, Registration>> targets = registrations.entrySet().stream()
                .filter(e -> e.getValue().eventId() == kind
                        && (e.getValue().secret() == null || e.getValue().secret().equals(secret.uuid())))
                .toList();
        if (targets.isEmpty()) {
            return;
        }
        try {
            delivery.execute(() -> {
                for (Map.Entry<Integer, Registration> t : targets) {
                    if (registrations.get(t.getKey()) != t.getValue()) {
                        continue; // deregistered since
                    }
                    try {
                        event.accept(t.getValue().sink());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "secret event callback " + t.getKey() + " failed", e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // the instance is closing: nobody is left to tell
        }
    }

    @Override
    public void close() {
        registrations.clear();
        delivery.shutdown();
    }
}
