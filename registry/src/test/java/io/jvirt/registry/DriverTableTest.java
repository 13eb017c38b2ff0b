package io.jvirt.registry;

import static io.jvirt.registry.TestDrivers.entry;
import static io.jvirt.registry.TestDrivers.opens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.registry.table.DriverEntry;
import io.jvirt.registry.table.DriverTable;
import io.jvirt.spi.ConnectDriver;

class DriverTableTest {
    @Test
    void ordersByRankingThenAgeWithSchemelessDriversLast() {
        DriverTable<ConnectDriver> t = new DriverTable<>();
        t.add(entry("remote", null, 1000, false, false, opens("R")));
        t.add(entry("low", "a", -5, false, false, opens("L")));
        t.add(entry("high", "b", 50, false, false, opens("H")));
        t.add(entry("mid1", "c", 10, false, false, opens("M1")));
        t.add(entry("mid2", "d", 10, false, false, opens("M2")));
        assertEquals(java.util.List.of("high", "mid1", "mid2", "low", "remote"),
                t.snapshot().stream().map(DriverEntry::name).toList());
    }

    @Test
    void refreshReordersButKeepsTheEntry() {
        DriverTable<ConnectDriver> t = new DriverTable<>();
        DriverEntry<ConnectDriver> a = entry("a", "a", 1, false, false, opens("A"));
        t.add(a);
        t.add(entry("b", "b", 2, false, false, opens("B")));
        t.refresh(a.serviceId(), java.util.Map.of(org.osgi.framework.Constants.SERVICE_ID, a.serviceId(),
                io.jvirt.spi.DriverProperties.NAME, "a", io.jvirt.spi.DriverProperties.URI_SCHEMES, "a",
                org.osgi.framework.Constants.SERVICE_RANKING, 3));
        assertTrue(t.snapshot().get(0) == a, "the same entry object moved to the top");
        assertEquals(3, a.ranking());
    }

    @Test
    void awaitReturnsWhenADriverOfThatNameArrives() throws Exception {
        DriverTable<ConnectDriver> t = new DriverTable<>();
        CompletableFuture<Optional<DriverEntry<ConnectDriver>>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return t.await("x", 10_000);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        t.add(entry("other", "o", 0, false, false, opens("O")));
        assertFalse(waiting.isDone() && waiting.get().isPresent() && !waiting.get().get().name().equals("x"));
        DriverEntry<ConnectDriver> x = entry("x", "x", 0, false, false, opens("X"));
        t.add(x);
        assertEquals(x, waiting.get(5, TimeUnit.SECONDS).orElseThrow());
    }

    @Test
    void awaitGivesUpAfterItsTimeout() throws Exception {
        assertTrue(new DriverTable<ConnectDriver>().await("never", 50).isEmpty());
    }

    @Test
    void retireWaitsForCallsInFlightAndRefusesNewOnes() throws Exception {
        DriverEntry<ConnectDriver> e = entry("x", "x", 0, false, false, opens("X"));
        assertTrue(e.enter());
        CompletableFuture<Boolean> retiring = CompletableFuture.supplyAsync(() -> e.retire(10_000));
        while (!e.isRetired()) {
            Thread.onSpinWait();
        }
        assertFalse(e.enter(), "no new call may start on a retiring driver");
        assertFalse(retiring.isDone(), "retire waits for the call in flight");
        e.exit();
        assertTrue(retiring.get(5, TimeUnit.SECONDS));
    }

    @Test
    void retireGivesUpOnACallThatNeverReturns() {
        DriverEntry<ConnectDriver> e = entry("x", "x", 0, false, false, opens("X"));
        assertTrue(e.enter());
        assertFalse(e.retire(30));
    }
}
