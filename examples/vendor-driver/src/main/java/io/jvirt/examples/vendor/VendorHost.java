package io.jvirt.examples.vendor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainLifecycle;
import io.jvirt.api.DomainState;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** The vendor's "hypervisor": a list of domains in memory, one lock around it. */
final class VendorHost {
    private final Map<UUID, VendorDomain> domains = new LinkedHashMap<>();
    private int nextId = 1;

    /** One event registration of one connection. */
    private record Registration(UUID domain, int eventId, DomainEventSink sink) {
    }

    private final Map<Integer, Registration> registrations = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger nextCallbackId = new java.util.concurrent.atomic.AtomicInteger(1);
    /** Events raised under the lock, delivered after it is released (DESIGN §6). */
    private final List<Runnable> pending = new ArrayList<>();

    VendorHost() {
        VendorDomain first = new VendorDomain("vendor-1", UUID.fromString("7c1f3c5e-2f5a-4d5e-9a51-3c9d2b0e0001"),
                524288, 1);
        domains.put(first.uuid, first);
        start(first);
    }

    /** Runs {@code f} under the host's lock, then delivers the events it raised, outside the lock. */
    <R> R read(java.util.function.Function<VendorHost, R> f) {
        R result;
        List<Runnable> deliver;
        synchronized (this) {
            try {
                result = f.apply(this);
            } finally {
                deliver = List.copyOf(pending);
                pending.clear();
            }
        }
        deliver.forEach(Runnable::run);
        return result;
    }

    int register(UUID domain, int eventId, DomainEventSink sink) {
        if (eventId < 0 || eventId >= io.jvirt.api.DomainEventId.values().length) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: unsupported event ID " + eventId);
        }
        int id = nextCallbackId.getAndIncrement();
        registrations.put(id, new Registration(domain, eventId, sink));
        return id;
    }

    void deregister(int callbackId) {
        if (registrations.remove(callbackId) == null) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: could not find event callback " + callbackId + " for deletion");
        }
    }

    /** Queues a lifecycle event for every matching registration; called under the lock. */
    void lifecycle(VendorDomain d, DomainLifecycle type, int detail) {
        DomainRef ref = new DomainRef(d.name, d.uuid, d.id);
        DomainEvent event = new DomainEvent.Lifecycle(type, detail);
        for (Registration r : registrations.values()) {
            if (r.eventId == DomainEventId.LIFECYCLE.value() && (r.domain == null || r.domain.equals(d.uuid))) {
                pending.add(() -> r.sink.emit(ref, event));
            }
        }
    }

    VendorDomain byName(String name) {
        for (VendorDomain d : domains.values()) {
            if (d.name.equals(name)) {
                return d;
            }
        }
        throw noDomain("with matching name '" + name + "'");
    }

    VendorDomain byUuid(UUID uuid) {
        VendorDomain d = domains.get(uuid);
        if (d == null) {
            throw noDomain("with matching uuid '" + uuid + "'");
        }
        return d;
    }

    VendorDomain byId(int id) {
        for (VendorDomain d : domains.values()) {
            if (d.id == id) {
                return d;
            }
        }
        throw noDomain("with matching id " + id);
    }

    List<VendorDomain> list(Predicate<VendorDomain> filter) {
        List<VendorDomain> out = new ArrayList<>();
        for (VendorDomain d : domains.values()) {
            if (filter.test(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Adds or replaces the definition; a name or UUID clash with another domain is an error. */
    VendorDomain define(VendorDomain def, boolean persistent) {
        for (VendorDomain d : domains.values()) {
            boolean sameName = d.name.equals(def.name);
            boolean sameUuid = d.uuid.equals(def.uuid);
            if (sameName != sameUuid) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.DOMAIN, "operation failed: domain '"
                        + d.name + "' already exists with uuid " + d.uuid);
            }
            if (sameName) {
                if (!persistent && d.isActive()) {
                    throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                            "Requested operation is not valid: domain '" + d.name + "' is already active");
                }
                d.maxMemoryKiB = def.maxMemoryKiB;
                d.memoryKiB = def.memoryKiB;
                d.vcpus = def.vcpus;
                d.persistent |= persistent;
                if (persistent) {
                    lifecycle(d, DomainLifecycle.DEFINED, 1); // updated
                }
                return d;
            }
        }
        def.persistent = persistent;
        domains.put(def.uuid, def);
        if (persistent) {
            lifecycle(def, DomainLifecycle.DEFINED, 0); // added
        }
        return def;
    }

    void start(VendorDomain d) {
        if (d.isActive()) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                    "Requested operation is not valid: domain is already running");
        }
        d.id = nextId++;
        d.state = DomainState.RUNNING;
        d.reason = DomainState.RUNNING_BOOTED;
        d.startedNanos = System.nanoTime();
        lifecycle(d, DomainLifecycle.STARTED, 0); // booted
    }

    void stop(VendorDomain d, int reason) {
        requireActive(d);
        // shut off (shutdown) -> stopped (shutdown = 0); destroyed -> stopped (destroyed = 1)
        lifecycle(d, DomainLifecycle.STOPPED, reason == DomainState.SHUTOFF_DESTROYED ? 1 : 0);
        d.id = -1;
        d.state = DomainState.SHUTOFF;
        d.reason = reason;
        if (!d.persistent) {
            domains.remove(d.uuid);
        }
    }

    void undefine(VendorDomain d) {
        lifecycle(d, DomainLifecycle.UNDEFINED, 0); // removed
        if (d.isActive()) {
            d.persistent = false;
        } else {
            domains.remove(d.uuid);
        }
    }

    static void requireActive(VendorDomain d) {
        if (!d.isActive()) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                    "Requested operation is not valid: domain is not running");
        }
    }

    private static VirtException noDomain(String what) {
        return new VirtException(ErrorCode.NO_DOMAIN, ErrorDomain.DOMAIN, "Domain not found: no domain " + what);
    }
}
