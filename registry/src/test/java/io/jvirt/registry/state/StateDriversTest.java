package io.jvirt.registry.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StateDriver;
import io.jvirt.registry.state.StateDrivers.Status;

/** Order, threads, gates and failures of state initialization, without a framework. */
class StateDriversTest {
    private static final long SETTLE_S = 30;
    private final AtomicLong ids = new AtomicLong();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());
    private final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    /** A state driver that records its initialization and, with a latch, waits on it first. */
    private final class Recorder implements StateDriver {
        final String name;
        final CountDownLatch hold;
        final CountDownLatch done = new CountDownLatch(1);
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        RuntimeException failure;

        Recorder(String name, CountDownLatch hold) {
            this.name = name;
            this.hold = hold;
        }

        @Override
        public void initialize() {
            try {
                if (hold != null) {
                    assertTrue(hold.await(SETTLE_S, TimeUnit.SECONDS));
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            order.add(name);
            threads.add(Thread.currentThread().getName());
            calls.add("initialize");
            done.countDown();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void shutdownPrepare() {
            calls.add("shutdownPrepare");
        }

        @Override
        public void shutdownWait() {
            calls.add("shutdownWait");
        }
    }

    private Source source(String name, StateKind kind) {
        return new Source(ids.incrementAndGet(), name, kind, true, 7, "bundle." + name, name + ".component");
    }

    private static void await(CountDownLatch l, String what) throws InterruptedException {
        assertTrue(l.await(SETTLE_S, TimeUnit.SECONDS), "timed out waiting for " + what);
    }

    @Test
    void kindsAreInitializedInLibvirtsOrderOffTheCallersThread() throws Exception {
        StateDrivers states = new StateDrivers(() -> 10_000, BootBarrier.none());
        CountDownLatch network = new CountDownLatch(1);
        Recorder net = new Recorder("network", network);
        states.add(net, source("network", StateKind.NETWORK));
        // the rest arrive while the network driver initializes, last group first
        List<Recorder> rest = new ArrayList<>();
        for (StateKind k : List.of(StateKind.HYPERVISOR, StateKind.NWFILTER, StateKind.NODEDEV, StateKind.STORAGE,
                StateKind.SECRET, StateKind.INTERFACE)) {
            Recorder r = new Recorder(k.word, null);
            rest.add(r);
            states.add(r, source(k.word, k));
        }
        assertEquals(List.of(), order, "add() returned before any initialization ended: it does not run them itself");
        assertEquals(Status.RUNNING, states.statuses().get("network"));
        assertEquals(Status.PENDING, states.statuses().get("interface"), "held up by the network group");
        network.countDown();
        for (Recorder r : rest) {
            await(r.done, r.name);
        }
        assertEquals(List.of("network", "interface", "secret", "storage", "nodedev", "nwfilter", "hypervisor"), order);
        for (String t : threads) {
            assertTrue(t.startsWith("jvirt-state-"), t);
            assertNotEquals(Thread.currentThread().getName(), t);
        }
    }

    @Test
    void nothingIsInitializedBeforeTheBootBarrierOpens() throws Exception {
        BootBarrier boot = new BootBarrier();
        StateDrivers states = new StateDrivers(() -> 10_000, boot);
        Recorder qemu = new Recorder("qemu", null);
        Recorder storage = new Recorder("storage", null);
        states.add(qemu, source("qemu", StateKind.HYPERVISOR)); // its bundle started first
        states.add(storage, source("storage", StateKind.STORAGE));
        assertEquals(Map.of("qemu", Status.PENDING, "storage", Status.PENDING), states.statuses());
        boot.open();
        await(qemu.done, "qemu");
        assertEquals(List.of("storage", "qemu"), order);
    }

    @Test
    void aFailureIsReportedAndHoldsUpNobody() throws Exception {
        StateDrivers states = new StateDrivers(() -> 10_000, BootBarrier.none());
        CountDownLatch hold = new CountDownLatch(1);
        Recorder secret = new Recorder("secret", hold);
        secret.failure = new IllegalStateException("cannot read the secrets");
        Recorder qemu = new Recorder("qemu", null);
        Source secretSource = source("secret", StateKind.SECRET);
        states.add(secret, secretSource);
        states.add(qemu, source("qemu", StateKind.HYPERVISOR));
        hold.countDown();
        await(qemu.done, "qemu");
        assertEquals(List.of("secret", "qemu"), order);
        assertEquals(List.of("7\tbundle.secret\tsecret.component\tstate driver initialize failed: "
                + "java.lang.IllegalStateException: cannot read the secrets"), states.failures());
        VirtException e = assertThrows(VirtException.class, () -> states.awaitReady(secretSource));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertEquals(ErrorDomain.SECRET, e.domain());
        assertEquals("internal error: secret state driver is not active", e.getMessage());
    }

    @Test
    void opensWaitForTheStateAndFailWhenItDoesNotCome() throws Exception {
        StateDrivers states = new StateDrivers(() -> 300, BootBarrier.none());
        CountDownLatch hold = new CountDownLatch(1);
        Source qemuSource = source("qemu", StateKind.HYPERVISOR);
        GatedConnectDriver gated = new GatedConnectDriver((uri, auth, flags) -> OpenResult.declined(),
                new Gate(states, qemuSource));
        // the driver's service is there before its state driver is bound: it waits as well
        OpenResult early = gated.open(ConnectUri.parse("qemu:///system"), null, 0);
        assertEquals(OpenResult.Status.ERROR, early.status());
        assertEquals("internal error: qemu state driver is not active: its initialization did not finish within 300 ms",
                early.error().getMessage());
        assertEquals(ErrorDomain.QEMU, early.error().domain());

        states.add(new Recorder("qemu", hold), qemuSource);
        CompletableFuture<OpenResult> open = CompletableFuture.supplyAsync(
                () -> gated.open(ConnectUri.parse("qemu:///system"), null, 0));
        OpenResult timedOut = open.get(SETTLE_S, TimeUnit.SECONDS);
        assertEquals(OpenResult.Status.ERROR, timedOut.status(), "the open waited at most the hot-swap wait");
        CompletableFuture<OpenResult> second = CompletableFuture.supplyAsync(
                () -> gated.open(ConnectUri.parse("qemu:///system"), null, 0));
        hold.countDown();
        assertEquals(OpenResult.Status.DECLINED, second.get(SETTLE_S, TimeUnit.SECONDS).status(),
                "the open reached the driver once its state was initialized");
    }

    @Test
    void removalShutsDownAnInitializedDriverAndReleasesTheNextGroup() throws Exception {
        StateDrivers states = new StateDrivers(() -> 10_000, BootBarrier.none());
        Recorder done = new Recorder("storage", null);
        Source doneSource = source("storage", StateKind.STORAGE);
        states.add(done, doneSource);
        await(done.done, "storage");
        Poll.awaitStatus(states, "storage", Status.READY);
        states.remove(doneSource.serviceId());
        assertEquals(List.of("initialize", "shutdownPrepare", "shutdownWait"), done.calls);

        BootBarrier boot = new BootBarrier();
        StateDrivers held = new StateDrivers(() -> 10_000, boot);
        Recorder never = new Recorder("network", null);
        Source neverSource = source("network", StateKind.NETWORK);
        Recorder qemu = new Recorder("qemu", null);
        held.add(never, neverSource);
        held.add(qemu, source("qemu", StateKind.HYPERVISOR));
        held.remove(neverSource.serviceId());
        boot.open();
        await(qemu.done, "qemu");
        assertEquals(List.of(), never.calls, "a driver never initialized is not shut down");
    }

    /** Polls a status (the initializing thread records it just after initialize returns). */
    private static final class Poll {
        static void awaitStatus(StateDrivers s, String name, Status want) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_S);
            while (s.statuses().get(name) != want) {
                assertTrue(System.nanoTime() < deadline, name + " is " + s.statuses().get(name) + ", not " + want);
                Thread.sleep(5);
            }
        }
    }

    @Test
    void kindComesFromThePropertyOrTheServicesBesideIt() {
        assertEquals(StateKind.STORAGE, StateKind.of("Storage", List.of()));
        assertEquals(StateKind.NETWORK, StateKind.of(null, List.of("io.jvirt.spi.NetworkDriver", "io.jvirt.spi.StateDriver")));
        assertEquals(StateKind.SECRET, StateKind.of(null, List.of("io.jvirt.spi.SecretDriver")));
        assertEquals(StateKind.HYPERVISOR, StateKind.of(null, List.of("io.jvirt.spi.ConnectDriver", "io.jvirt.spi.StateDriver")));
        assertEquals(StateKind.HYPERVISOR, StateKind.of("vendor-thing", List.of()));
        assertEquals(ErrorDomain.QEMU, StateKind.HYPERVISOR.domain("qemu"));
        assertEquals(ErrorDomain.NONE, StateKind.HYPERVISOR.domain("vendor"));
        assertSame(ErrorDomain.NWFILTER, StateKind.NWFILTER.domain("nwfilter"));
    }
}
