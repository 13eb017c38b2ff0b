package io.jvirt.itest.stub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NetworkLifecycle;
import io.jvirt.api.VirtException;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.InterfaceDriver;
import io.jvirt.spi.InterfaceRef;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NWFilterRef;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NetworkEventSink;
import io.jvirt.spi.NetworkRef;
import io.jvirt.spi.NodeDeviceDriver;
import io.jvirt.spi.NodeDeviceEventSink;
import io.jvirt.spi.StorageDriver;
import io.jvirt.spi.StoragePoolEventSink;
import io.jvirt.spi.StoragePoolRef;

/**
 * A connection of a stub secondary driver: it brings the driver of its kind only (every other
 * call keeps the SPI's NO_SUPPORT), keeps object names in its scope's file, and delivers the
 * DEFINED/CREATED event of a new object to the registrations on the same state, in the caller's
 * thread (so a test knows every event has been delivered when the call returns).
 */
final class StubConnection implements HypervisorDriver, NetworkDriver, StorageDriver, NWFilterDriver,
        InterfaceDriver, NodeDeviceDriver {
    /** A registration: which state it listens to and where its events go. */
    record Listener(Path state, StubConnection owner, Object sink) {
    }

    private final StubDriver driver;
    private final Path state;

    StubConnection(StubDriver driver, Path state) {
        this.driver = driver;
        this.state = state;
    }

    private <D> Optional<D> mine(String kind, D self) {
        return driver.kind.equals(kind) ? Optional.of(self) : Optional.empty();
    }

    @Override
    public Optional<NetworkDriver> networkDriver() {
        return mine("network", this);
    }

    @Override
    public Optional<StorageDriver> storageDriver() {
        return mine("storage", this);
    }

    @Override
    public Optional<NWFilterDriver> nwfilterDriver() {
        return mine("nwfilter", this);
    }

    @Override
    public Optional<InterfaceDriver> interfaceDriver() {
        return mine("interface", this);
    }

    @Override
    public Optional<NodeDeviceDriver> nodeDeviceDriver() {
        return mine("nodedev", this);
    }

    @Override
    public void connectClose() {
        driver.listeners.values().removeIf(l -> l.owner() == this);
    }

    // ---------------------------------------------------------------- state

    private List<String> names() {
        synchronized (driver) {
            try {
                return Files.isRegularFile(state) ? Files.readAllLines(state) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String define(String name) {
        synchronized (driver) {
            try {
                Files.createDirectories(state.getParent());
                Files.writeString(state, name + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Listener l : List.copyOf(driver.listeners.values())) {
            if (l.state().equals(state)) {
                deliver(l.sink(), name);
            }
        }
        return name;
    }

    private static void deliver(Object sink, String name) {
        if (sink instanceof NetworkEventSink n) {
            n.emit(new NetworkRef(name, uuid(name)), NetworkLifecycle.DEFINED, 0);
        } else if (sink instanceof StoragePoolEventSink p) {
            p.emit(new StoragePoolRef(name, uuid(name)), 0, 0);
        } else if (sink instanceof NodeDeviceEventSink d) {
            d.emit(name, 0, 0);
        }
    }

    private String existing(String name, ErrorCode missing, ErrorDomain domain, String what) {
        if (!names().contains(name)) {
            throw new VirtException(missing, domain, what + " not found: no " + what.toLowerCase() + " with matching name '"
                    + name + "'");
        }
        return name;
    }

    static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private int listen(Object sink) {
        int id = driver.nextId.getAndIncrement();
        driver.listeners.put(id, new Listener(state, this, sink));
        return id;
    }

    private void unlisten(int id) {
        if (driver.listeners.remove(id) == null) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: could not find event callback " + id + " for deletion");
        }
    }

    // ---------------------------------------------------------------- networks

    @Override
    public List<NetworkRef> connectListAllNetworks(int flags) {
        return names().stream().map(n -> new NetworkRef(n, uuid(n))).toList();
    }

    @Override
    public NetworkRef networkLookupByName(String name) {
        return new NetworkRef(existing(name, ErrorCode.NO_NETWORK, ErrorDomain.NETWORK, "Network"), uuid(name));
    }

    @Override
    public NetworkRef networkDefineXML(String xml) {
        return new NetworkRef(define(xml), uuid(xml));
    }

    @Override
    public int connectNetworkEventRegisterAny(NetworkRef network, int eventId, NetworkEventSink sink) {
        return listen(sink);
    }

    @Override
    public void connectNetworkEventDeregisterAny(int callbackId) {
        unlisten(callbackId);
    }

    // ---------------------------------------------------------------- storage pools

    @Override
    public List<StoragePoolRef> connectListAllStoragePools(int flags) {
        return names().stream().map(n -> new StoragePoolRef(n, uuid(n))).toList();
    }

    @Override
    public StoragePoolRef storagePoolLookupByName(String name) {
        return new StoragePoolRef(existing(name, ErrorCode.NO_STORAGE_POOL, ErrorDomain.STORAGE, "Storage pool"),
                uuid(name));
    }

    @Override
    public StoragePoolRef storagePoolDefineXML(String xml, int flags) {
        return new StoragePoolRef(define(xml), uuid(xml));
    }

    @Override
    public int connectStoragePoolEventRegisterAny(StoragePoolRef pool, int eventId, StoragePoolEventSink sink) {
        return listen(sink);
    }

    @Override
    public void connectStoragePoolEventDeregisterAny(int callbackId) {
        unlisten(callbackId);
    }

    // ---------------------------------------------------------------- network filters

    @Override
    public List<NWFilterRef> connectListAllNWFilters(int flags) {
        return names().stream().map(n -> new NWFilterRef(n, uuid(n))).toList();
    }

    @Override
    public NWFilterRef nwfilterLookupByName(String name) {
        return new NWFilterRef(existing(name, ErrorCode.NO_NWFILTER, ErrorDomain.NWFILTER, "Network filter"), uuid(name));
    }

    @Override
    public NWFilterRef nwfilterDefineXML(String xml, int flags) {
        return new NWFilterRef(define(xml), uuid(xml));
    }

    // ---------------------------------------------------------------- host interfaces

    @Override
    public List<InterfaceRef> connectListAllInterfaces(int flags) {
        return names().stream().map(n -> new InterfaceRef(n, "52:54:00:00:00:01")).toList();
    }

    @Override
    public InterfaceRef interfaceLookupByName(String name) {
        return new InterfaceRef(existing(name, ErrorCode.NO_INTERFACE, ErrorDomain.INTERFACE, "Interface"),
                "52:54:00:00:00:01");
    }

    @Override
    public InterfaceRef interfaceDefineXML(String xml, int flags) {
        return new InterfaceRef(define(xml), "52:54:00:00:00:01");
    }

    // ---------------------------------------------------------------- node devices

    @Override
    public List<String> connectListAllNodeDevices(int flags) {
        return new ArrayList<>(names());
    }

    @Override
    public String nodeDeviceLookupByName(String name) {
        return existing(name, ErrorCode.NO_NODE_DEVICE, ErrorDomain.NODEDEV, "Node device");
    }

    @Override
    public String nodeDeviceCreateXML(String xml, int flags) {
        return define(xml);
    }

    @Override
    public int connectNodeDeviceEventRegisterAny(String device, int eventId, NodeDeviceEventSink sink) {
        return listen(sink);
    }

    @Override
    public void connectNodeDeviceEventDeregisterAny(int callbackId) {
        unlisten(callbackId);
    }
}
