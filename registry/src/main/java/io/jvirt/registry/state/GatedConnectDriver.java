package io.jvirt.registry.state;

import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.VirtException;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.OpenResult;

/** A hypervisor driver whose opens wait for its state: every call on a connection starts with one. */
final class GatedConnectDriver implements ConnectDriver {
    private final ConnectDriver driver;
    private final Gate gate;

    GatedConnectDriver(ConnectDriver driver, Gate gate) {
        this.driver = driver;
        this.gate = gate;
    }

    @Override
    public OpenResult open(ConnectUri uri, ConnectAuth auth, int flags) {
        try {
            gate.pass();
        } catch (VirtException e) {
            return OpenResult.error(e);
        }
        return driver.open(uri, auth, flags);
    }

    @Override
    public String toString() {
        return driver.toString();
    }
}
