package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.Virt;
import io.jvirt.api.VirtException;
import io.jvirt.api.runtime.DriverRegistryRuntime;
import io.jvirt.api.runtime.ResolutionDTO;
import io.jvirt.api.runtime.ResolutionStepDTO;

/** URI resolution against the table, the rules of DESIGN §1 (libvirt's virConnectOpen). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UriResolutionIT {
    @Inject
    BundleContext context;

    private Drivers drivers;
    private DriverRegistryRuntime runtime;
    private int openBefore;

    @Configuration
    public Option[] config() {
        return options(Platform.platform());
    }

    @Before
    public void setUp() {
        drivers = new Drivers(context);
        runtime = Osgi.service(context, DriverRegistryRuntime.class);
        openBefore = runtime.getOpenConnectionCount();
    }

    @After
    public void tearDown() {
        drivers.close();
    }

    private Virt virt() {
        return Osgi.service(context, Virt.class);
    }

    static VirtException expect(ErrorCode code, String what, Runnable call) {
        try {
            call.run();
        } catch (VirtException e) {
            assertEquals(what + ": error code of " + e, code, e.code());
            return e;
        }
        fail(what + ": expected a VirtException " + code + ", the call succeeded");
        return null;
    }

    private static String outcome(ResolutionDTO r, String driver) {
        if (r.steps == null) {
            return null;
        }
        return Arrays.stream(r.steps).filter(s -> driver.equals(s.driver)).map(s -> s.outcome).findFirst().orElse(null);
    }

    private static String steps(ResolutionDTO r) {
        return r.steps == null ? "null" : Arrays.stream(r.steps)
                .map(s -> s.driver + "=" + s.outcome + (s.reason == null ? "" : "(" + s.reason + ")"))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @Test
    public void localOnlyDriverIsSkippedForAUriNamingAHost() {
        TestDriver local = TestDriver.opening("u1-local");
        TestDriver any = TestDriver.opening("u1-any");
        drivers.register(local).schemes("u1").ranking(20).localOnly().now();
        drivers.register(any).schemes("u1").ranking(10).now();

        try (Connect c = virt().open("u1://host.example/x")) {
            assertEquals("a URI with a host goes past the localOnly driver", "ITEST-u1-any", c.getType());
        }
        assertTrue("the localOnly driver must not even be asked for a URI with a host: " + local, local.asked.isEmpty());

        try (Connect c = virt().open("u1:///x")) {
            assertEquals("a local URI is opened by the first driver, the localOnly one", "ITEST-u1-local", c.getType());
        }

        ResolutionDTO r = runtime.explain("u1://host.example/x");
        assertEquals("explain: driver that took it; steps " + steps(r), "u1-any", r.driver);
        assertNull("explain: no error; steps " + steps(r), r.error);
        assertEquals("explain: localOnly driver for a host URI; steps " + steps(r), "skipped", outcome(r, "u1-local"));
        assertEquals("explain: steps " + steps(r), "opened", outcome(r, "u1-any"));
        ResolutionStepDTO skipped = Arrays.stream(r.steps).filter(s -> "u1-local".equals(s.driver)).findFirst().get();
        assertNotNull("a skipped step says why", skipped.reason);
    }

    @Test
    public void schemeMustMatchExactly() {
        TestDriver foo = TestDriver.opening("u2-foo");
        drivers.register(foo).schemes("u2foo").now();

        VirtException e = expect(ErrorCode.NO_CONNECT, "u2foo+ssh://h/ with no remote driver",
                () -> virt().open("u2foo+ssh://h/").close());
        assertTrue("u2foo+ssh must never be offered to the driver of scheme u2foo: " + foo, foo.asked.isEmpty());
        assertTrue("NO_CONNECT names the URI: " + e.getMessage(), e.getMessage().contains("u2foo+ssh://h/"));

        expect(ErrorCode.NO_CONNECT, "u2foo+unix:/// (local, but still another scheme)",
                () -> virt().open("u2foo+unix:///").close());
        expect(ErrorCode.NO_CONNECT, "u2fo:/// (a prefix of the scheme)", () -> virt().open("u2fo:///").close());
        assertTrue("no near miss may reach the driver: " + foo, foo.asked.isEmpty());

        ResolutionDTO r = runtime.explain("u2foo+ssh://h/");
        assertNull("explain: nobody took it; steps " + steps(r), r.driver);
        assertNotNull("explain: the error; steps " + steps(r), r.error);
        assertEquals("explain: steps " + steps(r), "skipped", outcome(r, "u2-foo"));

        try (Connect c = virt().open("u2foo:///")) {
            assertEquals("the exact scheme reaches the driver", "ITEST-u2-foo", c.getType());
        }
    }

    @Test
    public void declinedGoesOnToTheNextDriver() {
        TestDriver decliner = TestDriver.declining("u3-decliner");
        TestDriver taker = TestDriver.opening("u3-taker");
        drivers.register(decliner).schemes("u3").ranking(20).now();
        drivers.register(taker).schemes("u3").ranking(10).now();

        try (Connect c = virt().open("u3:///p")) {
            assertEquals("ITEST-u3-taker", c.getType());
        }
        assertEquals("the decliner was asked first", List.of("u3:///p"), decliner.asked);
        assertEquals("then the next one", List.of("u3:///p"), taker.asked);

        ResolutionDTO r = runtime.explain("u3:///p");
        assertEquals("explain steps " + steps(r), "declined", outcome(r, "u3-decliner"));
        assertEquals("explain steps " + steps(r), "opened", outcome(r, "u3-taker"));
        assertEquals("u3-taker", r.driver);
        List<String> order = Arrays.stream(r.steps).map(s -> s.driver).filter(n -> n.startsWith("u3-"))
                .collect(Collectors.toList());
        assertEquals("steps are in table order", List.of("u3-decliner", "u3-taker"), order);
    }

    @Test
    public void errorAbortsWithThatDriversError() {
        VirtException refusal = new VirtException(ErrorCode.AUTH_FAILED, ErrorDomain.REMOTE,
                "authentication failed: u4 refuses on purpose");
        TestDriver failer = TestDriver.failing("u4-failer", refusal);
        TestDriver taker = TestDriver.opening("u4-taker");
        drivers.register(failer).schemes("u4").ranking(20).now();
        drivers.register(taker).schemes("u4").ranking(10).now();

        VirtException e = expect(ErrorCode.AUTH_FAILED, "open of u4:/// after an ERROR",
                () -> virt().open("u4:///").close());
        assertEquals("the error domain is preserved", ErrorDomain.REMOTE, e.domain());
        assertTrue("the driver's message is preserved: " + e.getMessage(),
                e.getMessage().contains("u4 refuses on purpose"));
        assertTrue("ERROR aborts: the next driver must not be asked: " + taker, taker.asked.isEmpty());

        ResolutionDTO r = runtime.explain("u4:///");
        assertEquals("explain steps " + steps(r), "error", outcome(r, "u4-failer"));
        assertNull("explain: nothing after the error; steps " + steps(r), outcome(r, "u4-taker"));
        assertNull(r.driver);
        assertNotNull(r.error);
        assertTrue("explain carries the driver's message: " + r.error, r.error.contains("u4 refuses on purpose"));
        assertEquals("no connection left open", openBefore, runtime.getOpenConnectionCount());
    }

    @Test
    public void noDriverIsNoConnect() {
        VirtException e = expect(ErrorCode.NO_CONNECT, "open of a URI no driver handles",
                () -> virt().open("u5nobody:///system").close());
        assertTrue("the message names the URI: " + e.getMessage(), e.getMessage().contains("u5nobody:///system"));
        expect(ErrorCode.NO_CONNECT, "read-only open of a URI no driver handles",
                () -> virt().openReadOnly("u5nobody:///system").close());
        expect(ErrorCode.INVALID_ARG, "a URI that does not parse", () -> virt().open("not a uri").close());
        assertEquals("no connection left open", openBefore, runtime.getOpenConnectionCount());
    }

    @Test
    public void remoteOnlyDriverOnlyForUrisWithAHost() {
        TestDriver remoteOnly = TestDriver.opening("u6-remoteonly");
        drivers.register(remoteOnly).schemes("u6").remoteOnly().now();

        expect(ErrorCode.NO_CONNECT, "u6:/// has no host", () -> virt().open("u6:///").close());
        assertTrue("a remoteOnly driver is not asked for a local URI: " + remoteOnly, remoteOnly.asked.isEmpty());
        try (Connect c = virt().open("u6://h.example/")) {
            assertEquals("ITEST-u6-remoteonly", c.getType());
        }
        assertEquals(List.of("u6://h.example/"), remoteOnly.asked);
        ResolutionDTO r = runtime.explain("u6:///");
        assertEquals("explain steps " + steps(r), "skipped", outcome(r, "u6-remoteonly"));
    }

    @Test
    public void remoteDriverGetsWhatNoOtherDriverTook() {
        TestDriver remote = TestDriver.opening("remote");
        TestDriver local = TestDriver.opening("u7-local");
        TestDriver decliner = TestDriver.declining("u7-decliner");
        drivers.register(remote).ranking(Integer.MAX_VALUE).now();
        drivers.register(local).schemes("u7").localOnly().now();
        drivers.register(decliner).schemes("u7d").now();

        try (Connect c = virt().open("u7:///")) {
            assertEquals("a scheme driver comes before remote, whatever remote's ranking", "ITEST-u7-local", c.getType());
        }
        assertTrue("remote is not asked when a driver took the URI: " + remote, remote.asked.isEmpty());

        for (String uri : List.of("u7://h/", "u7+ssh://h/", "u7d:///", "u7other:///x")) {
            try (Connect c = virt().open(uri)) {
                assertEquals("remote takes what no other driver took: " + uri, "ITEST-remote", c.getType());
            }
        }
        assertEquals(List.of("u7://h/", "u7+ssh://h/", "u7d:///", "u7other:///x"), remote.asked);
        assertEquals("the local driver saw only its local URI", List.of("u7:///"), local.asked);

        ResolutionDTO r = runtime.explain("u7d:///");
        assertEquals("explain steps " + steps(r), "declined", outcome(r, "u7-decliner"));
        assertEquals("explain steps " + steps(r), "opened", outcome(r, "remote"));
        assertEquals("the remote driver is the last step; steps " + steps(r), "remote", r.steps[r.steps.length - 1].driver);
    }

    @Test
    public void explainClosesWhatItOpened() {
        TestDriver d = TestDriver.opening("u8-d");
        drivers.register(d).schemes("u8").now();
        ResolutionDTO r = runtime.explain("u8:///");
        assertEquals("u8-d", r.driver);
        assertEquals("u8:///", r.uri);
        assertEquals("explain opened one connection and closed it", 1, d.closed.get());
        assertEquals("explain leaves no connection open", openBefore, runtime.getOpenConnectionCount());
    }

    @Test
    public void openConnectionsAreCountedAndClosedOnce() {
        TestDriver d = TestDriver.opening("u9-d");
        long svc = drivers.register(d).schemes("u9").now();
        Connect c1 = virt().open("u9:///a");
        Connect c2 = virt().open("u9:///b");
        assertEquals("two more open connections", openBefore + 2, runtime.getOpenConnectionCount());
        assertEquals("the driver's DTO counts its connections", 2, runtime.getConnectDrivers().stream()
                .filter(x -> x.serviceId == svc).findFirst().get().openConnections);
        c1.close();
        c1.close();
        assertEquals("close is idempotent and reaches the driver once", 1, d.closed.get());
        c2.close();
        assertEquals(openBefore, runtime.getOpenConnectionCount());
        expect(ErrorCode.INVALID_CONN, "a call on a closed connection", () -> c1.listAllDomains());
    }

    @Test
    public void readOnlyConnectionRefusesMutatingCalls() {
        TestDriver d = TestDriver.opening("u10-d");
        drivers.register(d).schemes("u10").now();

        try (Connect ro = virt().openReadOnly("u10:///")) {
            assertTrue("isReadOnly", ro.isReadOnly());
            assertEquals("the driver was told READONLY", OpenFlag.READONLY.bit(),
                    d.flags.get(0) & OpenFlag.READONLY.bit());
            Domain dom = ro.domainLookupByName("d1");
            assertEquals("read-only calls work", 8192, dom.getInfo().maxMemKiB());
            expect(ErrorCode.OPERATION_DENIED, "destroy on a read-only connection", dom::destroy);
            expect(ErrorCode.OPERATION_DENIED, "setAutostart on a read-only connection", () -> dom.setAutostart(true));
            expect(ErrorCode.OPERATION_DENIED, "defineXML on a read-only connection",
                    () -> ro.domainDefineXML("<domain type='test'><name>x</name></domain>"));
            assertEquals("no mutating call may reach the driver through a read-only connection", 0, d.mutations.get());
        }
        try (Connect rw = virt().openAuth("u10:///", null, Set.of())) {
            assertFalse(rw.isReadOnly());
            rw.domainLookupByName("d1").destroy();
            assertEquals("a read-write connection lets destroy through", 1, d.mutations.get());
        }
    }

    @Test
    public void defaultUriComesFromConfigAdmin() throws Exception {
        for (String env : List.of("JVIRT_DEFAULT_URI", "LIBVIRT_DEFAULT_URI")) {
            assertNull(env + " is set in the test JVM's environment and would take precedence over uri.default; "
                    + "unset it to run this test", System.getenv(env));
        }
        TestDriver d = TestDriver.opening("u11-d");
        drivers.register(d).schemes("u11").now();
        Osgi.configureRegistry(context, Map.of("uri.default", "u11:///from-config"));
        try {
            try (Connect c = Osgi.service(context, Virt.class).open(null)) {
                assertEquals("open(null) uses uri.default", List.of("u11:///from-config"), d.asked);
                assertEquals("ITEST-u11-d", c.getType());
            }
            try (Connect c = Osgi.service(context, Virt.class).openReadOnly(null)) {
                assertTrue(c.isReadOnly());
                assertEquals("openReadOnly(null) too", "u11:///from-config", d.asked.get(1));
            }
        } finally {
            Osgi.configureRegistry(context, null);
        }
    }
}
