package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.File;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.After;
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
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.itest.stub.StubActivator;

/**
 * Secondary drivers as URI-resolved, scoped, hot-swappable drivers (issue 13): for each kind, a stub
 * secondary driver bundle (network, storage, nwfilter, interface, nodedev; {@link StubBundles}) is
 * updated while an application holds a hypervisor connection ({@code hv:///system}, whose calls of
 * that kind go to {@code KIND:///system}) and a direct one ({@code KIND:///system}, as virsh through
 * jvirtd), with callers in flight and an event registration open: calls continue on the successor,
 * events keep arriving on the same callback ID, deregistration succeeds, and nothing leaks. Two
 * embed roots see disjoint objects.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class SecondaryHotSwapIT {
    static final int CALLERS = 3;
    static final int SOME = 20;

    @Inject
    BundleContext context;

    private DriverRegistryRuntime runtime;
    private Drivers drivers;

    @Configuration
    public Option[] config() throws Exception {
        File state = Files.createTempDirectory("jv-stubs").toFile();
        List<Option> o = new ArrayList<>(List.of(Platform.platform(),
                frameworkProperty(StubActivator.STATE_DIR).value(state.getAbsolutePath())));
        o.addAll(Arrays.asList(StubBundles.all()));
        return options(o.toArray(new Option[0]));
    }

    @Before
    public void setUp() {
        runtime = Osgi.service(context, DriverRegistryRuntime.class);
        for (String kind : StubBundles.KINDS) {
            awaitStub(kind, -1);
        }
        drivers = new Drivers(context);
        // a hypervisor driver that uses the shared drivers, with every scope
        drivers.register(TestDriver.opening("hv")).schemes("hv").localOnly().now();
    }

    @After
    public void tearDown() {
        drivers.close();
    }

    private Virt virt() {
        return Osgi.service(context, Virt.class);
    }

    private DriverDTO stub(String kind) {
        return runtime.getSecondaryDrivers().stream().filter(d -> kind.equals(d.name)).findFirst().orElse(null);
    }

    /** Waits for the kind's driver in the table, with a service other than {@code oldService}. */
    private DriverDTO awaitStub(String kind, long oldService) {
        Osgi.await("the stub " + kind + " driver in the registry's table (kind " + kind + ", scheme " + kind + ")",
                () -> stub(kind) != null && stub(kind).serviceId != oldService && kind.equals(stub(kind).kind)
                        && Arrays.asList(stub(kind).schemes).contains(kind),
                () -> "secondary drivers " + runtime.getSecondaryDrivers().stream()
                        .map(d -> d.name + "/" + d.kind + "/" + d.serviceId).collect(Collectors.toList())
                        + "; bundles " + Osgi.describe(context));
        return stub(kind);
    }

    // ---------------------------------------------------------------- one kind's calls and events

    /** What differs per kind: list names, define one, and (for kinds with events) listen. */
    interface Kind {
        List<String> list(Connect c);

        void define(Connect c, String name);

        /** Registers a callback that records the names of new objects; -1 for a kind without events. */
        int listen(Connect c, List<String> heard);

        void unlisten(Connect c, int id);
    }

    static Kind kind(String name) {
        return switch (name) {
            case "network" -> new Kind() {
                public List<String> list(Connect c) {
                    return c.listAllNetworks().stream().map(n -> n.getName()).toList();
                }

                public void define(Connect c, String n) {
                    c.networkDefineXML(n);
                }

                public int listen(Connect c, List<String> heard) {
                    return c.networkEventRegisterAny(null, (n, t, d) -> heard.add(n.getName()));
                }

                public void unlisten(Connect c, int id) {
                    c.networkEventDeregisterAny(id);
                }
            };
            case "storage" -> new Kind() {
                public List<String> list(Connect c) {
                    return c.listAllStoragePools().stream().map(p -> p.getName()).toList();
                }

                public void define(Connect c, String n) {
                    c.storagePoolDefineXML(n);
                }

                public int listen(Connect c, List<String> heard) {
                    return c.storagePoolEventRegisterAny(null, (p, e, d) -> heard.add(p.getName()));
                }

                public void unlisten(Connect c, int id) {
                    c.storagePoolEventDeregisterAny(id);
                }
            };
            case "nodedev" -> new Kind() {
                public List<String> list(Connect c) {
                    return c.listAllNodeDevices(0).stream().map(d -> d.getName()).toList();
                }

                public void define(Connect c, String n) {
                    c.nodeDeviceCreateXML(n);
                }

                public int listen(Connect c, List<String> heard) {
                    return c.nodeDeviceEventRegisterAny(null, (d, e, x) -> heard.add(d.getName()));
                }

                public void unlisten(Connect c, int id) {
                    c.nodeDeviceEventDeregisterAny(id);
                }
            };
            case "nwfilter" -> new Kind() {
                public List<String> list(Connect c) {
                    return c.listAllNWFilters().stream().map(f -> f.getName()).toList();
                }

                public void define(Connect c, String n) {
                    c.nwfilterDefineXML(n);
                }

                public int listen(Connect c, List<String> heard) {
                    return -1; // libvirt has no nwfilter events
                }

                public void unlisten(Connect c, int id) {
                }
            };
            case "interface" -> new Kind() {
                public List<String> list(Connect c) {
                    return c.listAllInterfaces(0).stream().map(i -> i.getName()).toList();
                }

                public void define(Connect c, String n) {
                    c.interfaceDefineXML(n);
                }

                public int listen(Connect c, List<String> heard) {
                    return -1; // libvirt has no interface events
                }

                public void unlisten(Connect c, int id) {
                }
            };
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Threads listing the kind's objects in a loop, counting rounds and failures. */
    static final class Loop implements AutoCloseable {
        final AtomicLong rounds = new AtomicLong();
        final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        Loop(Connect c, Kind k, String mustSee) {
            for (int i = 0; i < CALLERS; i++) {
                Thread t = new Thread(() -> {
                    while (running) {
                        try {
                            if (!k.list(c).contains(mustSee)) {
                                throw new AssertionError("the list lacks " + mustSee + ": " + k.list(c));
                            }
                            rounds.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                            Osgi.sleep(5);
                        }
                    }
                }, Callers.THREAD_PREFIX + "secondary-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        void awaitProgress(String when) {
            long from = rounds.get();
            Osgi.await(SOME + " more rounds of calls " + when, () -> rounds.get() >= from + SOME,
                    () -> rounds.get() + " rounds, failures " + failures);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(Osgi.SETTLE.toMillis());
            }
        }
    }

    // ---------------------------------------------------------------- the tests

    @Test
    public void networkBundleUpdate() throws Exception {
        updateUnderLoad("network");
    }

    @Test
    public void storageBundleUpdate() throws Exception {
        updateUnderLoad("storage");
    }

    @Test
    public void nodeDeviceBundleUpdate() throws Exception {
        updateUnderLoad("nodedev");
    }

    @Test
    public void nwfilterBundleUpdate() throws Exception {
        updateUnderLoad("nwfilter");
    }

    @Test
    public void interfaceBundleUpdate() throws Exception {
        updateUnderLoad("interface");
    }

    private void updateUnderLoad(String name) throws Exception {
        Kind k = kind(name);
        Bundle bundle = Osgi.bundle(context, StubBundles.bsn(name));
        Bundle registry = Osgi.bundle(context, Platform.REGISTRY_BSN);
        int openBefore = runtime.getOpenConnectionCount();
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        String before = name + "-before";

        try (Connect app = virt().open("hv:///system"); Connect direct = virt().open(name + ":///system")) {
            assertEquals("a connection to " + name + ":///system is the stub driver's", name, direct.getType());
            k.define(app, before);
            assertEquals("the application's " + name + " calls on hv:///system reach " + name + ":///system",
                    List.of(before), k.list(direct));
            assertEquals("one scoped connection is open on the stub besides the direct one", 2,
                    stub(name).openConnections);
            assertEquals("the scoped connection is not the application's", openBefore + 2,
                    runtime.getOpenConnectionCount());
            assertNoSupportOfOtherKinds(direct, name);

            List<String> heardApp = new CopyOnWriteArrayList<>();
            List<String> heardDirect = new CopyOnWriteArrayList<>();
            int appId = k.listen(app, heardApp);
            int directId = k.listen(direct, heardDirect);
            boolean events = appId >= 0;
            k.define(direct, "e1");
            if (events) {
                assertEquals("events before the update, through hv:///system", List.of("e1"), heardApp);
                assertEquals("events before the update, on " + name + ":///system", List.of("e1"), heardDirect);
            }

            try (Loop appCalls = new Loop(app, k, before); Loop directCalls = new Loop(direct, k, before)) {
                appCalls.awaitProgress("before the update");
                directCalls.awaitProgress("before the update");
                for (int i = 0; i < 2; i++) {
                    long old = stub(name).serviceId;
                    oldLoaders.add(new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader()));
                    bundle.update();
                    assertNotEquals(old, awaitStub(name, old).serviceId);
                    appCalls.awaitProgress("after update " + (i + 1));
                    directCalls.awaitProgress("after update " + (i + 1));
                }
                noFailures(appCalls, "hv:///system");
                noFailures(directCalls, name + ":///system");
            }

            String e2 = "e2";
            k.define(app, e2);
            assertTrue("the successor has the state: " + k.list(direct), k.list(direct).containsAll(List.of(before, "e1", e2)));
            if (events) {
                assertEquals("the successor's events reach the callback registered before the updates "
                        + "(through hv:///system)", List.of("e1", e2), heardApp);
                assertEquals("the same on " + name + ":///system", List.of("e1", e2), heardDirect);
                k.unlisten(app, appId);
                k.unlisten(direct, directId);
                k.define(app, "e3");
                assertEquals("no event after deregistration", List.of("e1", e2), heardApp);
                assertEquals("no event after deregistration", List.of("e1", e2), heardDirect);
                for (int id : new int[] { appId }) {
                    VirtException again = UriResolutionIT.expect(ErrorCode.INVALID_ARG, "a second deregistration",
                            () -> k.unlisten(app, id));
                    assertEquals("invalid argument: could not find event callback " + id + " for deletion",
                            again.getMessage());
                }
            }
        }

        // nothing leaks
        Osgi.refresh(context);
        assertEquals("open connections back to the baseline", openBefore, runtime.getOpenConnectionCount());
        assertEquals("the stub " + name + " driver counts no connection (the scoped one closed with hv:///system)", 0,
                stub(name).openConnections);
        ServiceReference<?>[] inUse = registry.getServicesInUse();
        for (ServiceReference<?> ref : inUse == null ? new ServiceReference<?>[0] : inUse) {
            assertTrue("the registry uses an unregistered service " + ref.getProperty("service.id"),
                    ref.getBundle() != null);
            if (StubBundles.bsn(name).equals(ref.getBundle().getSymbolicName())) {
                assertEquals("the registry uses only the current stub's service", stub(name).serviceId,
                        ((Long) ref.getProperty("service.id")).longValue());
            }
        }
        awaitNoNewThreads(threadsBefore);
        awaitCollected(oldLoaders);
    }

    /** What libvirt's virtnetworkd answers for other kinds' calls on network:///system (measured). */
    private static void assertNoSupportOfOtherKinds(Connect direct, String name) {
        VirtException d = UriResolutionIT.expect(ErrorCode.NO_SUPPORT, "listAllDomains on " + name + ":///system",
                direct::listAllDomains);
        assertEquals(ErrorDomain.DOMAIN, d.domain());
        assertEquals("this function is not supported by the connection driver: virConnectListAllDomains", d.getMessage());
        if (!name.equals("network")) {
            VirtException n = UriResolutionIT.expect(ErrorCode.NO_SUPPORT, "listAllNetworks on " + name,
                    () -> direct.listAllNetworks());
            assertEquals(ErrorDomain.NETWORK, n.domain());
        }
    }

    private static void noFailures(Loop l, String on) {
        if (!l.failures.isEmpty()) {
            AssertionError e = new AssertionError(l.failures.size() + " calls on " + on + " failed across the updates "
                    + "(a swap within hotswap.wait.ms must be invisible apart from a pause)");
            e.initCause(l.failures.peek());
            throw e;
        }
    }

    private static void awaitNoNewThreads(Set<Thread> before) {
        Osgi.await("no thread left behind by the connections and the updates", () -> Thread.getAllStackTraces()
                .keySet().stream().filter(Thread::isAlive).allMatch(t -> before.contains(t)
                        || !t.getName().startsWith(Callers.THREAD_PREFIX) && isPlatformThread(t)),
                () -> Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                        .map(Thread::getName).collect(Collectors.toList()).toString());
    }

    /** Threads the framework and SCR start on demand (not the registry's or a driver's). */
    private static boolean isPlatformThread(Thread t) {
        String n = t.getName();
        return n.startsWith("FelixDispatchQueue") || n.startsWith("FelixStartLevel") || n.startsWith("SCR ")
                || n.startsWith("FelixFrameworkWiring") || n.startsWith("FelixPackageAdmin")
                || n.startsWith("ForkJoinPool.commonPool") || n.startsWith("Reference Handler")
                || n.startsWith("Finalizer") || n.startsWith("Common-Cleaner");
    }

    private static void awaitCollected(List<WeakReference<ClassLoader>> loaders) {
        Osgi.await("the class loaders of the old stub bundle revisions to be collected (nothing keeps an object "
                + "of an old driver instance)", () -> {
                    System.gc();
                    return loaders.stream().allMatch(w -> w.get() == null);
                }, () -> loaders.stream().filter(w -> w.get() != null).count() + " of " + loaders.size()
                        + " still reachable", Osgi.SETTLE.dividedBy(3));
    }

    // ---------------------------------------------------------------- scopes

    @Test
    public void twoEmbedRootsSeeDisjointNetworksAndPools() throws Exception {
        Path a = Files.createTempDirectory("jv-a");
        Path b = Files.createTempDirectory("jv-b");
        try (Connect ca = virt().open("hv:///embed?root=" + a); Connect cb = virt().open("hv:///embed?root=" + b);
                Connect sys = virt().open("hv:///system")) {
            ca.networkDefineXML("net-a");
            cb.networkDefineXML("net-b");
            ca.storagePoolDefineXML("pool-a");
            cb.storagePoolDefineXML("pool-b");
            assertEquals(List.of("net-a"), kind("network").list(ca));
            assertEquals(List.of("net-b"), kind("network").list(cb));
            assertEquals(List.of("pool-a"), kind("storage").list(ca));
            assertEquals(List.of("pool-b"), kind("storage").list(cb));
            assertTrue("the system scope sees neither root's networks", !kind("network").list(sys).contains("net-a")
                    && !kind("network").list(sys).contains("net-b"));
            try (Connect direct = virt().open("network:///embed?root=" + a)) {
                assertEquals("network:///embed?root=A is the scope of hv:///embed?root=A", List.of("net-a"),
                        kind("network").list(direct));
            }
            assertTrue("the embedded state lives under its root", Files.isRegularFile(a.resolve("network/names")));
        }
    }

    @Test
    public void callsOfAKindWhoseDriverDoesNotComeBackFailNamingItAndWorkWhenItReturns() throws Exception {
        Osgi.configureRegistry(context, java.util.Map.of("hotswap.wait.ms", 500L));
        runtime = Osgi.service(context, DriverRegistryRuntime.class);
        Bundle network = Osgi.bundle(context, StubBundles.bsn("network"));
        String location = network.getLocation();
        network.uninstall();
        Osgi.await("no network driver", () -> stub("network") == null, () -> String.valueOf(stub("network")));
        try (Connect app = virt().open("hv:///system")) {
            VirtException e = UriResolutionIT.expect(ErrorCode.NO_CONNECT, "listAllNetworks while the network "
                    + "driver is gone", () -> app.listAllNetworks());
            assertTrue("the error names the driver and its bundle: " + e.getMessage(),
                    e.getMessage().contains("'network'") && e.getMessage().contains(StubBundles.bsn("network"))
                            && e.getMessage().contains("network:///system"));
            kind("storage").define(app, "pool-while-network-is-gone");
            assertTrue("the storage driver still serves hv:///system",
                    kind("storage").list(app).contains("pool-while-network-is-gone"));
            Bundle again = context.installBundle(location);
            again.start();
            awaitStub("network", -1);
            kind("network").define(app, "net-after-return");
            assertTrue("the network driver is back", kind("network").list(app).contains("net-after-return"));
        }
    }

    // ---------------------------------------------------------------- a driver reaches its scope's secondaries

    /**
     * A hypervisor driver's own use of a secondary driver (what network ports and volume lookups
     * will do): through the {@code SecondaryConnections} the platform gives its connection, as
     * {@code io.jvirt.api} objects of {@code network:///system}, across an update of the network bundle.
     */
    @Test
    public void aHypervisorDriverUsesItsScopesNetworkThroughTheApiAcrossAnUpdate() throws Exception {
        java.util.concurrent.atomic.AtomicReference<io.jvirt.spi.SecondaryConnections> given =
                new java.util.concurrent.atomic.AtomicReference<>();
        io.jvirt.spi.ConnectDriver user = (uri, auth, flags) -> io.jvirt.spi.OpenResult.success(
                new io.jvirt.spi.HypervisorDriver() {
                    @Override
                    public void connectSetSecondaries(io.jvirt.spi.SecondaryConnections secondaries) {
                        given.set(secondaries);
                    }

                    @Override
                    public String connectGetHostname() {
                        // driver-internal: the networks its scope's network driver has
                        return String.join(",", kind("network").list(given.get().open("network")));
                    }
                });
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put(io.jvirt.spi.DriverProperties.NAME, "user");
        props.put(io.jvirt.spi.DriverProperties.URI_SCHEMES, "user");
        var reg = context.registerService(io.jvirt.spi.ConnectDriver.class, user, props);
        try {
            Osgi.await("driver 'user' in the table", () -> runtime.getConnectDrivers().stream()
                    .anyMatch(d -> "user".equals(d.name)), () -> Drivers.table(runtime));
            Path root = Files.createTempDirectory("jv-u");
            try (Connect app = virt().open("user:///embed?root=" + root)) {
                app.networkDefineXML("seen-by-driver");
                assertEquals("seen-by-driver", app.getHostname());
                assertEquals(io.jvirt.spi.DriverScope.embed(root.toString()), given.get().scope());
                Bundle network = Osgi.bundle(context, StubBundles.bsn("network"));
                long old = stub("network").serviceId;
                network.update();
                awaitStub("network", old);
                assertEquals("after the update the driver reaches the successor through the same handle",
                        "seen-by-driver", app.getHostname());
                network.stop();
                java.util.concurrent.FutureTask<String> waiting = new java.util.concurrent.FutureTask<>(app::getHostname);
                Thread t = new Thread(waiting, Callers.THREAD_PREFIX + "driver-internal");
                t.start();
                Osgi.await("the driver's call to wait for the network driver", () -> waiting.isDone()
                        || t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING,
                        () -> "state " + t.getState());
                assertTrue("the driver's call waits for the network driver (hotswap.wait.ms), it does not fail",
                        !waiting.isDone());
                network.start();
                assertEquals("seen-by-driver", waiting.get(Osgi.SETTLE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            }
        } finally {
            reg.unregister();
        }
    }
}
