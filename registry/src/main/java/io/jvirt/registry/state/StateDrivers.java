package io.jvirt.registry.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.osgi.framework.ServiceReference;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.StateDriver;

/**
 * The state drivers the registry has, and their initialization: each on a thread of its own (never
 * SCR's), in {@link StateKind} order, a group once no driver of an earlier group is waiting or
 * initializing, and nothing before the {@link BootBarrier} opens. Driver services are handed out
 * {@link #gate gated}: a call waits for its driver's state, at most the hot-swap wait, and fails
 * with libvirt's "state driver is not active" after that or after a failed initialization.
 */
public final class StateDrivers {
    private static final Logger LOG = Logger.getLogger(StateDrivers.class.getName());

    enum Status { PENDING, RUNNING, READY, FAILED, REMOVED }

    /** One state driver service and how far its initialization is. Guarded by the StateDrivers. */
    static final class Tracked {
        final StateDriver driver;
        final Source source;
        Status status = Status.PENDING;
        String failure;

        Tracked(StateDriver driver, Source source) {
            this.driver = driver;
            this.source = source;
        }
    }

    /** By service id, in the order they came. */
    private final Map<Long, Tracked> tracked = new LinkedHashMap<>();
    /** Service ids of state drivers that went away: calls still on their way to them are not held. */
    private final Set<Long> removed = new HashSet<>();
    private final LongSupplier waitMs;
    private final BootBarrier barrier;
    private boolean closed;

    StateDrivers(LongSupplier waitMs, BootBarrier barrier) {
        this.waitMs = waitMs;
        this.barrier = barrier;
    }

    /** For the registry: holds initialization until the framework of {@code registryClass}'s bundle has started. */
    public static StateDrivers forBundleOf(Class<?> registryClass, LongSupplier waitMs) {
        return new StateDrivers(waitMs, BootBarrier.framework(registryClass));
    }

    // ---------------------------------------------------------------- state drivers come and go

    public void add(StateDriver driver, ServiceReference<StateDriver> ref) {
        add(driver, Source.of(ref));
    }

    void add(StateDriver driver, Source source) {
        synchronized (this) {
            tracked.put(source.serviceId(), new Tracked(driver, source));
            notifyAll(); // a gate may wait for this registration's state to appear
        }
        barrier.whenOpen(this::schedule);
    }

    /**
     * The state driver's service is going: waits (at most the hot-swap wait) for an initialization
     * in progress, then calls shutdownPrepare and shutdownWait on a driver that was initialized.
     */
    public void remove(ServiceReference<StateDriver> ref) {
        remove(Source.of(ref).serviceId());
    }

    void remove(long serviceId) {
        Tracked t;
        boolean shutDown;
        synchronized (this) {
            t = tracked.get(serviceId);
            if (t == null) {
                return;
            }
            long deadline = System.nanoTime() + waitMs.getAsLong() * 1_000_000L;
            while (t.status == Status.RUNNING && awaitUntil(deadline)) {
                // initialize() is still running on its thread
            }
            shutDown = t.status == Status.READY || t.status == Status.RUNNING;
            t.status = Status.REMOVED;
            tracked.remove(serviceId);
            removed.add(serviceId);
            notifyAll();
        }
        schedule(); // a group may have waited for this one
        if (shutDown) {
            try {
                t.driver.shutdownPrepare();
                t.driver.shutdownWait();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "state driver '" + t.source.name() + "' failed to shut down", e);
            }
        }
    }

    /** The registry is going: nothing more is started (initializations in progress finish). */
    public synchronized void close() {
        closed = true;
        barrier.close();
    }

    /** Starts every waiting driver that no driver of an earlier group holds up. */
    private synchronized void schedule() {
        if (closed || !barrier.isOpen()) {
            return;
        }
        for (Tracked t : tracked.values()) {
            if (t.status == Status.PENDING && !heldUp(t)) {
                t.status = Status.RUNNING;
                Thread th = new Thread(() -> initialize(t), "jvirt-state-" + t.source.name());
                th.setDaemon(true);
                th.start();
            }
        }
    }

    private boolean heldUp(Tracked t) {
        for (Tracked o : tracked.values()) {
            if (o != t && o.source.kind().ordinal() < t.source.kind().ordinal()
                    && (o.status == Status.PENDING || o.status == Status.RUNNING)) {
                return true;
            }
        }
        return false;
    }

    private void initialize(Tracked t) {
        String failure = null;
        try {
            t.driver.initialize();
        } catch (RuntimeException | LinkageError e) {
            failure = e.toString();
            LOG.log(Level.WARNING, "state driver '" + t.source.name() + "' (bundle " + t.source.bundle()
                    + ") failed to initialize", e);
        }
        synchronized (this) {
            if (t.status == Status.RUNNING) {
                t.status = failure == null ? Status.READY : Status.FAILED;
                t.failure = failure;
            }
            notifyAll();
        }
        schedule();
    }

    // ---------------------------------------------------------------- gates

    /** The driver as the table holds it: its opens wait for its state. */
    public ConnectDriver gate(ConnectDriver driver, ServiceReference<ConnectDriver> ref) {
        return new GatedConnectDriver(driver, new Gate(this, Source.of(ref)));
    }

    /**
     * Waits until the state of the driver {@code self} is initialized. Its state driver is the same
     * registration's or, registered on its own, the newest of the same name; none, no wait.
     *
     * @throws VirtException VIR_ERR_INTERNAL_ERROR "NAME state driver is not active" when the
     *                       initialization failed or did not finish within the hot-swap wait
     */
    void awaitReady(Source self) {
        long wait = waitMs.getAsLong();
        long deadline = System.nanoTime() + wait * 1_000_000L;
        synchronized (this) {
            for (;;) {
                Tracked t = stateOf(self);
                if (t == null && (!self.hasState() || removed.contains(self.serviceId()))) {
                    return; // no state, or it went away: the driver, being removed, answers for itself
                }
                if (t != null && t.status == Status.READY) {
                    return;
                }
                if (t != null && t.status == Status.FAILED) {
                    throw notActive(t.source, "");
                }
                if (!awaitUntil(deadline)) {
                    throw notActive(t != null ? t.source : self,
                            ": its initialization did not finish within " + wait + " ms");
                }
            }
        }
    }

    private Tracked stateOf(Source self) {
        Tracked own = tracked.get(self.serviceId());
        if (own != null) {
            return own;
        }
        Tracked named = null;
        for (Tracked t : tracked.values()) {
            if (t.source.name().equals(self.name())) {
                named = t; // the newest one wins
            }
        }
        return named;
    }

    /** libvirt's error for a driver whose state is not there (qemuConnectOpen and its kin). */
    private static VirtException notActive(Source s, String why) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, s.kind().domain(s.name()),
                "internal error: " + s.name() + " state driver is not active" + why);
    }

    /** Waits on this monitor until {@code deadline}; false once it has passed. */
    private boolean awaitUntil(long deadline) {
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
        return true;
    }

    // ---------------------------------------------------------------- runtime view

    /**
     * State drivers whose initialization threw, as the registry's runtime view lists failed
     * drivers: bundle id, bundle, component and reason, tab-separated.
     */
    public synchronized List<String> failures() {
        List<String> out = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            if (t.status == Status.FAILED) {
                out.add(t.source.bundleId() + "\t" + t.source.bundle() + "\t" + t.source.component()
                        + "\tstate driver initialize failed: " + t.failure);
            }
        }
        return out;
    }

    /** How far each state driver is, by name, for tests and diagnostics. */
    synchronized Map<String, Status> statuses() {
        Map<String, Status> out = new LinkedHashMap<>();
        tracked.values().forEach(t -> out.put(t.source.name(), t.status));
        return out;
    }
}
