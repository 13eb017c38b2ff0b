package io.jvirt.network.nwfilter.store;

import java.nio.file.Path;

/**
 * Where one instance keeps its state, under its root: {@code nwfilter/NAME.xml} the filters (libvirt's
 * {@code /etc/libvirt/nwfilter}), {@code nwfilter/stock-imported} the names of the stock filters it
 * took in once; under {@code run/} what lasts until the host reboots (libvirt's {@code /run/libvirt}):
 * {@code run/nwfilter-binding/PORTDEV.xml} the bindings, {@code run/nwfilter/driver.pid} the lock that
 * keeps a second process off the root, {@code run/nwfilter/boot_id} the boot that wrote them.
 */
public record Layout(Path root) {
    public Path filters() {
        return root.resolve("nwfilter");
    }

    public Path filter(String name) {
        return filters().resolve(name + ".xml");
    }

    public Path stockImported() {
        return filters().resolve("stock-imported");
    }

    public Path bindings() {
        return root.resolve("run").resolve("nwfilter-binding");
    }

    public Path binding(String portDev) {
        return bindings().resolve(portDev + ".xml");
    }

    public Path state() {
        return root.resolve("run").resolve("nwfilter");
    }

    public Path lock() {
        return state().resolve("driver.pid");
    }

    public Path bootId() {
        return state().resolve("boot_id");
    }
}
