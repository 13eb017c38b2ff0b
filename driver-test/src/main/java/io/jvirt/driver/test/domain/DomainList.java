package io.jvirt.driver.test.domain;

import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The domains of one state: lookups by name, UUID and ID read concurrent hash maps without any
 * lock, so they cost the same with 10 or 10,000 domains; only adding and removing (which must keep
 * names and UUIDs unique) serialise on the list. Listing walks a name-ordered index, so a list is
 * linear in its length instead of sorted on every call (bench/jmh TestDriverBench).
 */
public final class DomainList {
    private final ConcurrentHashMap<UUID, DomainObj> byUuid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DomainObj> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, DomainObj> byId = new ConcurrentHashMap<>();
    /** The same domains in name order, for listing (virsh and tests see names in order). */
    private final ConcurrentSkipListMap<String, DomainObj> inNameOrder = new ConcurrentSkipListMap<>();
    /** IDs are handed out in order and never reused within a state (libvirt's nextDomID). */
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Object writeLock = new Object();

    DomainObj byUuid(UUID uuid) {
        return byUuid.get(uuid);
    }

    DomainObj byName(String name) {
        return byName.get(name);
    }

    DomainObj byId(int id) {
        return byId.get(id);
    }

    /** All domains in name order (a weakly consistent view: callers lock and check {@code removed}). */
    Collection<DomainObj> all() {
        return inNameOrder.values();
    }

    int size() {
        return byUuid.size();
    }

    int allocateId() {
        return nextId.getAndIncrement();
    }

    void activated(DomainObj d) {
        byId.put(d.id, d);
    }

    void deactivated(DomainObj d, int oldId) {
        byId.remove(oldId, d);
    }

    Object writeLock() {
        return writeLock;
    }

    /** Adds under {@link #writeLock()}; the caller checked uniqueness. */
    void put(DomainObj d) {
        byUuid.put(d.uuid, d);
        byName.put(d.name, d);
        inNameOrder.put(d.name, d);
        if (d.id > 0) {
            byId.put(d.id, d);
        }
    }

    /** Removes; the caller holds the domain's lock. */
    void remove(DomainObj d) {
        synchronized (writeLock) {
            d.removed = true;
            byUuid.remove(d.uuid, d);
            byName.remove(d.name, d);
            inNameOrder.remove(d.name, d);
            if (d.id > 0) {
                byId.remove(d.id, d);
            }
        }
    }
}
