package io.jvirt.registry.state;

import java.util.concurrent.CompletableFuture;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.FrameworkUtil;

/**
 * Opens when the framework has started its boot bundles (FrameworkEvent.STARTED, or already
 * started): libvirt's daemon loads every driver before it initializes any state, and so the
 * registry holds state initialization until the drivers a platform boots with are all there,
 * whatever order their bundles started in.
 */
final class BootBarrier {
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private volatile Runnable release = () -> {
    };

    /** Already open: no framework (tests, embedding). */
    static BootBarrier none() {
        BootBarrier b = new BootBarrier();
        b.open();
        return b;
    }

    /** Opens it (the framework started; tests open their own). */
    void open() {
        opened.complete(null);
    }

    /** The framework of the bundle that loaded {@code type}; {@link #none()} outside OSGi. */
    static BootBarrier framework(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        BundleContext ctx = bundle != null ? bundle.getBundleContext() : null;
        if (ctx == null) {
            return none();
        }
        BootBarrier b = new BootBarrier();
        FrameworkListener l = e -> {
            if (e.getType() == FrameworkEvent.STARTED) {
                b.open();
            }
        };
        ctx.addFrameworkListener(l);
        b.release = () -> {
            try {
                ctx.removeFrameworkListener(l);
            } catch (IllegalStateException stopped) {
                // the registry's bundle is stopping: its listeners go with it
            }
        };
        if (ctx.getBundle(0).getState() == Bundle.ACTIVE) {
            b.open();
        }
        b.opened.thenRun(b::close);
        return b;
    }

    boolean isOpen() {
        return opened.isDone();
    }

    /** Runs {@code r} when the barrier opens: now, if it is open. */
    void whenOpen(Runnable r) {
        opened.thenRun(r);
    }

    void close() {
        release.run();
    }
}
