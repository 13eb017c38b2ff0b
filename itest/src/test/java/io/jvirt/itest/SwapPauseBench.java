package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.Virt;
import io.jvirt.api.runtime.DriverRegistryRuntime;

/**
 * Benchmark, not a test (run only with {@code -Pbench}; bench/swap-pause.sh runs it): the pause a
 * caller sees while the vendor driver bundle is updated. One thread calls {@code getInfo} on a
 * domain handle in a tight loop; for each {@code bundle.update()} we record the longest gap between
 * two completed calls around it and how long {@code update()} took. Results go to the properties
 * file named by {@code bench.out}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SwapPauseBench {
    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(Platform.platform(), Platform.vendorDriver());
    }

    /** The caller: tight getInfo loop; tracks the longest gap between completions since the last reset. */
    static final class Caller implements Runnable {
        final Domain dom;
        volatile boolean running = true;
        final AtomicLong maxGapNs = new AtomicLong();
        final AtomicLong calls = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        volatile Throwable firstFailure;
        volatile long lastDone = System.nanoTime();

        Caller(Domain dom) {
            this.dom = dom;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    dom.getInfo();
                } catch (Throwable t) {
                    failures.incrementAndGet();
                    if (firstFailure == null) {
                        firstFailure = t;
                    }
                    continue;
                }
                long now = System.nanoTime();
                long gap = now - lastDone;
                lastDone = now;
                maxGapNs.accumulateAndGet(gap, Math::max);
                calls.incrementAndGet();
            }
        }

        /** Starts a new window: the next gap is measured from now. */
        void reset() {
            lastDone = System.nanoTime();
            maxGapNs.set(0);
        }
    }

    @Test
    public void pauseDuringBundleUpdate() throws Exception {
        int n = Integer.getInteger("bench.updates", 20);
        int warmup = Math.max(3, n / 4);
        String out = System.getProperty("bench.out", "target/bench/swap-pause.properties");
        DriverRegistryRuntime rt = Osgi.service(context, DriverRegistryRuntime.class);
        Bundle vendor = Osgi.bundle(context, Platform.VENDOR_BSN);
        Osgi.await("the vendor driver in the table", () -> vendorService(rt) >= 0, () -> Drivers.table(rt));

        List<Double> pauses = new ArrayList<>();
        List<Double> updates = new ArrayList<>();
        List<Double> steady = new ArrayList<>();
        Caller caller;
        try (Connect conn = Osgi.service(context, Virt.class).open(HotSwapIT.URI)) {
            caller = new Caller(conn.domainLookupByName(HotSwapIT.DOMAIN));
            Thread t = new Thread(caller, "bench-caller");
            t.start();
            for (int i = 0; i < warmup + n; i++) {
                // a window of the same length without a swap: the noise floor (GC, scheduling)
                caller.reset();
                Osgi.sleep(300);
                double steadyMs = caller.maxGapNs.get() / 1e6;

                long before = vendorService(rt);
                long callsBefore = caller.calls.get();
                caller.reset();
                long t0 = System.nanoTime();
                vendor.update();
                long t1 = System.nanoTime();
                Osgi.await("a new vendor service", () -> vendorService(rt) >= 0 && vendorService(rt) != before,
                        () -> Drivers.table(rt));
                // let the caller complete calls after the update, so the gap window is closed
                long target = caller.calls.get() + 1000;
                Osgi.await("the caller to go on after update " + i, () -> caller.calls.get() >= target,
                        () -> "calls " + caller.calls.get() + ", failures " + caller.failures.get());
                double pauseMs = caller.maxGapNs.get() / 1e6;
                if (i >= warmup) {
                    pauses.add(pauseMs);
                    updates.add((t1 - t0) / 1e6);
                    steady.add(steadyMs);
                }
                assertTrue("the caller made calls before update " + i, caller.calls.get() > callsBefore);
            }
            caller.running = false;
            t.join(Osgi.SETTLE.toMillis());
        }
        assertEquals("calls failed during the updates (first: " + caller.firstFailure + ")", 0, caller.failures.get());

        Properties p = new Properties();
        p.setProperty("jvirt.updates", String.valueOf(n));
        p.setProperty("jvirt.warmup", String.valueOf(warmup));
        p.setProperty("jvirt.calls", String.valueOf(caller.calls.get()));
        p.setProperty("jvirt.failures", String.valueOf(caller.failures.get()));
        put(p, "jvirt.pause.ms", pauses);
        put(p, "jvirt.update.ms", updates);
        put(p, "jvirt.steady.maxgap.ms", steady);
        File f = new File(out);
        f.getParentFile().mkdirs();
        try (OutputStream os = new FileOutputStream(f)) {
            p.store(os, "jvirt driver hot swap pause (SwapPauseBench)");
        }
        System.out.printf(Locale.ROOT, "jvirt update pause: median %.2f ms, max %.2f ms; update() median %.2f ms, "
                + "max %.2f ms; steady max gap median %.3f ms (%d updates)%n", median(pauses), max(pauses),
                median(updates), max(updates), median(steady), n);
    }

    private static long vendorService(DriverRegistryRuntime rt) {
        return rt.getConnectDrivers().stream().filter(d -> "vendor".equals(d.name)).mapToLong(d -> d.serviceId)
                .findFirst().orElse(-1);
    }

    private static void put(Properties p, String key, List<Double> values) {
        p.setProperty(key + ".median", fmt(median(values)));
        p.setProperty(key + ".max", fmt(max(values)));
        p.setProperty(key + ".min", fmt(values.stream().mapToDouble(Double::doubleValue).min().orElse(0)));
        p.setProperty(key + ".all", values.stream().map(SwapPauseBench::fmt).reduce((a, b) -> a + "," + b).orElse(""));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int m = s.size() / 2;
        return s.isEmpty() ? 0 : s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
