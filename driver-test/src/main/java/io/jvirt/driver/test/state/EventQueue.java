package io.jvirt.driver.test.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Events an operation produced while it held object locks: collected here and delivered by
 * {@link #flush()} once the locks are released (DESIGN §6), so a sink may call back into the driver.
 */
public final class EventQueue {
    private final List<Runnable> pending = new ArrayList<>(2);

    public void add(Runnable delivery) {
        pending.add(delivery);
    }

    /** Delivers what was queued, in order; a failing sink does not stop the others. */
    public void flush() {
        for (Runnable r : pending) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // a sink's failure is the sink's problem: the state change already happened
            }
        }
        pending.clear();
    }
}
