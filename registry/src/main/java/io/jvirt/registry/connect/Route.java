package io.jvirt.registry.connect;

import java.util.function.Function;

import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.InterfaceDriver;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NodeDeviceDriver;
import io.jvirt.spi.StorageDriver;

/**
 * Which of a connection's drivers a call reaches. Each route is one of the connection's routing
 * methods, which resolve that driver on the current session and retry over a hot swap, so a
 * handle only names its route and its calls.
 */
@FunctionalInterface
interface Route<D> {
    <R> R call(ManagedConnection conn, String api, Function<D, R> call);

    Route<HypervisorDriver> HYPERVISOR = ManagedConnection::hv;
    Route<NetworkDriver> NETWORK = ManagedConnection::net;
    Route<StorageDriver> STORAGE = ManagedConnection::storage;
    Route<NWFilterDriver> NWFILTER = ManagedConnection::nwfilter;
    Route<InterfaceDriver> INTERFACE = ManagedConnection::iface;
    Route<NodeDeviceDriver> NODE_DEVICE = ManagedConnection::nodedev;
}
