package io.jvirt.registry;

import static io.jvirt.registry.TestDrivers.entry;
import static io.jvirt.registry.TestDrivers.opens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.VirtException;
import io.jvirt.registry.connect.DriverAccess;
import io.jvirt.registry.connect.ManagedConnection;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.OpenResult;

/** How a connection rides over its driver's removal and return (DESIGN §5). */
class ManagedConnectionTest {
    private final DriverTable<ConnectDriver> drivers = new DriverTable<>();
    /** Every connection opened, the scoped secondary ones too, as the registry tracks them. */
    private final java.util.List<ManagedConnection> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long waitMs = 5_000;

    private final DriverAccess access = new DriverAccess() {
        @Override
        public DriverTable<ConnectDriver> connectDrivers() {
            return drivers;
        }

        @Override
        public long hotSwapWaitMs() {
            return waitMs;
        }

        @Override
        public long libVersion() {
            return 9_000_000;
        }

        @Override
        public Optional<ManagedConnection> openSecondary(String kind, ConnectUri uri) {
            for (DriverEntry<ConnectDriver> e : drivers.snapshot()) {
                if (kind.equals(e.kind()) && e.schemes().contains(uri.scheme())) {
                    ManagedConnection c = new ManagedConnection(this, uri, null, 0, e,
                            e.service().open(uri, null, 0).connection(), true);
                    opened.add(c);
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        @Override
        public void closed(ManagedConnection connection) {
            opened.remove(connection);
        }

        @Override
        public Optional<String> lastBundleOf(String driverName) {
            return Optional.of("bundle.of." + driverName);
        }
    };

    private ManagedConnection open(DriverEntry<ConnectDriver> e, int flags) {
        return open(e, "x:///default", flags);
    }

    private ManagedConnection open(DriverEntry<ConnectDriver> e, String uri, int flags) {
        ConnectUri u = ConnectUri.parse(uri);
        ManagedConnection c = new ManagedConnection(access, u, null, flags, e, e.service().open(u, null, flags).connection());
        opened.add(c);
        return c;
    }

    /** What the registry does when a driver service goes away: every connection bound to it is detached. */
    private void remove(DriverTable<ConnectDriver> t, DriverEntry<ConnectDriver> e, ManagedConnection... ignored) {
        t.remove(e.serviceId());
        e.retire(5_000);
        for (ManagedConnection c : opened) {
            c.detach(e);
        }
    }

    /** What the registry does when a driver service arrives: connections that only listen reattach. */
    private void add(DriverEntry<ConnectDriver> e) {
        drivers.add(e);
        for (ManagedConnection c : opened) {
            if (c.listensFor(e.name())) {
                c.reattach();
            }
        }
    }

    @Test
    void callsWaitForTheDriverToReturnThenContinueOnTheNewInstance() throws Exception {
        DriverEntry<ConnectDriver> v1 = entry("x", "x", 0, true, false, opens("V1"));
        drivers.add(v1);
        ManagedConnection c = open(v1, 0);
        assertEquals("V1", c.getType());

        remove(drivers, v1, c);
        CompletableFuture<String> pending = CompletableFuture.supplyAsync(c::getType);
        Thread.sleep(100);
        assertFalse(pending.isDone(), "a call on an open connection waits while the driver is absent");

        drivers.add(entry("x", "x", 0, true, false, opens("V2")));
        assertEquals("V2", pending.get(5, TimeUnit.SECONDS));
        assertEquals("V2", c.getType());
    }

    @Test
    void callsFailClearlyWhenTheDriverDoesNotReturnInTime() {
        waitMs = 100;
        DriverEntry<ConnectDriver> v1 = entry("x", "x", 0, true, false, opens("V1"));
        drivers.add(v1);
        ManagedConnection c = open(v1, 0);
        remove(drivers, v1, c);
        VirtException e = assertThrows(VirtException.class, c::getType);
        assertEquals(ErrorCode.NO_CONNECT, e.code());
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("bundle.of.x")
                && e.getMessage().contains("100 ms"), e.getMessage());
    }

    @Test
    void removalWaitsForCallsInFlightOnTheOldInstance() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger closes = new AtomicInteger();
        HypervisorDriver slow = new HypervisorDriver() {
            @Override
            public String connectGetType() {
                inCall.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "SLOW";
            }

            @Override
            public void connectClose() {
                closes.incrementAndGet();
            }
        };
        DriverEntry<ConnectDriver> v1 = entry("x", "x", 0, true, false, uri -> OpenResult.success(slow));
        drivers.add(v1);
        ManagedConnection c = open(v1, 0);
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(c::getType);
        assertTrue(inCall.await(5, TimeUnit.SECONDS));
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> remove(drivers, v1, c));
        Thread.sleep(100);
        assertFalse(removal.isDone(), "removal waits for the call in flight");
        assertEquals(0, closes.get(), "the old connection is not closed under a running call");
        release.countDown();
        assertEquals("SLOW", inFlight.get(5, TimeUnit.SECONDS));
        removal.get(5, TimeUnit.SECONDS);
        assertEquals(1, closes.get(), "the old driver's connection is closed once, after its last call");
    }

    @Test
    void readOnlyConnectionRefusesMutatingCallsBeforeTheDriver() {
        AtomicInteger reached = new AtomicInteger();
        HypervisorDriver hv = new HypervisorDriver() {
            @Override
            public io.jvirt.spi.DomainRef domainDefineXMLFlags(String xml, int flags) {
                reached.incrementAndGet();
                return null;
            }
        };
        DriverEntry<ConnectDriver> v1 = entry("x", "x", 0, true, false, uri -> OpenResult.success(hv));
        drivers.add(v1);
        ManagedConnection c = open(v1, OpenFlag.READONLY.bit());
        assertTrue(c.isReadOnly());
        VirtException e = assertThrows(VirtException.class, () -> c.domainDefineXML("<domain/>"));
        assertEquals(ErrorCode.OPERATION_DENIED, e.code());
        assertEquals("operation forbidden: read only access prevents virDomainDefineXMLFlags", e.getMessage());
        assertEquals(0, reached.get());
    }

    @Test
    void unimplementedApiIsNoSupportNamingTheApi() {
        DriverEntry<ConnectDriver> v1 = entry("x", "x", 0, true, false, opens("V1"));
        drivers.add(v1);
        ManagedConnection c = open(v1, 0);
        VirtException e = assertThrows(VirtException.class, c::nodeGetInfo);
        assertEquals(ErrorCode.NO_SUPPORT, e.code());
        assertTrue(e.getMessage().endsWith("virNodeGetInfo"), e.getMessage());
        VirtException n = assertThrows(VirtException.class, c::listAllNetworks);
        assertEquals(ErrorCode.NO_SUPPORT, n.code(), "no network driver anywhere");
    }

    @Test
    void theScopedNetworkDriverIsAttachedToLocalDriversButNotToRemote() {
        StubNetworks net = new StubNetworks();
        drivers.add(net.entry());
        DriverEntry<ConnectDriver> local = entry("x", "x", 0, true, false, opens("X"));
        DriverEntry<ConnectDriver> remote = entry("remote", null, 0, false, false, opens("R"));
        drivers.add(local);
        drivers.add(remote);
        assertEquals(0, open(local, 0).listAllNetworks().size());
        assertEquals(java.util.List.of("/system"), net.opened, "a URI naming no scope uses the system's");
        assertEquals(ErrorCode.NO_SUPPORT,
                assertThrows(VirtException.class, () -> open(remote, 0).listAllNetworks()).code());
    }

    @Test
    void eachScopeReachesItsOwnSecondaryConnectionOpenedOnFirstUse() {
        StubNetworks net = new StubNetworks();
        drivers.add(net.entry());
        DriverEntry<ConnectDriver> x = entry("x", "x", 0, true, false, opens("X"));
        drivers.add(x);
        ManagedConnection system = open(x, "x:///system", 0);
        ManagedConnection session = open(x, "x:///session", 0);
        ManagedConnection embedA = open(x, "x:///embed?root=/tmp/a", 0);
        ManagedConnection embedB = open(x, "x:///embed?root=/tmp/b", 0);
        assertTrue(net.opened.isEmpty(), "nothing is opened before a network call");
        system.networkDefineXML("sys");
        embedA.networkDefineXML("a");
        assertEquals(java.util.List.of("sys"), names(system.listAllNetworks()));
        assertEquals(java.util.List.of(), names(session.listAllNetworks()));
        assertEquals(java.util.List.of("a"), names(embedA.listAllNetworks()));
        assertEquals(java.util.List.of(), names(embedB.listAllNetworks()));
        assertEquals(java.util.Set.of("/system", "/session", "/embed?root=/tmp/a", "/embed?root=/tmp/b"),
                java.util.Set.copyOf(net.opened));
        assertEquals(4, net.opened.size(), "each scope's connection is opened once and kept: " + net.opened);
        assertEquals(system, system.listAllNetworks().get(0).getConnect(), "handles belong to the application's connection");
        long inner = opened.stream().filter(ManagedConnection::isInternal).count();
        assertEquals(4, inner, "one secondary connection per scope");
        system.close();
        session.close();
        embedA.close();
        embedB.close();
        assertTrue(opened.isEmpty(), "closing the connections closes their secondary connections: " + opened);
        assertEquals(4, net.closed.get());
    }

    private static java.util.List<String> names(java.util.List<io.jvirt.api.Network> nets) {
        return nets.stream().map(io.jvirt.api.Network::getName).toList();
    }

    @Test
    void aDriverThatKeepsToItsOwnGetsNoSecondaryAttached() {
        StubNetworks net = new StubNetworks();
        drivers.add(net.entry());
        DriverEntry<ConnectDriver> t = entry("t", "t", 0, true, false, uri -> OpenResult.success(new HypervisorDriver() {
            @Override
            public boolean connectUsesSharedDrivers() {
                return false;
            }
        }));
        drivers.add(t);
        VirtException e = assertThrows(VirtException.class, () -> open(t, "t:///system", 0).listAllNetworks());
        assertEquals(ErrorCode.NO_SUPPORT, e.code());
        assertEquals(io.jvirt.api.ErrorDomain.NETWORK, e.domain());
        assertTrue(net.opened.isEmpty());
    }

    @Test
    void aSecondaryDriversConnectionAnswersOnlyItsKind() {
        StubNetworks net = new StubNetworks();
        DriverEntry<ConnectDriver> n = net.entry();
        drivers.add(n);
        drivers.add(entry("x", "x", 0, true, false, opens("X")));
        ManagedConnection c = open(n, "network:///system", 0);
        assertEquals("network", c.getType(), "as libvirt, the driver's name when it has no connectGetType");
        assertEquals(0, c.listAllNetworks().size());
        VirtException d = assertThrows(VirtException.class, () -> c.listAllDomains());
        assertEquals(ErrorCode.NO_SUPPORT, d.code());
        assertEquals(io.jvirt.api.ErrorDomain.DOMAIN, d.domain());
        assertEquals("this function is not supported by the connection driver: virConnectListAllDomains", d.getMessage());
        VirtException p = assertThrows(VirtException.class, () -> c.listAllStoragePools());
        assertEquals(io.jvirt.api.ErrorDomain.STORAGE, p.domain());
        assertEquals(1, opened.size(), "a secondary connection gets no secondary attached");
    }

    @Test
    void aHypervisorDriverReachesItsScopesSecondariesThroughTheApi() {
        StubNetworks net = new StubNetworks();
        drivers.add(net.entry());
        java.util.concurrent.atomic.AtomicReference<io.jvirt.spi.SecondaryConnections> given =
                new java.util.concurrent.atomic.AtomicReference<>();
        DriverEntry<ConnectDriver> x = entry("x", "x", 0, true, false, uri -> OpenResult.success(new HypervisorDriver() {
            @Override
            public void connectSetSecondaries(io.jvirt.spi.SecondaryConnections secondaries) {
                given.set(secondaries);
            }

            @Override
            public String connectGetHostname() {
                // a driver-internal use: what a domain start does to get a network port
                return String.join(",", names(given.get().open("network").listAllNetworks()));
            }
        }));
        drivers.add(x);
        ManagedConnection c = open(x, "x:///embed?root=/tmp/r", 0);
        assertEquals(io.jvirt.spi.DriverScope.embed("/tmp/r"), given.get().scope());
        c.networkDefineXML("n1");
        assertEquals("n1", c.getHostname(), "the driver sees the application's network through network:///embed?root=/tmp/r");
        assertEquals(java.util.List.of("/embed?root=/tmp/r"), net.opened, "one secondary connection for both");
        assertEquals(ErrorCode.NO_CONNECT,
                assertThrows(VirtException.class, () -> given.get().open("storage")).code(), "no storage driver");
        c.close();
        assertEquals(ErrorCode.INVALID_CONN,
                assertThrows(VirtException.class, () -> given.get().open("network")).code());
    }

    @Test
    void eventRegistrationsFollowTheDriverThatHoldsThem() throws Exception {
        // the hypervisor driver is swapped, then the network driver
        StubNetworks net = new StubNetworks();
        drivers.add(net.entry());
        AtomicInteger domainRegistrations = new AtomicInteger();
        java.util.function.Function<ConnectUri, OpenResult> withEvents = uri -> OpenResult.success(new HypervisorDriver() {
            @Override
            public int connectDomainEventRegisterAny(io.jvirt.spi.DomainRef dom, int id, io.jvirt.spi.DomainEventSink sink) {
                return domainRegistrations.incrementAndGet();
            }
        });
        DriverEntry<ConnectDriver> v1 = entry("x", "x", 0, true, false, withEvents);
        drivers.add(v1);
        ManagedConnection c = open(v1, "x:///system", 0);
        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        int dom = c.domainEventRegisterAny(null, io.jvirt.api.DomainEventId.LIFECYCLE, (d, e) -> { });
        int id = c.networkEventRegisterAny(null, (n, t, d) -> heard.add(n.getName() + " " + t));
        assertEquals(1, domainRegistrations.get());
        assertEquals(1, net.registrations.size());

        remove(drivers, v1, c);
        add(entry("x", "x", 0, true, false, withEvents));
        c.getURI(); // the first call after the swap reattaches
        assertEquals(2, domainRegistrations.get(), "made again with the hypervisor driver's successor");
        assertEquals(1, net.registrations.size(), "the network driver was not swapped: no duplicate");

        // the network driver's bundle is updated: its successor has a fresh state and no registrations
        DriverEntry<ConnectDriver> old = net.entryNow;
        StubNetworks successor = new StubNetworks();
        remove(drivers, old);
        add(successor.entry());
        assertEquals(1, successor.registrations.size(),
                "the scoped connection only listens: it reattached and registered with the successor");
        successor.emit("n1");
        assertEquals(java.util.List.of("n1 DEFINED"), heard, "events of the successor reach the same callback");
        c.networkEventDeregisterAny(id);
        assertTrue(successor.registrations.isEmpty(), "the deregistration reached the successor with its own id");
        assertTrue(successor.wrongIds.isEmpty(), "no old id was sent: " + successor.wrongIds);
        VirtException again = assertThrows(VirtException.class, () -> c.networkEventDeregisterAny(id));
        assertEquals(ErrorCode.INVALID_ARG, again.code());
        assertEquals(0, dom);
    }

    @Test
    void aConnectionThatOnlyListensIsReattachedWhenItsDriverReturns() throws Exception {
        AtomicInteger registrations = new AtomicInteger();
        java.util.function.Function<ConnectUri, OpenResult> withEvents = uri -> OpenResult.success(new HypervisorDriver() {
            @Override
            public int connectDomainEventRegisterAny(io.jvirt.spi.DomainRef dom, int id, io.jvirt.spi.DomainEventSink sink) {
                return registrations.incrementAndGet();
            }
        });
        DriverEntry<ConnectDriver> v1 = entry("x", "x", 0, true, false, withEvents);
        drivers.add(v1);
        ManagedConnection listening = open(v1, 0);
        listening.domainEventRegisterAny(null, io.jvirt.api.DomainEventId.LIFECYCLE, (d, e) -> { });
        ManagedConnection quiet = open(v1, 0);
        assertFalse(listening.listensFor("x"), "bound to a live driver: nothing to do");

        remove(drivers, v1, listening, quiet);
        drivers.add(entry("x", "x", 0, true, false, withEvents));
        assertTrue(listening.listensFor("x"));
        assertFalse(listening.listensFor("y"), "another driver's arrival is no concern of it");
        assertFalse(quiet.listensFor("x"), "without listeners the next call reattaches soon enough");
        listening.reattach(); // what the registry does when a driver of that name arrives
        assertEquals(2, registrations.get(), "registered with the successor without any call of the application");
        assertFalse(listening.listensFor("x"));
    }

    @Test
    void closedConnectionIsInvalid() {
        DriverEntry<ConnectDriver> v1 = entry("x", "x", 0, true, false, opens("V1"));
        drivers.add(v1);
        ManagedConnection c = open(v1, 0);
        c.close();
        c.close();
        assertEquals(ErrorCode.INVALID_CONN, assertThrows(VirtException.class, c::getType).code());
    }
}
