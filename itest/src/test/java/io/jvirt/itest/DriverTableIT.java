package io.jvirt.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.Arrays;
import java.util.List;
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

import io.jvirt.api.runtime.DriverDTO;
import io.jvirt.api.runtime.DriverRegistryRuntime;

/**
 * The registry's driver table (DESIGN §1, §4): ordered by {@code service.ranking}, highest first;
 * the driver without a scheme list (remote) last whatever its ranking.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DriverTableIT {
    @Inject
    BundleContext context;

    private Drivers drivers;
    private DriverRegistryRuntime runtime;

    @Configuration
    public Option[] config() {
        return options(Platform.platform());
    }

    @Before
    public void setUp() {
        drivers = new Drivers(context);
        runtime = Osgi.service(context, DriverRegistryRuntime.class);
    }

    @After
    public void tearDown() {
        drivers.close();
    }

    /** Our drivers as the registry lists them, in its order (other bundles' drivers left out). */
    private List<DriverDTO> ours(String prefix) {
        return runtime.getConnectDrivers().stream()
                .filter(d -> d.name.startsWith(prefix) || d.name.equals("remote"))
                .collect(Collectors.toList());
    }

    @Test
    public void tableIsOrderedByRankingWithTheSchemelessDriverLast() {
        long a = drivers.register(TestDriver.opening("t1-a")).schemes("t1a").ranking(10).now();
        long remote = drivers.register(TestDriver.opening("remote")).ranking(1000).now();
        long b = drivers.register(TestDriver.opening("t1-b")).schemes("t1b", "t1b2").ranking(30).now();
        long c = drivers.register(TestDriver.opening("t1-c")).schemes("t1c").ranking(-5).localOnly().now();

        List<DriverDTO> table = runtime.getConnectDrivers();
        List<DriverDTO> ours = ours("t1-");
        assertEquals("table order of the test drivers; whole table " + Drivers.table(runtime),
                List.of("t1-b", "t1-a", "t1-c", "remote"), Drivers.names(ours));

        DriverDTO last = table.get(table.size() - 1);
        assertEquals("the scheme-less (remote) driver must be the last entry of the whole table, "
                + "although its service.ranking (1000) is the highest; table " + Drivers.table(runtime),
                remote, last.serviceId);
        assertNull("a driver registered without jvirt.uri.schemes is listed with schemes == null", last.schemes);

        for (int i = 0; i < table.size(); i++) {
            assertEquals("position of " + table.get(i).name + " in " + Drivers.table(runtime), i, table.get(i).position);
        }
        DriverDTO db = byService(b);
        assertEquals("schemes of t1-b", List.of("t1b", "t1b2"), Arrays.asList(db.schemes));
        assertEquals("ranking of t1-b", 30, db.ranking);
        assertEquals("kind of a ConnectDriver", "hypervisor", db.kind);
        assertEquals("bundle of a driver registered by the probe", context.getBundle().getBundleId(), db.bundleId);
        assertEquals("a scheme given as a single String", List.of("t1c"), Arrays.asList(byService(c).schemes));
        assertTrue("t1-c was registered localOnly", byService(c).localOnly);
        assertEquals("ranking of t1-a", 10, byService(a).ranking);
        assertEquals("no connection is open through a fresh driver", 0, db.openConnections);
    }

    @Test
    public void aDriverRegisteredLaterTakesItsPlaceByRanking() {
        drivers.register(TestDriver.opening("t2-hi")).schemes("t2").ranking(100).now();
        drivers.register(TestDriver.opening("t2-lo")).schemes("t2").ranking(-100).now();
        drivers.register(TestDriver.opening("remote")).now();
        assertEquals(List.of("t2-hi", "t2-lo", "remote"), Drivers.names(ours("t2-")));

        drivers.register(TestDriver.opening("t2-mid")).schemes("t2").ranking(0).now();
        assertEquals("a driver registered after the remote one is still placed before it, by ranking; table "
                + Drivers.table(runtime), List.of("t2-hi", "t2-mid", "t2-lo", "remote"), Drivers.names(ours("t2-")));
    }

    @Test
    public void equalRankingsKeepRegistrationOrder() {
        drivers.register(TestDriver.opening("t3-first")).schemes("t3").ranking(7).now();
        drivers.register(TestDriver.opening("t3-second")).schemes("t3").ranking(7).now();
        drivers.register(TestDriver.opening("t3-none")).schemes("t3").now();
        assertEquals("equal rankings keep service registration order (lower service.id first, as OSGi orders "
                + "references); no ranking counts as 0; table " + Drivers.table(runtime),
                List.of("t3-first", "t3-second", "t3-none"), Drivers.names(ours("t3-")).stream()
                        .filter(n -> !n.equals("remote")).collect(Collectors.toList()));
    }

    @Test
    public void unregisteringADriverRemovesItFromTheTable() {
        int before = runtime.getConnectDrivers().size();
        try (Drivers more = new Drivers(context)) {
            more.register(TestDriver.opening("t4-x")).schemes("t4").now();
            assertEquals("one more driver in the table", before + 1, runtime.getConnectDrivers().size());
        }
        assertEquals("the table is back to its size before; table " + Drivers.table(runtime), before,
                runtime.getConnectDrivers().size());
        assertTrue(Drivers.names(runtime.getConnectDrivers()).stream().noneMatch("t4-x"::equals));
    }

    private DriverDTO byService(long id) {
        return runtime.getConnectDrivers().stream().filter(d -> d.serviceId == id).findFirst()
                .orElseThrow(() -> new AssertionError("service " + id + " not in " + Drivers.table(runtime)));
    }
}
