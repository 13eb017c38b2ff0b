package io.jvirt.distribution.faulty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The activator of a buggy third-party bundle that {@code UncaughtErrorsIT} drops into deploy/: it
 * starts a worker thread of its own, and once the file named by the framework property
 * {@code jvirt.itest.trigger} exists, that thread dies of what {@code jvirt.itest.failure} says:
 * {@code exception} (an IllegalStateException nobody catches) or {@code oom} (it fills the heap
 * until the JVM throws OutOfMemoryError).
 */
public final class FaultyWorker implements BundleActivator, Runnable {
    public static final String THREAD = "faulty-vendor-poller";

    private volatile String failure;
    private volatile Path trigger;
    private volatile boolean stopped;

    @Override
    public void start(BundleContext context) {
        failure = context.getProperty("jvirt.itest.failure");
        trigger = Path.of(context.getProperty("jvirt.itest.trigger"));
        Thread t = new Thread(this, THREAD);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void stop(BundleContext context) {
        stopped = true;
    }

    @Override
    public void run() {
        while (!stopped && !Files.exists(trigger)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
        if (stopped) {
            return;
        }
        if ("oom".equals(failure)) {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[128 * 1024]); // 1 MiB at a time, until the heap is full
            }
        }
        throw new IllegalStateException("poll state corrupted (thrown on purpose by " + getClass().getName() + ")");
    }
}
