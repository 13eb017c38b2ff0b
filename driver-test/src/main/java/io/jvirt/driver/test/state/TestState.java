package io.jvirt.driver.test.state;

import java.util.concurrent.atomic.AtomicInteger;

import io.jvirt.api.NodeInfo;
import io.jvirt.driver.test.domain.Domains;
import io.jvirt.driver.test.network.Networks;
import io.jvirt.driver.test.nwfilter.NWFilters;
import io.jvirt.driver.test.storage.Pools;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.NetworkEventSink;

/**
 * One test driver state (libvirt's testDriver): the objects of {@code test:///default}, shared by
 * all its connections, or of one {@code test:///path.xml} connection. Objects carry their own locks;
 * the state itself has none.
 */
public final class TestState {
    /** libvirt's test driver node: i686, 3 GiB, 16 CPUs at 1400 MHz, 2 nodes x 2 sockets x 2 cores x 2 threads. */
    public static final NodeInfo DEFAULT_NODE = new NodeInfo("i686", 3 * 1024 * 1024, 16, 1400, 2, 2, 2, 2);

    private final AtomicInteger callbackIds = new AtomicInteger(1);
    private final EventBus<DomainEventSink> domainEvents = new EventBus<>(callbackIds);
    private final EventBus<NetworkEventSink> networkEvents = new EventBus<>(callbackIds);
    private final Domains domains = new Domains(domainEvents);
    private final Networks networks = new Networks(networkEvents);
    private final EventBus<io.jvirt.spi.StoragePoolEventSink> poolEvents = new EventBus<>(callbackIds);
    private final Pools pools = new Pools(poolEvents);
    private final io.jvirt.driver.test.nodedev.NodeDevices nodeDevices = new io.jvirt.driver.test.nodedev.NodeDevices();
    private final io.jvirt.driver.test.iface.Interfaces interfaces = new io.jvirt.driver.test.iface.Interfaces();
    /** Filter bindings on a device the host has up are instantiated (their filter must exist). */
    private final NWFilters nwfilters = new NWFilters(interfaces::isUp);
    private volatile NodeInfo node = DEFAULT_NODE;

    public Domains domains() {
        return domains;
    }

    public Networks networks() {
        return networks;
    }

    public Pools pools() {
        return pools;
    }

    public io.jvirt.driver.test.iface.Interfaces interfaces() {
        return interfaces;
    }

    public io.jvirt.driver.test.nodedev.NodeDevices nodeDevices() {
        return nodeDevices;
    }

    public NWFilters nwfilters() {
        return nwfilters;
    }

    public NodeInfo node() {
        return node;
    }

    public void node(NodeInfo n) {
        this.node = n;
    }
}
