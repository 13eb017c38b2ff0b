package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.jvirt.api.CloseReason;
import io.jvirt.api.Connect;
import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainLifecycle;
import io.jvirt.api.VirtException;

/** Dead servers are noticed by keepalive; with ?reconnect=1 a client outlives a jvirtd restart. */
class KeepaliveAndReconnectTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));

    @Test
    void aSilentServerIsDeclaredDeadWithinIntervalTimesCount() throws Exception {
        int interval = 1;
        int count = 3;
        try (Jvirtd jvirtd = new Jvirtd(); FreezableProxy proxy = new FreezableProxy(jvirtd.tcpPort())) {
            Connect c = CLIENT.open("vendor+tcp://127.0.0.1:" + proxy.port() + "/default?keepalive_interval=" + interval
                    + "&keepalive_count=" + count);
            LinkedBlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
            c.registerCloseCallback((conn, reason) -> closes.add(reason));
            assertEquals("vendor-1", c.domainLookupByName("vendor-1").getName());
            // a quiet but healthy connection is not declared dead: the server answers our pings
            Thread.sleep(TimeUnit.SECONDS.toMillis(interval * count + 1));
            assertTrue(closes.isEmpty(), "closed while the server was answering: " + closes);
            assertTrue(c.isAlive());

            proxy.freeze();
            long frozenAt = System.nanoTime();
            CompletableFuture<Void> pendingCall = CompletableFuture.runAsync(() -> c.domainLookupByName("vendor-1"));
            CloseReason reason = closes.poll(interval * count + 3, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt);
            assertEquals(CloseReason.KEEPALIVE, reason, "no close callback within " + tookMs + " ms");
            assertTrue(tookMs <= (interval * count + 1) * 1000L, "detected after " + tookMs + " ms");
            Exception e = assertThrows(Exception.class, () -> pendingCall.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof VirtException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("keepalive"), e.getCause().getMessage());
            assertFalse(c.isAlive());
            c.close();
        }
    }

    @Test
    void eofFiresTheCloseCallback() throws Exception {
        Jvirtd jvirtd = new Jvirtd();
        Connect c = CLIENT.open(jvirtd.tcpUri());
        LinkedBlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
        c.registerCloseCallback((conn, reason) -> closes.add(reason));
        jvirtd.close();
        assertEquals(CloseReason.EOF, closes.poll(10, TimeUnit.SECONDS));
        VirtException e = assertThrows(VirtException.class, () -> c.domainLookupByName("vendor-1"));
        assertTrue(e.getMessage().contains("client socket is closed"), e.getMessage());
        c.close();
    }

    @Test
    void withReconnectAClientLoopSurvivesAJvirtdRestartAndItsEventsComeBack() throws Exception {
        Path dir = Files.createTempDirectory("jvirtd-restart");
        Jvirtd first = new Jvirtd(dir, 0);
        int port = first.tcpPort();
        String uri = "vendor+tcp://127.0.0.1:" + port + "/default?reconnect=1&keepalive_interval=1&keepalive_count=3";
        Connect c = CLIENT.open(uri);
        LinkedBlockingQueue<DomainLifecycle> events = new LinkedBlockingQueue<>();
        c.domainEventRegisterAny(null, DomainEventId.LIFECYCLE, (dom, ev) -> {
            if (ev instanceof DomainEvent.Lifecycle l) {
                events.add(l.type());
            }
        });
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Thread loop = new Thread(() -> {
            while (running.get()) {
                try {
                    if (c.domainLookupByName("vendor-1").getName().equals("vendor-1")) {
                        ok.incrementAndGet();
                    }
                } catch (VirtException e) {
                    failed.incrementAndGet();
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        loop.start();
        try {
            poke(first.tcpUri());
            assertEquals(DomainLifecycle.SUSPENDED, events.poll(10, TimeUnit.SECONDS));
            assertEquals(DomainLifecycle.RESUMED, events.poll(10, TimeUnit.SECONDS));

            first.close();
            Thread.sleep(500);
            Jvirtd second = new Jvirtd(dir, port);
            try {
                int before = ok.get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (ok.get() < before + 5 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(ok.get() >= before + 5, "the loop did not get going again: ok=" + ok + " failed=" + failed);
                assertTrue(c.isAlive());
                poke(second.tcpUri());
                DomainLifecycle a = events.poll(10, TimeUnit.SECONDS);
                DomainLifecycle b = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(a, "no event after the restart: the callback was not registered again");
                assertEquals(DomainLifecycle.SUSPENDED, a);
                assertEquals(DomainLifecycle.RESUMED, b);
            } finally {
                running.set(false);
                loop.join(5000);
                c.close();
                second.close();
            }
        } finally {
            running.set(false);
        }
    }

    /** Another client suspends and resumes vendor-1: two lifecycle events. */
    private static void poke(String uri) {
        try (Connect other = CLIENT.open(uri)) {
            other.domainLookupByName("vendor-1").suspend();
            other.domainLookupByName("vendor-1").resume();
        }
    }
}
