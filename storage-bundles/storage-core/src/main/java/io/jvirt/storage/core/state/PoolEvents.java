package io.jvirt.storage.core.state;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.StoragePoolEventCallback;
import io.jvirt.api.VirtException;
import io.jvirt.spi.StoragePoolEventSink;
import io.jvirt.spi.StoragePoolRef;

/**
 * The pool event registrations of one scope (every connection to it shares them, as libvirt's
 * driver-wide event state): lifecycle events (libvirt's {@code virStoragePoolEventLifecycleType})
 * and refresh events, for one pool or all. Events are collected while a pool is locked and
 * delivered in order once it is not ({@link Batch}).
 */
final class PoolEvents {
    private static final Logger LOG = Logger.getLogger(PoolEvents.class.getName());

    static final int DEFINED = 0;
    static final int UNDEFINED = 1;
    static final int STARTED = 2;
    static final int STOPPED = 3;
    static final int CREATED = 4;
    static final int DELETED = 5;

    private record Registration(int id, Object owner, UUID pool, int eventId, StoragePoolEventSink sink) {
    }

    private final AtomicInteger ids = new AtomicInteger(1);
    private final ConcurrentHashMap<Integer, Registration> registrations = new ConcurrentHashMap<>();
    /** One delivery at a time per scope, so every listener sees the events in the order they happened. */
    private final Object deliveryOrder = new Object();

    int register(Object owner, StoragePoolRef pool, int eventId, StoragePoolEventSink sink) {
        int id = ids.getAndIncrement();
        registrations.put(id, new Registration(id, owner, pool == null ? null : pool.uuid(), eventId, sink));
        return id;
    }

    void deregister(Object owner, int id) {
        Registration r = registrations.get(id);
        if (r == null || r.owner() != owner || !registrations.remove(id, r)) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: could not find event callback " + id + " for deletion");
        }
    }

    void deregisterAll(Object owner) {
        registrations.values().removeIf(r -> r.owner() == owner);
    }

    /** Events of one call, delivered by {@link #flush} once no pool lock is held. */
    final class Batch {
        private final List<Runnable> pending = new ArrayList<>();

        void lifecycle(StoragePoolRef pool, int event) {
            for (Registration r : registrations.values()) {
                if (r.eventId() == StoragePoolEventCallback.LIFECYCLE && matches(r, pool)) {
                    pending.add(() -> r.sink().emit(pool, event, 0));
                }
            }
        }

        void refresh(StoragePoolRef pool) {
            for (Registration r : registrations.values()) {
                if (r.eventId() == StoragePoolEventCallback.REFRESH && matches(r, pool)) {
                    pending.add(() -> r.sink().refresh(pool));
                }
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            synchronized (deliveryOrder) {
                for (Runnable d : pending) {
                    try {
                        d.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "a storage pool event listener failed", e);
                    }
                }
            }
            pending.clear();
        }
    }

    Batch batch() {
        return new Batch();
    }

    private static boolean matches(Registration r, StoragePoolRef pool) {
        return r.pool() == null || r.pool().equals(pool.uuid());
    }
}
