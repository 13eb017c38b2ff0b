package io.jvirt.storage.core.backends;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.StoragePoolType;
import io.jvirt.storage.backend.StorageBackend;

/**
 * The backends present, one per pool type (the highest-ranked service of a type wins), as libvirt's
 * backend table but live: a backend bundle may come, go and come back. A call for a type whose
 * backend was here and has gone (its bundle is being updated) waits for a successor, at most the
 * configured wait; a type never served fails at once with libvirt's "missing backend" error.
 */
public final class Backends {
    private record Entry(StorageBackend backend, int ranking, long serviceId) {
    }

    private final Map<StoragePoolType, List<Entry>> byType = new ConcurrentHashMap<>();
    private final Set<StoragePoolType> seen = ConcurrentHashMap.newKeySet();
    private final List<Consumer<StoragePoolType>> arrivals = new CopyOnWriteArrayList<>();
    private volatile long waitMs;

    public Backends(long waitMs) {
        this.waitMs = waitMs;
    }

    public void waitMs(long ms) {
        this.waitMs = ms;
    }

    /** Called with the type of every backend that arrives (a first one, or a successor). */
    public void onArrival(Consumer<StoragePoolType> listener) {
        arrivals.add(listener);
    }

    /** A backend service came (DS bind): {@code type} is its {@value StorageBackend#POOL_TYPE} property. */
    public void add(String type, StorageBackend backend, int ranking, long serviceId) {
        StoragePoolType t = StoragePoolType.fromXml(type);
        if (t == null) {
            return;
        }
        synchronized (this) {
            List<Entry> list = byType.computeIfAbsent(t, k -> new ArrayList<>());
            list.add(new Entry(backend, ranking, serviceId));
            list.sort(Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId));
            seen.add(t);
            notifyAll();
        }
        for (Consumer<StoragePoolType> l : arrivals) {
            l.accept(t);
        }
    }

    public synchronized void remove(StorageBackend backend) {
        for (List<Entry> list : byType.values()) {
            list.removeIf(e -> e.backend() == backend);
        }
    }

    /** The backend of a type now, or null (no waiting). */
    public synchronized StorageBackend peek(StoragePoolType type) {
        List<Entry> list = byType.get(type);
        return list == null || list.isEmpty() ? null : list.get(0).backend();
    }

    public synchronized Set<StoragePoolType> present() {
        Set<StoragePoolType> out = new HashSet<>();
        byType.forEach((t, l) -> {
            if (!l.isEmpty()) {
                out.add(t);
            }
        });
        return out;
    }

    /**
     * The backend of a type: libvirt's {@code virStorageBackendForType}, waiting for a successor of a
     * backend that has gone.
     *
     * @throws VirtException {@code VIR_ERR_INTERNAL_ERROR} "missing backend for pool type N (TYPE)"
     */
    public StorageBackend get(StoragePoolType type) {
        long deadline = System.currentTimeMillis() + waitMs;
        synchronized (this) {
            for (;;) {
                StorageBackend b = peek(type);
                if (b != null) {
                    return b;
                }
                long left = deadline - System.currentTimeMillis();
                if (!seen.contains(type) || left <= 0) {
                    throw missing(type);
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw missing(type);
                }
            }
        }
    }

    public static VirtException missing(StoragePoolType type) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.STORAGE,
                "internal error: missing backend for pool type " + type.ordinal() + " (" + type.xml() + ")");
    }
}
