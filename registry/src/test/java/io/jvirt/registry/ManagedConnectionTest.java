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
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StorageDriver;

/** How a connection rides over its driver's removal and return (DESIGN §5). */
class ManagedConnectionTest {
    private final DriverTable<ConnectDriver> drivers = new DriverTable<>();
    private final DriverTable<NetworkDriver> networks = new DriverTable<>();
    private long waitMs = 5_000;

    private final DriverAccess access = new DriverAccess() {
        @Override
        public DriverTable<ConnectDriver> connectDrivers() {
            return drivers;
        }

        @Override
        public DriverTable<NetworkDriver> networkDrivers() {
            return networks;
        }

        @Override
        public DriverTable<StorageDriver> storageDrivers() {
            return new DriverTable<>();
        }

        @Override
        public DriverTable<NWFilterDriver> nwfilterDrivers() {
            return new DriverTable<>();
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
        public void closed(ManagedConnection connection) {
        }

        @Override
        public Optional<String> lastBundleOf(String driverName) {
            return Optional.of("bundle.of." + driverName);
        }
    };

    private ManagedConnection open(DriverEntry<ConnectDriver> e, int flags) {
        ConnectUri uri = ConnectUri.parse("x:///default");
        return new ManagedConnection(access, uri, null, flags, e, e.service().open(uri, null, flags).connection());
    }

    /** What the registry does when a driver service goes away. */
    private static void remove(DriverTable<ConnectDriver> t, DriverEntry<ConnectDriver> e, ManagedConnection... cs) {
        t.remove(e.serviceId());
        e.retire(5_000);
        for (ManagedConnection c : cs) {
            c.detach(e);
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
    void sharedNetworkDriverIsAttachedToLocalDriversButNotToRemote() {
        networks.add(new DriverEntry<>(new NetworkDriver() {
            @Override
            public java.util.List<io.jvirt.spi.NetworkRef> connectListAllNetworks(int flags) {
                return java.util.List.of();
            }
        }, java.util.Map.of(org.osgi.framework.Constants.SERVICE_ID, 1L, io.jvirt.spi.DriverProperties.NAME, "net"),
                null));
        DriverEntry<ConnectDriver> local = entry("x", "x", 0, true, false, opens("X"));
        DriverEntry<ConnectDriver> remote = entry("remote", null, 0, false, false, opens("R"));
        drivers.add(local);
        drivers.add(remote);
        assertEquals(0, open(local, 0).listAllNetworks().size());
        assertEquals(ErrorCode.NO_SUPPORT,
                assertThrows(VirtException.class, () -> open(remote, 0).listAllNetworks()).code());
    }

    @Test
    void eventRegistrationsFollowTheDriverThatHoldsThem() throws Exception {
        // a shared network driver counting its registrations; the hypervisor driver is swapped
        AtomicInteger networkRegistrations = new AtomicInteger();
        AtomicInteger domainRegistrations = new AtomicInteger();
        networks.add(new DriverEntry<>(new NetworkDriver() {
            @Override
            public int connectNetworkEventRegisterAny(io.jvirt.spi.NetworkRef net, int id,
                    io.jvirt.spi.NetworkEventSink sink) {
                return networkRegistrations.incrementAndGet();
            }
        }, java.util.Map.of(org.osgi.framework.Constants.SERVICE_ID, 7L, io.jvirt.spi.DriverProperties.NAME, "net"),
                null));
        java.util.function.Function<ConnectUri, OpenResult> withEvents = uri -> OpenResult.success(new HypervisorDriver() {
            @Override
            public int connectDomainEventRegisterAny(io.jvirt.spi.DomainRef dom, int id, io.jvirt.spi.DomainEventSink sink) {
                return domainRegistrations.incrementAndGet();
            }
        });
        DriverEntry<ConnectDriver> v1 = entry("x", "x", 0, true, false, withEvents);
        drivers.add(v1);
        ManagedConnection c = open(v1, 0);
        c.domainEventRegisterAny(null, io.jvirt.api.DomainEventId.LIFECYCLE, (d, e) -> { });
        c.networkEventRegisterAny(null, (n, t, d) -> { });
        assertEquals(1, domainRegistrations.get());
        assertEquals(1, networkRegistrations.get());

        remove(drivers, v1, c);
        drivers.add(entry("x", "x", 0, true, false, withEvents));
        c.getURI(); // the first call after the swap reattaches
        assertEquals(2, domainRegistrations.get(), "made again with the hypervisor driver's successor");
        assertEquals(1, networkRegistrations.get(), "the shared network driver was not swapped: no duplicate");
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
