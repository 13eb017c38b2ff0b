package io.jvirt.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
import org.osgi.framework.wiring.BundleWiring;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.Secret;
import io.jvirt.api.SecretEventCallback;
import io.jvirt.api.SecretEventId;
import io.jvirt.api.SecretLifecycle;
import io.jvirt.api.SecretUsageType;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.SecondaryConnections;

/**
 * The real secret driver bundle ({@code io.jvirt.driver.secret}) as a scoped, hot-swappable
 * secondary driver: updated twice while an application holds {@code hv:///system} (whose secret
 * calls go to {@code secret:///system}) and {@code secret:///system} itself, with callers in flight
 * and lifecycle and value-changed registrations open: calls continue on the successor, which has
 * the persistent secrets and their values (an ephemeral one is gone, as on libvirtd's restart),
 * events keep arriving on the same callback IDs, deregistration succeeds, nothing of the old
 * revisions stays reachable. Two embed roots see disjoint secrets; a hypervisor driver reads a
 * private value through its {@code SecondaryConnections}, across an update too.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class SecretHotSwapIT {
    static final String BSN = "io.jvirt.driver.secret";
    static final int CALLERS = 3;
    static final int SOME = 20;
    static final String PERSISTENT = "<secret><uuid>c0ffee00-0000-4000-8000-000000000001</uuid>"
            + "<usage type='ceph'><name>kept</name></usage></secret>";
    static final String EPHEMERAL = "<secret ephemeral='yes'><uuid>c0ffee00-0000-4000-8000-000000000002</uuid>"
            + "<usage type='tls'><name>gone</name></usage></secret>";

    @Inject
    BundleContext context;

    private DriverRegistryRuntime runtime;
    private Drivers drivers;

    @Configuration
    public Option[] config() throws Exception {
        Path data = Files.createTempDirectory("jv-secret");
        return options(Platform.platform(), bundle(Platform.url("conf.jar")), bundle(Platform.url("driver-secret.jar")),
                // the driver's system and session roots: <jvirt.data>/secret/{system,session}
                frameworkProperty("jvirt.data").value(data.toString()));
    }

    @Before
    public void setUp() {
        runtime = Osgi.service(context, DriverRegistryRuntime.class);
        awaitSecretDriver(-1);
        drivers = new Drivers(context);
        drivers.register(TestDriver.opening("hv")).schemes("hv").localOnly().now();
    }

    @After
    public void tearDown() {
        drivers.close();
    }

    private Virt virt() {
        return Osgi.service(context, Virt.class);
    }

    private DriverDTO secretDriver() {
        return runtime.getSecondaryDrivers().stream().filter(d -> "secret".equals(d.name)).findFirst().orElse(null);
    }

    private DriverDTO awaitSecretDriver(long oldService) {
        Osgi.await("the secret driver in the registry's table (kind secret, scheme secret)",
                () -> secretDriver() != null && secretDriver().serviceId != oldService && "secret".equals(secretDriver().kind),
                () -> "secondary drivers " + runtime.getSecondaryDrivers().stream()
                        .map(d -> d.name + "/" + d.kind + "/" + d.serviceId).collect(Collectors.toList())
                        + "; bundles " + Osgi.describe(context) + "; components " + Osgi.components(context));
        return secretDriver();
    }

    private static List<String> usages(Connect c) {
        return c.listAllSecrets().stream().map(Secret::getUsageID).sorted().toList();
    }

    /** Records "usage event" for each event of a registration. */
    private static SecretEventCallback recorder(List<String> heard) {
        return new SecretEventCallback() {
            @Override
            public void onLifecycle(Secret secret, SecretLifecycle type, int detail) {
                heard.add(secret.getUsageID() + " " + type);
            }

            @Override
            public void onValueChanged(Secret secret) {
                heard.add(secret.getUsageID() + " value");
            }
        };
    }

    /** Threads listing secrets in a loop, counting rounds and failures. */
    static final class Loop implements AutoCloseable {
        final AtomicLong rounds = new AtomicLong();
        final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        Loop(Connect c) {
            for (int i = 0; i < CALLERS; i++) {
                Thread t = new Thread(() -> {
                    while (running) {
                        try {
                            if (!usages(c).contains("kept")) {
                                throw new AssertionError("the list lacks the persistent secret: " + usages(c));
                            }
                            rounds.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                            Osgi.sleep(5);
                        }
                    }
                }, Callers.THREAD_PREFIX + "secret-" + i);
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

        void assertNoFailures(String on) {
            if (!failures.isEmpty()) {
                AssertionError e = new AssertionError(failures.size() + " calls on " + on + " failed across the updates");
                e.initCause(failures.peek());
                throw e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(Osgi.SETTLE.toMillis());
            }
        }
    }

    private static void awaitEvents(List<String> heard, List<String> expected, String what) {
        Osgi.await(what, () -> heard.equals(expected), () -> heard.toString());
    }

    @Test
    public void secretBundleUpdateUnderCallsAndEventRegistrations() throws Exception {
        Bundle bundle = Osgi.bundle(context, BSN);
        int openBefore = runtime.getOpenConnectionCount();
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        try (Connect app = virt().open("hv:///system"); Connect direct = virt().open("secret:///system")) {
            assertEquals("secret", direct.getType());
            Secret kept = app.secretDefineXML(PERSISTENT);
            kept.setValue(new byte[] { 4, 2 });
            direct.secretDefineXML(EPHEMERAL);
            assertEquals("hv:///system's secrets are secret:///system's", List.of("gone", "kept"), usages(direct));
            assertEquals(2, secretDriver().openConnections);

            List<String> heardApp = new CopyOnWriteArrayList<>();
            List<String> heardDirect = new CopyOnWriteArrayList<>();
            int appLc = app.secretEventRegisterAny(null, SecretEventId.LIFECYCLE, recorder(heardApp));
            int appVc = app.secretEventRegisterAny(null, SecretEventId.VALUE_CHANGED, recorder(heardApp));
            int directLc = direct.secretEventRegisterAny(null, SecretEventId.LIFECYCLE, recorder(heardDirect));
            direct.secretDefineXML("<secret><usage type='vtpm'><name>e1</name></usage></secret>");
            awaitEvents(heardApp, List.of("e1 DEFINED"), "the event before the update, through hv:///system");
            awaitEvents(heardDirect, List.of("e1 DEFINED"), "the event before the update, on secret:///system");

            try (Loop appCalls = new Loop(app); Loop directCalls = new Loop(direct)) {
                appCalls.awaitProgress("before the update");
                directCalls.awaitProgress("before the update");
                for (int i = 0; i < 2; i++) {
                    long old = secretDriver().serviceId;
                    oldLoaders.add(new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader()));
                    bundle.update();
                    assertNotEquals(old, awaitSecretDriver(old).serviceId);
                    appCalls.awaitProgress("after update " + (i + 1));
                    directCalls.awaitProgress("after update " + (i + 1));
                }
                appCalls.assertNoFailures("hv:///system");
                directCalls.assertNoFailures("secret:///system");
            }

            assertEquals("the successor has the persistent secrets, not the ephemeral one", List.of("e1", "kept"),
                    usages(app));
            assertArrayEquals("and the value", new byte[] { 4, 2 }, kept.getValue());
            Secret e2 = app.secretDefineXML("<secret><usage type='iscsi'><target>e2</target></usage></secret>");
            e2.setValue(new byte[] { 1 });
            awaitEvents(heardApp, List.of("e1 DEFINED", "e2 DEFINED", "e2 value"),
                    "the successor's events on the callbacks registered before the updates (hv:///system)");
            awaitEvents(heardDirect, List.of("e1 DEFINED", "e2 DEFINED"), "the same on secret:///system");
            app.secretEventDeregisterAny(appLc);
            app.secretEventDeregisterAny(appVc);
            direct.secretEventDeregisterAny(directLc);
            e2.undefine();
            Osgi.sleep(300);
            assertEquals("no event after deregistration", List.of("e1 DEFINED", "e2 DEFINED", "e2 value"), heardApp);
            assertEquals("no event after deregistration", List.of("e1 DEFINED", "e2 DEFINED"), heardDirect);
            VirtException again = UriResolutionIT.expect(ErrorCode.INVALID_ARG, "a second deregistration",
                    () -> app.secretEventDeregisterAny(appLc));
            assertEquals("invalid argument: could not find event callback " + appLc + " for deletion",
                    again.getMessage());
            for (Secret s : app.listAllSecrets()) {
                s.undefine();
            }
        }

        Osgi.refresh(context);
        assertEquals("open connections back to the baseline", openBefore, runtime.getOpenConnectionCount());
        assertEquals("the secret driver counts no connection", 0, secretDriver().openConnections);
        Osgi.await("the old revisions' event threads to end (their instances closed with their components)",
                () -> Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive()
                        && t.getName().startsWith("jvirt-secret-events")).count() <= 1,
                () -> Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .filter(n -> n.startsWith("jvirt-secret-events")).collect(Collectors.toList()).toString());
        Osgi.await("the class loaders of the old revisions to be collected", () -> {
            System.gc();
            return oldLoaders.stream().allMatch(w -> w.get() == null);
        }, () -> oldLoaders.stream().filter(w -> w.get() != null).count() + " of " + oldLoaders.size()
                + " still reachable", Osgi.SETTLE.dividedBy(3));
    }

    @Test
    public void twoEmbedRootsSeeDisjointSecrets() throws Exception {
        Path a = Files.createTempDirectory("jv-a");
        Path b = Files.createTempDirectory("jv-b");
        try (Connect ca = virt().open("hv:///embed?root=" + a); Connect cb = virt().open("hv:///embed?root=" + b);
                Connect sys = virt().open("hv:///system")) {
            ca.secretDefineXML("<secret><usage type='ceph'><name>secret-a</name></usage></secret>");
            cb.secretDefineXML("<secret><usage type='ceph'><name>secret-b</name></usage></secret>");
            assertEquals(List.of("secret-a"), usages(ca));
            assertEquals(List.of("secret-b"), usages(cb));
            assertTrue("the system scope sees neither root's secrets: " + usages(sys),
                    !usages(sys).contains("secret-a") && !usages(sys).contains("secret-b"));
            try (Connect direct = virt().open("secret:///embed?root=" + a)) {
                assertEquals("secret:///embed?root=A is the scope of hv:///embed?root=A", List.of("secret-a"),
                        usages(direct));
            }
            assertTrue("the embedded secrets live under their root", Files.isDirectory(a.resolve("secrets")));
        }
    }

    @Test
    public void aHypervisorDriverReadsAPrivateValueItsClientsCannot() throws Exception {
        AtomicReference<SecondaryConnections> given = new AtomicReference<>();
        ConnectDriver user = (uri, auth, flags) -> OpenResult.success(new HypervisorDriver() {
            @Override
            public void connectSetSecondaries(SecondaryConnections secondaries) {
                given.set(secondaries);
            }

            @Override
            public String connectGetHostname() {
                // driver-internal: the key of a disk, as a domain start would read it
                SecondaryConnections s = given.get();
                return new String(s.secretValue(s.open("secret").secretLookupByUsage(SecretUsageType.VOLUME,
                        "/images/disk.img")));
            }
        });
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put(DriverProperties.NAME, "user");
        props.put(DriverProperties.URI_SCHEMES, "user");
        var reg = context.registerService(ConnectDriver.class, user, props);
        try {
            Osgi.await("driver 'user' in the table", () -> runtime.getConnectDrivers().stream()
                    .anyMatch(d -> "user".equals(d.name)), () -> Drivers.table(runtime));
            Path root = Files.createTempDirectory("jv-u");
            try (Connect app = virt().open("user:///embed?root=" + root)) {
                Secret s = app.secretDefineXML("<secret private='yes'><usage type='volume'>"
                        + "<volume>/images/disk.img</volume></usage></secret>");
                s.setValue("luks-key".getBytes());
                VirtException refused = UriResolutionIT.expect(ErrorCode.INVALID_SECRET, "the client's getValue",
                        s::getValue);
                assertEquals("Invalid secret: secret is private", refused.getMessage());
                assertEquals("luks-key", app.getHostname());
                Bundle bundle = Osgi.bundle(context, BSN);
                long old = secretDriver().serviceId;
                bundle.update();
                awaitSecretDriver(old);
                assertEquals("after the update the driver reads it from the successor", "luks-key", app.getHostname());
            }
        } finally {
            reg.unregister();
        }
    }
}
