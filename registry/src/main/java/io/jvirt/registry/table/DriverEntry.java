package io.jvirt.registry.table;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import io.jvirt.spi.DriverProperties;

/**
 * One driver service in a table, with its service properties read once, and the count of calls
 * in flight through it so that its removal can wait for them (DESIGN §5).
 */
public final class DriverEntry<S> {
    /** The service properties the table orders and matches by; replaced when the service's change. */
    private record Props(String name, String kind, Set<String> schemes, boolean localOnly, boolean remoteOnly,
            int ranking) {
    }

    private final S service;
    private final long serviceId;
    private final Bundle bundle;
    private volatile Props props;

    /** Bit for "retired"; the bits below count the calls in flight. */
    private static final int RETIRED = 1 << 30;
    /**
     * Calls in flight and the retired bit in one word: every call of every connection to this
     * driver enters and exits here, so it is a CAS, not a lock all callers queue on.
     */
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    public DriverEntry(S service, Map<String, ?> props, Bundle bundle) {
        this.service = service;
        this.serviceId = ((Number) props.get(Constants.SERVICE_ID)).longValue();
        this.bundle = bundle;
        refresh(props);
    }

    /** Re-reads the service properties (DS {@code updated}): the entry, and calls through it, stay. */
    public void refresh(Map<String, ?> props) {
        Object n = props.get(DriverProperties.NAME);
        Object r = props.get(Constants.SERVICE_RANKING);
        Object k = props.get(DriverProperties.KIND);
        this.props = new Props(n != null ? n.toString() : "service-" + serviceId,
                k != null && !k.toString().isBlank() ? k.toString().trim().toLowerCase(Locale.ROOT)
                        : DriverProperties.KIND_HYPERVISOR,
                readSchemes(props.get(DriverProperties.URI_SCHEMES)),
                Boolean.parseBoolean(String.valueOf(props.get(DriverProperties.LOCAL_ONLY))),
                Boolean.parseBoolean(String.valueOf(props.get(DriverProperties.REMOTE_ONLY))),
                r instanceof Integer i ? i : 0);
    }

    /** Reads the service properties of a reference the way DS hands them to bind methods. */
    public static <S> DriverEntry<S> of(S service, ServiceReference<S> ref) {
        return new DriverEntry<>(service, properties(ref), ref.getBundle());
    }

    public static Map<String, Object> properties(ServiceReference<?> ref) {
        Map<String, Object> props = new java.util.HashMap<>();
        for (String key : ref.getPropertyKeys()) {
            props.put(key, ref.getProperty(key));
        }
        return props;
    }

    private static Set<String> readSchemes(Object value) {
        if (value == null) {
            return null;
        }
        Iterable<?> items = value instanceof String[] a ? Arrays.asList(a)
                : value instanceof Iterable<?> it ? it : java.util.List.of(value);
        Set<String> set = new LinkedHashSet<>();
        for (Object o : items) {
            for (String s : o.toString().split(",")) {
                if (!s.isBlank()) {
                    set.add(s.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Collections.unmodifiableSet(set);
    }

    public S service() {
        return service;
    }

    public String name() {
        return props.name();
    }

    /** What the driver serves ({@code jvirt.driver.kind}): {@code hypervisor}, or a secondary kind such as {@code network}. */
    public String kind() {
        return props.kind();
    }

    /** Whether the driver serves a secondary kind (network, storage, ...) rather than a hypervisor. */
    public boolean isSecondary() {
        return !DriverProperties.KIND_HYPERVISOR.equals(props.kind());
    }

    /** The schemes this driver opens, or {@code null} for a driver that takes any (remote). */
    public Set<String> schemes() {
        return props.schemes();
    }

    public boolean isRemote() {
        return props.schemes() == null;
    }

    public boolean localOnly() {
        return props.localOnly();
    }

    public boolean remoteOnly() {
        return props.remoteOnly();
    }

    public int ranking() {
        return props.ranking();
    }

    public long serviceId() {
        return serviceId;
    }

    public Bundle bundle() {
        return bundle;
    }

    /** "name (bundle bsn)", as errors name a driver. */
    public String describe() {
        return "'" + props.name() + "' (bundle " + (bundle != null ? bundle.getSymbolicName() : "?") + ")";
    }

    /** Starts a call through this driver; false once the driver is being removed. */
    public boolean enter() {
        for (;;) {
            int c = calls.get();
            if ((c & RETIRED) != 0) {
                return false;
            }
            if (calls.compareAndSet(c, c + 1)) {
                return true;
            }
        }
    }

    public void exit() {
        if (calls.decrementAndGet() == RETIRED) {
            synchronized (this) {
                notifyAll(); // the last call of a retired driver: retire() may be waiting
            }
        }
    }

    public boolean isRetired() {
        return (calls.get() & RETIRED) != 0;
    }

    /**
     * Refuses new calls and waits, at most {@code timeoutMs}, for the calls in flight to return.
     *
     * @return whether all calls returned in time
     */
    public synchronized boolean retire(long timeoutMs) {
        calls.getAndUpdate(c -> c | RETIRED);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while ((calls.get() & ~RETIRED) > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
