package io.jvirt.driver.test.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The domains of one state: lookups by name, UUID and ID read concurrent maps without any lock;
 * only adding and removing (which must keep names and UUIDs unique) serialise on the list.
 */
public final class DomainList {
    private final ConcurrentHashMap<UUID, DomainObj> byUuid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DomainObj> byName = new ConcurrentHashMap<>();
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
            d.removed = true;
            byUuid.remove(d.uuid, d);
            byName.remove(d.name, d);
            if (d.id > 0) {
                byId.remove(d.id, d);
            }
        }
    }

    List<DomainObj> sortedByName() {
        List<DomainObj> l = new ArrayList<>(byUuid.values());
        l.sort((a, b) -> a.name.compareTo(b.name));
        return l;
    }
}
