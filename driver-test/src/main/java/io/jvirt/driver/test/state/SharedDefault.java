package io.jvirt.driver.test.state;

/**
 * The state of {@code test:///default}, shared by every open connection to it in one driver
 * instance: created by the first open, dropped when the last connection closes, so the next open
 * starts afresh (libvirt's defaultPrivconn with its connection count).
 */
public final class SharedDefault {
    private TestState state;
    private int connections;

    public synchronized TestState acquire() {
        if (connections++ == 0) {
            state = DefaultState.create();
        }
        return state;
    }

    public synchronized void release(TestState s) {
        if (s == state && --connections == 0) {
            state = null;
        }
    }

    public synchronized int connections() {
        return connections;
    }

    /** Forgets the state (the driver is going away); connections still open keep their reference. */
    public synchronized void clear() {
        state = null;
        connections = 0;
    }
}
