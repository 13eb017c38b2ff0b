package io.jvirt.registry.connect;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;

import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.InterfaceDriver;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NodeDeviceDriver;
import io.jvirt.spi.SecretDriver;
import io.jvirt.spi.StorageDriver;

/**
 * One family of drivers a connection reaches, described once: the hypervisor driver itself and
 * each secondary kind. Routing, attachment and event bookkeeping read what differs per kind from
 * here, so adding a kind is one entry (plus its SPI type and its API facade). A secondary kind's
 * name is the URI scheme of its drivers ({@code network:///system}) and their {@code jvirt.driver.kind}.
 *
 * @param name   the kind's name: the URI scheme of its drivers and the value of {@code jvirt.driver.kind}
 * @param type   the SPI type the kind's calls are made on
 * @param own    the driver a connection brings itself for this kind, if any (a secondary driver's
 *               connection brings its kind's; the test and remote drivers bring theirs)
 * @param events how registrations for the kind's events are undone, or null when it has no events
 */
record DriverKind<D>(String name, Class<D> type, Function<HypervisorDriver, Optional<D>> own, Events<D> events) {

    /** The kind's event registrations: their label in errors and how the driver undoes one. */
    record Events<D>(String label, String deregisterApi, ObjIntConsumer<D> deregister) {
    }

    static final DriverKind<HypervisorDriver> HYPERVISOR = new DriverKind<>("hypervisor", HypervisorDriver.class,
            Optional::of, new Events<>("domain", "virConnectDomainEventDeregisterAny",
                    HypervisorDriver::connectDomainEventDeregisterAny));

    static final DriverKind<NetworkDriver> NETWORK = new DriverKind<>("network", NetworkDriver.class,
            HypervisorDriver::networkDriver, new Events<>("network",
                    "virConnectNetworkEventDeregisterAny", NetworkDriver::connectNetworkEventDeregisterAny));

    static final DriverKind<StorageDriver> STORAGE = new DriverKind<>("storage", StorageDriver.class,
            HypervisorDriver::storageDriver, new Events<>("storage pool",
                    "virConnectStoragePoolEventDeregisterAny", StorageDriver::connectStoragePoolEventDeregisterAny));

    static final DriverKind<NWFilterDriver> NWFILTER = new DriverKind<>("nwfilter", NWFilterDriver.class,
            HypervisorDriver::nwfilterDriver, null);

    static final DriverKind<InterfaceDriver> INTERFACE = new DriverKind<>("interface", InterfaceDriver.class,
            HypervisorDriver::interfaceDriver, null);

    static final DriverKind<NodeDeviceDriver> NODE_DEVICE = new DriverKind<>("nodedev", NodeDeviceDriver.class,
            HypervisorDriver::nodeDeviceDriver, new Events<>("node device",
                    "virConnectNodeDeviceEventDeregisterAny", NodeDeviceDriver::connectNodeDeviceEventDeregisterAny));

    static final DriverKind<SecretDriver> SECRET = new DriverKind<>("secret", SecretDriver.class,
            HypervisorDriver::secretDriver, new Events<>("secret", "virConnectSecretEventDeregisterAny",
                    SecretDriver::connectSecretEventDeregisterAny));

    /** Every secondary kind, in libvirt's order of the modular daemons. */
    static final List<DriverKind<?>> SECONDARY = List.of(NETWORK, STORAGE, NWFILTER, SECRET, INTERFACE, NODE_DEVICE);

    @Override
    public String toString() {
        return name;
    }
}
