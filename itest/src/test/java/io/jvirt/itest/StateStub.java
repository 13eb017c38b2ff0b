package io.jvirt.itest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StateDriver;
import io.jvirt.spi.StorageDriver;

/**
 * A state driver registered by a test: records, in a list the test shares between stubs, when its
 * {@code initialize} ran and on which thread; optionally waits on a latch first or fails.
 */
public class StateStub implements StateDriver {
    public final String name;
    private final List<String> order;
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile String thread;
    public final CountDownLatch initialized = new CountDownLatch(1);
    private volatile CountDownLatch hold;
    private volatile RuntimeException failure;

    public StateStub(String name, List<String> order) {
        this.name = name;
        this.order = order;
    }

    /** initialize() waits for {@code latch} (at most the settle bound) before it records itself. */
    public StateStub holdOn(CountDownLatch latch) {
        this.hold = latch;
        return this;
    }

    public StateStub failingWith(RuntimeException e) {
        this.failure = e;
        return this;
    }

    @Override
    public void initialize() {
        thread = Thread.currentThread().getName();
        CountDownLatch h = hold;
        try {
            if (h != null && !h.await(Osgi.SETTLE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " was held longer than " + Osgi.SETTLE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        order.add(name);
        calls.add("initialize");
        initialized.countDown();
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

    /** A hypervisor driver with its state: one registration of ConnectDriver and StateDriver. */
    public static final class Hypervisor extends StateStub implements ConnectDriver {
        private final TestDriver driver;

        public Hypervisor(String name, List<String> order) {
            super(name, order);
            this.driver = TestDriver.opening(name);
        }

        @Override
        public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
            return driver.open(uri, auth, flags);
        }
    }

    /** A storage driver with its state: its kind follows from the StorageDriver beside it. */
    public static final class Storage extends StateStub implements StorageDriver {
        public Storage(String name, List<String> order) {
            super(name, order);
        }
    }

    /** An nwfilter driver with its state. */
    public static final class NWFilter extends StateStub implements NWFilterDriver {
        public NWFilter(String name, List<String> order) {
            super(name, order);
        }
    }
}
