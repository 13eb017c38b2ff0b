package io.jvirt.registry.connect;

import java.util.Map;

import io.jvirt.registry.table.DriverEntry;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.HypervisorDriver;

/**
 * The driver side of one open of a connection's URI: which driver instance (table entry), the
 * connection it returned, and how each secondary kind is reached from it. A hot swap replaces
 * the whole session; the application's connection stays.
 */
record Session(DriverEntry<ConnectDriver> entry, HypervisorDriver hv, Map<DriverKind<?>, Secondary<?>> secondaries) {

    @SuppressWarnings("unchecked")
    <D> Secondary<D> secondary(DriverKind<D> kind) {
        if (kind == DriverKind.HYPERVISOR) {
            return (Secondary<D>) Secondary.own(hv);
        }
        Secondary<?> s = secondaries.get(kind);
        return s != null ? (Secondary<D>) s : Secondary.none();
    }
}
