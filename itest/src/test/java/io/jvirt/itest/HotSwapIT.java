package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.spi.ConnectDriver;

/**
 * Hot swap of a real driver bundle (DESIGN §5) under load: the example vendor driver is updated,
 * stopped and started, uninstalled and installed again while client threads keep calling a
 * connection opened through it. One fresh framework per test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotSwapIT {
    static final String URI = "vendor:///default";
    static final String DOMAIN = "vendor-1";
    static final int CALLERS = 4;
    /** Calls each caller must complete to count as "running" (a handful, not a rate). */
    static final int SOME = 20;

    @Inject
    BundleContext context;

    private DriverRegistryRuntime runtime;
    private Bundle vendor;

    @Configuration
    public Option[] config() {
        return options(Platform.platform(), Platform.vendorDriver());
    }

    @Before
    public void setUp() {
        runtime = Osgi.service(context, DriverRegistryRuntime.class);
        vendor = Osgi.bundle(context, Platform.VENDOR_BSN);
        awaitVendorInTable();
    }

    private Virt virt() {
        return Osgi.service(context, Virt.class);
    }

    private DriverDTO vendorDto() {
        return runtime.getConnectDrivers().stream().filter(d -> "vendor".equals(d.name)).findFirst().orElse(null);
    }

    private DriverDTO awaitVendorInTable() {
        Osgi.await("driver 'vendor' with scheme 'vendor' in the registry's table",
                () -> vendorDto() != null && vendorDto().schemes != null
                        && Arrays.asList(vendorDto().schemes).contains("vendor"),
                () -> Drivers.table(runtime) + "; bundles " + Osgi.describe(context) + "; components "
                        + Osgi.components(context));
        return vendorDto();
    }

    private void awaitVendorGone() {
        Osgi.await("the 'vendor' driver gone from the registry's table", () -> vendorDto() == null,
                () -> Drivers.table(runtime));
    }

    private static void assertNoFailures(Callers callers, String when) {
        if (!callers.failures().isEmpty()) {
            fail(callers.failures().size() + " calls failed " + when + " (expected none: a swap within "
                    + "hotswap.wait.ms must be invisible apart from a pause)" + callers.firstFailure());
        }
    }

    /** (a) update: calls pause, then resume on the new instance; none fails. */
    @Test
    public void updateIsInvisibleToCallersApartFromAPause() throws Exception {
        int openBefore = runtime.getOpenConnectionCount();
        long oldService = awaitVendorInTable().serviceId;
        try (Connect conn = virt().open(URI); Callers callers = new Callers(conn, DOMAIN, CALLERS)) {
            callers.awaitEachProgressed(new long[CALLERS], SOME, "before the update");
            io.jvirt.api.Domain handle = conn.domainLookupByName(DOMAIN);

            vendor.update();
            DriverDTO now = awaitVendorInTable();
            assertNotEquals("after update the table holds the new instance's service", oldService, now.serviceId);
            assertEquals("the updated bundle provides the driver", vendor.getBundleId(), now.bundleId);
            callers.awaitEachProgressed(callers.rounds(), SOME, "after the update");
            assertNoFailures(callers, "across bundle.update()");
            assertEquals("a domain handle obtained before the update still works on the new instance "
                    + "(handles are named, not bound to a driver instance)", DOMAIN, handle.getName());
            assertTrue("getInfo through the old handle", handle.getInfo().maxMemKiB() > 0);
            Osgi.await("the open connection to be counted on the new instance",
                    () -> vendorDto() != null && vendorDto().openConnections == 1, () -> Drivers.table(runtime)
                            + " openConnections=" + (vendorDto() == null ? "-" : vendorDto().openConnections));

            // twice more: a swap is not a one-off
            for (int i = 0; i < 2; i++) {
                long before = vendorDto().serviceId;
                vendor.update();
                Osgi.await("a new vendor service after update " + (i + 2),
                        () -> vendorDto() != null && vendorDto().serviceId != before, () -> Drivers.table(runtime));
                callers.awaitEachProgressed(callers.rounds(), SOME, "after update " + (i + 2));
            }
            assertNoFailures(callers, "across three updates");
            assertEquals("the connection is still open", openBefore + 1, runtime.getOpenConnectionCount());
        }
        assertEquals("closing returns the open count to its baseline", openBefore, runtime.getOpenConnectionCount());
    }

    /** (b) stop: new opens fail with NO_CONNECT naming the driver; open connections wait for start. */
    @Test
    public void stopMakesCallsWaitAndStartLetsThemComplete() throws Exception {
        try (Connect conn = virt().open(URI); Callers callers = new Callers(conn, DOMAIN, CALLERS)) {
            callers.awaitEachProgressed(new long[CALLERS], SOME, "before the stop");

            vendor.stop();
            awaitVendorGone();
            VirtException e = UriResolutionIT.expect(ErrorCode.NO_CONNECT, "open of " + URI + " while the vendor "
                    + "bundle is stopped", () -> virt().open(URI).close());
            String msg = e.getMessage();
            assertTrue("NO_CONNECT must name the missing driver 'vendor': " + msg, msg.contains("'vendor'")
                    || msg.contains("\"vendor\"") || msg.contains("driver vendor"));
            assertTrue("NO_CONNECT must name the bundle that provided the missing driver (DESIGN §5), by symbolic "
                    + "name " + Platform.VENDOR_BSN + " or id " + vendor.getBundleId() + ": " + msg,
                    msg.contains(Platform.VENDOR_BSN) || msg.contains("bundle " + vendor.getBundleId()));

            // a call on the open connection waits for the driver
            FutureTask<Integer> call = new FutureTask<>(() -> conn.domainLookupByName(DOMAIN).getInfo().nrVirtCpu());
            Thread t = new Thread(call, "itest-blocked-call");
            t.start();
            Osgi.await("the call on the open connection to wait", () -> t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.BLOCKED
                    || call.isDone(), () -> "state " + t.getState());
            assertFalse("a call on a connection whose driver is stopped must wait for it to come back, not "
                    + "return at once" + outcome(call), call.isDone());
            long[] frozen = callers.rounds();

            vendor.start();
            awaitVendorInTable();
            try {
                call.get(Osgi.SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException ex) {
                throw new AssertionError("the waiting call failed although the driver came back within the wait",
                        ex.getCause());
            }
            callers.awaitEachProgressed(frozen, SOME, "after bundle.start()");
            assertNoFailures(callers, "across stop + start within hotswap.wait.ms");
            t.join(Osgi.SETTLE.toMillis());
        }
    }

    private static String outcome(FutureTask<?> f) {
        if (!f.isDone()) {
            return "";
        }
        try {
            return "; it returned " + f.get();
        } catch (Exception e) {
            return "; it failed with " + e.getCause();
        }
    }

    /** (c) stop longer than a short hotswap.wait.ms: calls fail with a clear error instead of hanging. */
    @Test
    public void callsFailClearlyWhenTheDriverDoesNotComeBackWithinTheWait() throws Exception {
        Osgi.configureRegistry(context, Map.of("hotswap.wait.ms", 500L));
        runtime = Osgi.service(context, DriverRegistryRuntime.class);
        awaitVendorInTable();
        try (Connect conn = virt().open(URI)) {
            assertEquals(DOMAIN, conn.domainLookupByName(DOMAIN).getName());
            vendor.stop();
            awaitVendorGone();

            List<FutureTask<Object>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                FutureTask<Object> f = new FutureTask<>(() -> conn.domainLookupByName(DOMAIN).getInfo());
                calls.add(f);
                new Thread(f, "itest-waiting-call-" + i).start();
            }
            for (FutureTask<Object> f : calls) {
                try {
                    Object r = f.get(Osgi.SETTLE.toMillis(), TimeUnit.MILLISECONDS);
                    fail("a call succeeded although the driver is stopped: " + r);
                } catch (java.util.concurrent.TimeoutException te) {
                    fail("a call on the connection is still blocked long after hotswap.wait.ms=500 expired");
                } catch (ExecutionException ee) {
                    Throwable c = ee.getCause();
                    assertTrue("the call must fail with a VirtException, not " + c, c instanceof VirtException);
                    VirtException ve = (VirtException) c;
                    assertNotNull("the error has a message", ve.getMessage());
                    String msg = ve.getMessage();
                    assertTrue("the error must name the driver that did not come back ('vendor'), not only the "
                            + "URI: " + ve, msg.contains("'vendor'") || msg.contains("\"vendor\"")
                            || msg.contains("driver vendor"));
                }
            }
            // the driver's return makes the platform usable again
            vendor.start();
            awaitVendorInTable();
            try (Connect again = virt().open(URI)) {
                assertEquals(DOMAIN, again.domainLookupByName(DOMAIN).getName());
            }
        }
    }

    /** (d) uninstall removes the scheme, install from the file: URL brings it back. */
    @Test
    public void uninstallAndInstallRemoveAndRestoreTheScheme() throws Exception {
        String location = vendor.getLocation();
        assertTrue("the vendor bundle was installed from a file: URL: " + location, location.startsWith("file:"));
        try (Connect conn = virt().open(URI); Callers callers = new Callers(conn, DOMAIN, CALLERS)) {
            callers.awaitEachProgressed(new long[CALLERS], SOME, "before the uninstall");
            vendor.uninstall();
            awaitVendorGone();
            assertTrue("no driver in the table has scheme 'vendor' after uninstall: " + Drivers.table(runtime),
                    runtime.getConnectDrivers().stream().noneMatch(
                            d -> d.schemes != null && Arrays.asList(d.schemes).contains("vendor")));
            UriResolutionIT.expect(ErrorCode.NO_CONNECT, "open after uninstall", () -> virt().open(URI).close());
            long[] frozen = callers.rounds();

            Bundle again = context.installBundle(location);
            again.start();
            DriverDTO back = awaitVendorInTable();
            assertEquals("the reinstalled bundle provides the driver", again.getBundleId(), back.bundleId);
            assertEquals(Platform.VENDOR_BSN, back.bundleSymbolicName);
            try (Connect c2 = virt().open(URI)) {
                assertEquals(DOMAIN, c2.domainLookupByName(DOMAIN).getName());
            }
            callers.awaitEachProgressed(frozen, SOME,
                    "after reinstalling (a driver of the same name came back within the wait)");
            assertNoFailures(callers, "across uninstall + install");
            vendor = again;
        }
    }

    /**
     * (e) After updates, a stop/start, an uninstall/install and closing every connection, the registry
     * holds no service of an old vendor instance, no thread was left behind, the open count is back at
     * its baseline, and the old bundle revisions' class loaders can be collected.
     */
    @Test
    public void swapsLeaveNothingBehind() throws Exception {
        Bundle registry = Osgi.bundle(context, Platform.REGISTRY_BSN);
        int openBefore = runtime.getOpenConnectionCount();

        // warm up once, so that lazily created platform threads (SCR, framework) are in the baseline
        try (Connect conn = virt().open(URI); Callers callers = new Callers(conn, DOMAIN, CALLERS)) {
            callers.awaitEachProgressed(new long[CALLERS], SOME, "in the warm-up");
            vendor.update();
            awaitVendorInTable();
            callers.awaitEachProgressed(callers.rounds(), SOME, "after the warm-up update");
        }
        Osgi.refresh(context, vendor);
        Set<Thread> baseline = settledThreads(Set.of());

        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        try (Connect conn = virt().open(URI); Callers callers = new Callers(conn, DOMAIN, CALLERS)) {
            callers.awaitEachProgressed(new long[CALLERS], SOME, "before the swaps");
            for (int i = 0; i < 3; i++) {
                oldLoaders.add(new WeakReference<>(vendor.adapt(BundleWiring.class).getClassLoader()));
                long before = vendorDto().serviceId;
                vendor.update();
                Osgi.await("a new vendor service", () -> vendorDto() != null && vendorDto().serviceId != before,
                        () -> Drivers.table(runtime));
                callers.awaitEachProgressed(callers.rounds(), SOME, "after update " + i);
            }
            vendor.stop();
            awaitVendorGone();
            vendor.start();
            awaitVendorInTable();
            callers.awaitEachProgressed(callers.rounds(), SOME, "after stop + start");

            oldLoaders.add(new WeakReference<>(vendor.adapt(BundleWiring.class).getClassLoader()));
            String location = vendor.getLocation();
            vendor.uninstall();
            awaitVendorGone();
            vendor = context.installBundle(location);
            vendor.start();
            awaitVendorInTable();
            callers.awaitEachProgressed(callers.rounds(), SOME, "after uninstall + install");
            assertNoFailures(callers, "across the swaps");
        }
        Osgi.refresh(context);

        assertEquals("open connections back to the baseline", openBefore, runtime.getOpenConnectionCount());
        assertEquals("the vendor driver counts no connection", 0, vendorDto().openConnections);

        // services: the registry uses only services that are still registered, and of the vendor's only the current one
        ServiceReference<?>[] inUse = registry.getServicesInUse();
        List<String> stale = new ArrayList<>();
        List<ServiceReference<?>> vendorRefs = new ArrayList<>();
        for (ServiceReference<?> ref : inUse == null ? new ServiceReference<?>[0] : inUse) {
            Bundle owner = ref.getBundle();
            if (owner == null) {
                stale.add("unregistered service " + ref.getProperty("service.id") + " "
                        + Arrays.toString((String[]) ref.getProperty("objectClass")));
            } else if (owner.getSymbolicName().equals(Platform.VENDOR_BSN)) {
                vendorRefs.add(ref);
            }
        }
        assertTrue("the registry still uses unregistered services: " + stale, stale.isEmpty());
        Set<Long> currentVendorServices = new HashSet<>();
        ServiceReference<?>[] registered = vendor.getRegisteredServices();
        for (ServiceReference<?> r : registered == null ? new ServiceReference<?>[0] : registered) {
            currentVendorServices.add((Long) r.getProperty("service.id"));
        }
        for (ServiceReference<?> r : vendorRefs) {
            assertTrue("the registry uses vendor service " + r.getProperty("service.id")
                    + " which the current vendor bundle did not register (" + currentVendorServices + ")",
                    currentVendorServices.contains((Long) r.getProperty("service.id")));
        }
        assertRegistryGetsEachDriverServiceAtMostOnce(registry);

        // threads: nothing new once things settle
        Set<Thread> leftover = settledThreads(baseline);
        assertTrue("threads left behind by the swaps: " + leftover.stream().map(Thread::getName)
                .collect(Collectors.toList()), leftover.isEmpty());

        // the old revisions' class loaders: nothing may keep an object of an old instance reachable
        awaitCollected(oldLoaders);
    }

    private void assertRegistryGetsEachDriverServiceAtMostOnce(Bundle registry) throws Exception {
        for (ServiceReference<ConnectDriver> ref : context.getServiceReferences(ConnectDriver.class, null)) {
            Bundle[] using = ref.getUsingBundles();
            long n = using == null ? 0 : Arrays.stream(using).filter(registry::equals).count();
            assertTrue("the registry gets driver service " + ref.getProperty("service.id") + " at most once", n <= 1);
        }
    }

    /**
     * Live threads not in {@code baseline}, after a bounded settle: threads still ending are given
     * time to end. With an empty baseline, returns the settled set of live threads.
     */
    private static Set<Thread> settledThreads(Set<Thread> baseline) {
        long deadline = System.nanoTime() + Osgi.SETTLE.toNanos() / 3;
        Set<Thread> extra;
        Set<Thread> previous = null;
        while (true) {
            Set<Thread> live = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .collect(Collectors.toSet());
            if (baseline.isEmpty()) {
                // baseline: wait until the set stops changing between two looks
                if (live.equals(previous) || System.nanoTime() > deadline) {
                    return live;
                }
                previous = live;
                Osgi.sleep(200);
                continue;
            }
            extra = live.stream().filter(t -> !baseline.contains(t)).collect(Collectors.toSet());
            if (extra.isEmpty() || System.nanoTime() > deadline) {
                return extra;
            }
            Osgi.sleep(50);
        }
    }

    private static void awaitCollected(List<WeakReference<ClassLoader>> loaders) {
        long deadline = System.nanoTime() + Osgi.SETTLE.toNanos() / 3;
        while (loaders.stream().anyMatch(w -> w.get() != null)) {
            if (System.nanoTime() > deadline) {
                long alive = loaders.stream().filter(w -> w.get() != null).count();
                fail(alive + " of " + loaders.size() + " class loaders of old vendor bundle revisions are still "
                        + "reachable after refresh and GC: something (the registry?) keeps an object of an old "
                        + "driver instance");
            }
            System.gc();
            Osgi.sleep(100);
        }
    }
}
