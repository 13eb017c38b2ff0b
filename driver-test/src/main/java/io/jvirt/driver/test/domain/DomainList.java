package io.jvirt.driver.test.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The domains of one state: lookups by name, UUID and ID read concurrent maps without any lock;
 * only adding and removing (which must keep names and UUIDs unique) serialise on the list. The
 * name map is sorted, so lists come out in name order without sorting thousands of domains per call.
 */
public final class DomainList {
    private final ConcurrentHashMap<UUID, DomainObj> byUuid = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<String, DomainObj> byName = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<Integer, DomainObj> byId = new ConcurrentHashMap<>();
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

    Collection<DomainObj> all() {
        return new ArrayList<>(byUuid.values());
    }

    int size() {
        return byUuid.size();
    }

    /** Active domains are the ones with an ID. */
    int countActive() {
        return byId.size();
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
        if (d.id > 0) {
            byId.put(d.id, d);
        }
    }

    /** Removes; the caller holds the domain's lock. */
    void remove(DomainObj d) {
        synchronized (writeLock) {
            d.markRemoved();
            byUuid.remove(d.uuid, d);
            byName.remove(d.name, d);
            if (d.id > 0) {
                byId.remove(d.id, d);
            }
        }
    }

    /** A weakly consistent view in name order (a domain added or removed meanwhile may or may not be in it). */
    Collection<DomainObj> inNameOrder() {
        return java.util.Collections.unmodifiableCollection(byName.values());
    }
}
