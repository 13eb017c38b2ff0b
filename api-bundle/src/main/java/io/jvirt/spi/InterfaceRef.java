package io.jvirt.spi;

import java.util.Objects;

/** How a driver names a host interface: libvirt's {@code remote_nonnull_interface}. */
public record InterfaceRef(String name, String mac) {
    public InterfaceRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
    }
}
