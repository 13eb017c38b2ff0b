package io.jvirt.spi;

import java.util.Objects;

/** How a driver names a network filter binding: its port device, and the filter it binds. */
public record NWFilterBindingRef(String portDev, String filterName) {
    public NWFilterBindingRef {
        Objects.requireNonNull(portDev, "portDev");
        Objects.requireNonNull(filterName, "filterName");
    }
}
