package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.api.runtime.FailedDriverDTO;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverProperties;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.StateDriver;
import io.jvirt.spi.StorageDriver;

/**
 * State drivers in Felix (libvirt's virStateInitialize): stubs of every kind record when and on
 * which thread their {@code initialize} ran. They run in libvirt's daemon order, off the thread
 * that registered them (where SCR binds the registry's references), an open waits for its driver's
 * state at most the hot-swap wait, and a failed state is listed by the runtime view, fails its
 * opens as libvirt's "state driver is not active" and holds up no other driver.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class StateDriverIT {
    @Inject
    BundleContext context;

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    @Configuration
    public Option[] config() {
        return options(Platform.platform());
    }

    @Before
    public void setUp() {
        Osgi.service(context, DriverRegistryRuntime.class);
    }

    @After
    public void tearDown() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private <T extends StateStub> T register(T stub, String kind, String scheme, String... services) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(DriverProperties.NAME, stub.name);
        props.put("component.name", "stub." + stub.name);
        if (kind != null) {
            props.put(DriverProperties.KIND, kind);
        }
        if (scheme != null) {
            props.put(DriverProperties.URI_SCHEMES, scheme);
            props.put(DriverProperties.LOCAL_ONLY, Boolean.TRUE);
        }
        List<String> classes = new ArrayList<>(List.of(services));
        classes.add(StateDriver.class.getName());
        registrations.add(context.registerService(classes.toArray(new String[0]), stub, props));
        return stub;
    }

    private static void await(CountDownLatch l, String what) throws InterruptedException {
        assertTrue("timed out waiting for " + what, l.await(Osgi.SETTLE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    public void stateDriversInitializeInLibvirtsOrderOffTheRegisteringThread() throws Exception {
        Virt virt = Osgi.service(context, Virt.class);
        CountDownLatch network = new CountDownLatch(1);
        StateStub net = register(new StateStub("network", order).holdOn(network), "network", null);
        // every other kind arrives while the network state initializes, hypervisors first
        List<StateStub> rest = List.of(
                register(new StateStub.Hypervisor("stubhv", order), null, "stubhv", ConnectDriver.class.getName()),
                register(new StateStub.NWFilter("nwfilter", order), null, null, NWFilterDriver.class.getName()),
                register(new StateStub("nodedev", order), "nodedev", null),
                register(new StateStub.Storage("storage", order), null, null, StorageDriver.class.getName()),
                register(new StateStub("secret", order), "secret", null),
                register(new StateStub("interface", order), "interface", null));
        assertEquals("registerService returned while the network state was still initializing", List.of(), order);
        CompletableFuture<Connect> open = CompletableFuture.supplyAsync(() -> virt.open("stubhv:///default"));
        assertFalse("the hypervisor was opened before its state (held up by the network's) was initialized",
                open.isDone());
        network.countDown();
        for (StateStub s : rest) {
            await(s.initialized, s.name);
        }
        assertEquals(List.of("network", "interface", "secret", "storage", "nodedev", "nwfilter", "stubhv"), order);
        Connect c = open.get(Osgi.SETTLE.toSeconds(), TimeUnit.SECONDS);
        assertEquals("stubhv:///default", c.getURI());
        c.close();
        String registering = Thread.currentThread().getName();
        List<StateStub> all = new ArrayList<>(rest);
        all.add(net);
        for (StateStub s : all) {
            assertTrue(s.name + " initialized on " + s.thread, s.thread.startsWith("jvirt-state-"));
            assertNotEquals(registering, s.thread);
        }
    }

    @Test
    public void aFailedStateIsListedFailsItsOpensAndHoldsUpNobody() throws Exception {
        Virt virt = Osgi.service(context, Virt.class);
        DriverRegistryRuntime runtime = Osgi.service(context, DriverRegistryRuntime.class);
        StateStub broken = register(new StateStub("brokenstore", order)
                .failingWith(new IllegalStateException("cannot read the pools")), "storage", null);
        StateStub.Hypervisor after = register(new StateStub.Hypervisor("afterhv", order), null, "afterhv",
                ConnectDriver.class.getName());
        StateStub.Hypervisor failing = register(new StateStub.Hypervisor("failhv", order), null, "failhv",
                ConnectDriver.class.getName());
        failing.failingWith(new IllegalStateException("no such emulator"));
        await(broken.initialized, broken.name);
        await(after.initialized, after.name);
        await(failing.initialized, failing.name);
        Osgi.await("the failed states in the runtime view", () -> failedReasons(runtime).size() == 2,
                () -> String.valueOf(failedReasons(runtime)));
        assertEquals(Map.of("stub.brokenstore", "state driver initialize failed: java.lang.IllegalStateException: "
                + "cannot read the pools", "stub.failhv", "state driver initialize failed: "
                + "java.lang.IllegalStateException: no such emulator"), failedReasons(runtime));

        Connect c = virt.open("afterhv:///default"); // the failures held it up in no way
        c.close();
        try {
            virt.open("failhv:///default");
            fail("opened a driver whose state failed");
        } catch (VirtException e) {
            assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
            assertEquals(ErrorDomain.NONE, e.domain());
            assertEquals("internal error: failhv state driver is not active", e.getMessage());
        }
    }

    private Map<String, String> failedReasons(DriverRegistryRuntime runtime) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (FailedDriverDTO f : runtime.getFailedDrivers()) {
            if (f.component != null && f.component.startsWith("stub.")) {
                out.put(f.component, f.reason);
            }
        }
        return out;
    }

    @Test
    public void anOpenWaitsForTheStateAtMostTheHotSwapWait() throws Exception {
        Osgi.configureRegistry(context, Map.of("hotswap.wait.ms", 500L));
        try {
            Virt virt = Osgi.service(context, Virt.class);
            CountDownLatch hold = new CountDownLatch(1);
            StateStub.Hypervisor slow = new StateStub.Hypervisor("slowhv", order);
            slow.holdOn(hold);
            register(slow, null, "slowhv", ConnectDriver.class.getName());
            try {
                virt.open("slowhv:///default");
                fail("opened a driver whose state is still initializing");
            } catch (VirtException e) {
                assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
                assertEquals("internal error: slowhv state driver is not active: its initialization did not finish "
                        + "within 500 ms", e.getMessage());
            }
            CompletableFuture<Connect> open = CompletableFuture.supplyAsync(() -> virt.open("slowhv:///default"));
            hold.countDown();
            Connect c;
            try {
                c = open.get(Osgi.SETTLE.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // the open may have begun its wait long before the latch was released on a busy machine
                c = virt.open("slowhv:///default");
            }
            assertEquals("slowhv:///default", c.getURI());
            c.close();
            registrations.remove(registrations.size() - 1).unregister();
            assertEquals(List.of("initialize", "shutdownPrepare", "shutdownWait"), slow.calls);
        } finally {
            Osgi.configureRegistry(context, null);
        }
    }
}
