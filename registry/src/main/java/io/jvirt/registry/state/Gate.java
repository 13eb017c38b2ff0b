package io.jvirt.registry.state;

/**
 * What stands between a caller and one driver service until that driver's state is initialized.
 * Once passed it stays open: a successor driver is a new service with a new gate.
 */
final class Gate {
    private final StateDrivers states;
    private final Source self;
    private volatile boolean open;

    Gate(StateDrivers states, Source self) {
        this.states = states;
        this.self = self;
    }

    void pass() {
        if (!open) {
            states.awaitReady(self);
            open = true;
        }
    }
}
