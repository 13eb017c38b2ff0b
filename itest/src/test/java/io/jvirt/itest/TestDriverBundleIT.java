package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

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

import io.jvirt.api.Connect;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.api.runtime.DriverRegistryRuntime;

/**
 * libvirt's test driver as a real bundle: {@code test:///default} shared by the connections of one
 * platform, and what happens to them when the bundle is stopped and started again while they are
 * open. As when libvirtd restarts, the state of the stopped instance is gone; open connections get
 * the new instance (a fresh {@code test:///default}) or, when it does not come back in time, a clean
 * error; no call hangs, no connection leaks.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class TestDriverBundleIT {
    static final String URI = "test:///default";
    static final String D1 = "<domain type='test'><name>d1</name><memory>1048576</memory><vcpu>1</vcpu>"
            + "<os><type>hvm</type></os></domain>";

    @Inject
    BundleContext context;

    private DriverRegistryRuntime runtime;
    private Bundle driver;

    @Configuration
    public Option[] config() {
        return options(Platform.platform(), Platform.testDriver());
    }

    @Before
    public void setUp() {
        runtime = Osgi.service(context, DriverRegistryRuntime.class);
        driver = Osgi.bundle(context, Platform.TEST_DRIVER_BSN);
        awaitTestDriver(true);
    }

    private Virt virt() {
        return Osgi.service(context, Virt.class);
    }

    private boolean testDriverInTable() {
        return runtime.getConnectDrivers().stream().anyMatch(d -> "test".equals(d.name));
    }

    private void awaitTestDriver(boolean present) {
        Osgi.await("driver 'test' " + (present ? "in" : "gone from") + " the registry's table",
                () -> testDriverInTable() == present,
                () -> Drivers.table(runtime) + "; bundles " + Osgi.describe(context) + "; components "
                        + Osgi.components(context));
    }

    @Test
    public void defaultStateIsSharedAndFreshAfterTheLastClose() {
        try (Connect a = virt().open(URI); Connect b = virt().open(URI)) {
            assertEquals("TEST", a.getType());
            assertEquals(1, a.domainLookupByName("test").getID());
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            b.domainEventRegisterAny(null, DomainEventId.LIFECYCLE, (d, e) -> seen.add(d.getName()));
            a.domainDefineXML(D1);
            assertEquals("b sees what a defined", 1, b.numOfDefinedDomains());
            assertEquals("and receives its event", List.of("d1"), seen);
        }
        try (Connect c = virt().open(URI)) {
            assertEquals("after the last close test:///default starts afresh", 0, c.numOfDefinedDomains());
        }
    }

    @Test
    public void restartWithinTheWaitGivesOpenConnectionsTheNewInstance() throws Exception {
        int openBefore = runtime.getOpenConnectionCount();
        try (Connect a = virt().open(URI); Connect b = virt().open(URI)) {
            a.domainDefineXML(D1);
            a.domainLookupByName("test").suspend();
            assertEquals(1, b.numOfDefinedDomains());

            driver.stop();
            awaitTestDriver(false);
            VirtException e = expectError(() -> virt().open(URI).close());
            assertEquals("a new open while the bundle is stopped", ErrorCode.NO_CONNECT, e.code());
            assertTrue("the error names the driver's bundle: " + e.getMessage(),
                    e.getMessage().contains(Platform.TEST_DRIVER_BSN));

            // a call made while the driver is away waits for it, then runs on the new instance
            FutureTask<Integer> call = new FutureTask<>(b::numOfDefinedDomains);
            Thread t = new Thread(call, "itest-test-driver-call");
            t.start();
            Osgi.sleep(200);
            assertFalse("the call waits for the driver to come back", call.isDone());

            driver.start();
            awaitTestDriver(true);
            int defined;
            try {
                defined = call.get(Osgi.SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException ex) {
                throw new AssertionError("the waiting call failed although the driver came back", ex.getCause());
            }
            assertEquals("the stopped instance's state is gone, as after a libvirtd restart", 0, defined);
            assertEquals("test:///default is fresh: test runs again, not paused", "running (unknown)",
                    a.domainLookupByName("test").getState().toString());
            assertEquals(1, a.domainLookupByName("test").getID());
            // both connections share the new instance's state
            a.domainDefineXML(D1);
            assertEquals(1, b.numOfDefinedDomains());
        }
        assertEquals("no connection leaked", openBefore, runtime.getOpenConnectionCount());
        try (Connect c = virt().open(URI)) {
            assertEquals("after the last close the new instance starts afresh too", 0, c.numOfDefinedDomains());
        }
    }

    @Test
    public void callsFailCleanlyWhenTheDriverStaysAway() throws Exception {
        Osgi.configureRegistry(context, Map.of("hotswap.wait.ms", 500L));
        runtime = Osgi.service(context, DriverRegistryRuntime.class);
        awaitTestDriver(true);
        int openBefore = runtime.getOpenConnectionCount();
        try (Connect conn = virt().open(URI)) {
            conn.domainDefineXML(D1);
            driver.stop();
            awaitTestDriver(false);
            List<FutureTask<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                FutureTask<Object> f = new FutureTask<>(() -> conn.domainLookupByName("d1").getInfo());
                calls.add(f);
                new Thread(f, "itest-test-driver-stopped-" + i).start();
            }
            for (FutureTask<Object> f : calls) {
                try {
                    fail("a call succeeded although the test driver is stopped: "
                            + f.get(Osgi.SETTLE.toMillis(), TimeUnit.MILLISECONDS));
                } catch (java.util.concurrent.TimeoutException te) {
                    fail("a call is still blocked long after hotswap.wait.ms=500 expired");
                } catch (ExecutionException ee) {
                    assertTrue("a VirtException, not " + ee.getCause(), ee.getCause() instanceof VirtException);
                    assertNotNull(ee.getCause().getMessage());
                    assertTrue("the error names the driver: " + ee.getCause().getMessage(),
                            ee.getCause().getMessage().contains("'test'"));
                }
            }
            driver.start();
            awaitTestDriver(true);
            // the connection rides on to the new instance: fresh state, d1 is gone
            Osgi.await("the open connection to reach the new instance", () -> {
                try {
                    return conn.numOfDomains() == 1;
                } catch (VirtException ve) {
                    return false;
                }
            }, () -> Drivers.table(runtime));
            assertEquals(0, conn.numOfDefinedDomains());
        }
        assertEquals("no connection leaked", openBefore, runtime.getOpenConnectionCount());
    }

    @Test
    public void nodeFilesOpenPrivateStatesInsideTheFramework() throws Exception {
        java.nio.file.Path node = java.nio.file.Files.createTempFile("node", ".xml");
        java.nio.file.Files.writeString(node, "<node><domain type='test'><name>n1</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain><cpu><nodes>1</nodes><sockets>1</sockets><cores>2</cores>"
                + "<threads>1</threads><mhz>1000</mhz><model>i386</model></cpu><memory>1048576</memory></node>");
        try (Connect a = virt().open("test://" + node); Connect b = virt().open("test://" + node)) {
            a.domainLookupByName("n1").destroy();
            assertTrue("each connection has its own state", b.domainLookupByName("n1").isActive());
            assertEquals(2, a.nodeGetInfo().cpus());
        } finally {
            java.nio.file.Files.deleteIfExists(node);
        }
    }

    private static VirtException expectError(Runnable r) {
        try {
            r.run();
        } catch (VirtException e) {
            return e;
        }
        throw new AssertionError("expected a VirtException");
    }
}
