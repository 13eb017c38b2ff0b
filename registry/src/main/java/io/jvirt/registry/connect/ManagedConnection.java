package io.jvirt.registry.connect;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.BaselineCPUFlag;
import io.jvirt.api.CloseCallback;
import io.jvirt.api.CloseReason;
import io.jvirt.api.Connect;
import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainDefineFlag;
import io.jvirt.api.DomainEventCallback;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainStatsRecord;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.Interface;
import io.jvirt.api.ListAllDomainsFlag;
import io.jvirt.api.ListAllNetworksFlag;
import io.jvirt.api.ListAllSecretsFlag;
import io.jvirt.api.ListAllStoragePoolsFlag;
import io.jvirt.api.NWFilter;
import io.jvirt.api.Network;
import io.jvirt.api.NetworkEventCallback;
import io.jvirt.api.NodeCPUMap;
import io.jvirt.api.NodeDevice;
import io.jvirt.api.NodeDeviceEventCallback;
import io.jvirt.api.NodeInfo;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.Secret;
import io.jvirt.api.SecretDefineFlag;
import io.jvirt.api.SecretEventCallback;
import io.jvirt.api.SecretEventId;
import io.jvirt.api.SecretUsageType;
import io.jvirt.api.SecurityModel;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StoragePoolEventCallback;
import io.jvirt.api.StorageVol;
import io.jvirt.api.Stream;
import io.jvirt.api.VirtException;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.PublicApis;

/**
 * A {@link Connect} handed to applications. It names its driver rather than holding it
 * ({@link Binder}: every call enters the driver's table entry and rides over a hot swap), keeps
 * the application's event registrations ({@link EventRegistrations}), and passes each call to the
 * facade of its object family ({@link HostApi}, {@link DomainApi}, {@link NetworkApi},
 * {@link StorageApi}, {@link NWFilterApi}, {@link SecretApi}, {@link InterfaceApi}, {@link NodeDeviceApi}).
 * Read-only connections are enforced here, before any driver is reached.
 */
public final class ManagedConnection implements Connect {
    private static final Logger LOG = Logger.getLogger(ManagedConnection.class.getName());

    private final Binder binder;
    private final HostApi host = new HostApi(this);
    private final DomainApi domains = new DomainApi(this);
    private final NetworkApi networks = new NetworkApi(this);
    private final StorageApi storage = new StorageApi(this);
    private final NWFilterApi nwfilters = new NWFilterApi(this);
    private final SecretApi secrets = new SecretApi(this);
    private final InterfaceApi interfaces = new InterfaceApi(this);
    private final NodeDeviceApi nodeDevices = new NodeDeviceApi(this);
    private final List<CloseCallback> closeCallbacks = new CopyOnWriteArrayList<>();
    private final boolean internal;

    /** An application's connection. */
    public ManagedConnection(DriverAccess registry, ConnectUri uri, ConnectAuth auth, int flags,
            DriverEntry<ConnectDriver> entry, HypervisorDriver hv) {
        this(registry, uri, auth, flags, entry, hv, false);
    }

    /**
     * @param internal a secondary connection the platform opened for another connection
     *                 ({@code network:///system} for {@code qemu:///system}), not counted as the
     *                 application's
     */
    public ManagedConnection(DriverAccess registry, ConnectUri uri, ConnectAuth auth, int flags,
            DriverEntry<ConnectDriver> entry, HypervisorDriver hv, boolean internal) {
        this.internal = internal;
        this.binder = new Binder(registry, uri, auth, flags, entry, hv, this::closedByDriver);
    }

    /** Whether the platform opened this connection for another one (a scoped secondary connection). */
    public boolean isInternal() {
        return internal;
    }

    // ---------------------------------------------------------------- for the registry

    /** The driver name this connection is bound to, for the runtime view. */
    public String driverName() {
        return binder.driverName();
    }

    /** Whether the connection is bound to this table entry now. */
    public boolean isBoundTo(DriverEntry<?> entry) {
        return binder.isBoundTo(entry);
    }

    /**
     * Called by the registry after the entry was retired (its calls in flight have returned):
     * closes the old driver's connection while its bundle is still active.
     */
    public void detach(DriverEntry<?> entry) {
        binder.detach(entry);
    }

    /**
     * Whether this connection lost its driver, waits for one named {@code name} and has event
     * registrations: an application that only listens (virsh event --loop) makes no call that
     * would reattach it, so it would never hear the successor's events.
     */
    public boolean listensFor(String name) {
        return binder.listensFor(name);
    }

    /** Reattaches to a successor now instead of on the application's next call (see {@link #listensFor}). */
    public void reattach() {
        binder.reattach();
    }

    public boolean isClosed() {
        return binder.isClosed();
    }

    // ---------------------------------------------------------------- for the facades and handles

    Binder binder() {
        return binder;
    }

    EventRegistrations events() {
        return binder.events();
    }

    /** A call on the driver of {@code kind} the connection reaches now. */
    <D, R> R call(DriverKind<D> kind, String api, Function<D, R> call) {
        return binder.call(kind, api, call);
    }

    /** A state-changing call: refused on a read-only connection before any driver is reached. */
    <D> void mutate(DriverKind<D> kind, String api, Consumer<D> call) {
        checkWritable(api);
        binder.call(kind, api, d -> {
            call.accept(d);
            return null;
        });
    }

    void checkOpen(String api) {
        binder.checkOpen(api);
    }

    /** libvirt's read-only check, done before the driver is reached. */
    void checkWritable(String api) {
        checkOpen(api);
        if (isReadOnly()) {
            throw new VirtException(ErrorCode.OPERATION_DENIED, PublicApis.errorDomain(api),
                    "operation forbidden: read only access prevents " + api);
        }
    }

    /**
     * libvirt's refusal of a flag that would reveal secrets (or, for domains, the migratable XML)
     * on a read-only connection: {@code operation forbidden: virDomainGetXMLDesc with secure flag}.
     */
    void checkSecureFlag(String api) {
        checkOpen(api);
        if (isReadOnly()) {
            throw new VirtException(ErrorCode.OPERATION_DENIED, io.jvirt.spi.PublicApis.errorDomain(api),
                    "operation forbidden: " + api + " with secure flag");
        }
    }

    static UUID parseUuid(String text) {
        try {
            return Uuids.parse(text);
        } catch (IllegalArgumentException e) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: malformed UUID '" + text + "'");
        }
    }

    /** The platform's own stream of this connection, as libvirt requires of an API that binds one. */
    StreamHandle ownStream(Stream stream, String api, String owner) {
        if (!(stream instanceof StreamHandle h) || h.connection() != this) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: stream in " + api + " must match connection of " + owner);
        }
        return h;
    }

    private void closedByDriver(CloseReason reason) {
        for (CloseCallback cb : closeCallbacks) {
            try {
                cb.onClose(this, reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "close callback failed", e);
            }
        }
    }

    // ---------------------------------------------------------------- the connection

    @Override
    public boolean isReadOnly() {
        return (binder.flags() & OpenFlag.READONLY.bit()) != 0;
    }

    @Override
    public Stream newStream() {
        checkOpen("virStreamNew");
        return new StreamHandle(this);
    }

    @Override
    public void close() {
        if (binder.close()) {
            binder.registry().closed(this);
        }
    }

    @Override
    public void registerCloseCallback(CloseCallback callback) {
        checkOpen("virConnectRegisterCloseCallback");
        closeCallbacks.add(Objects.requireNonNull(callback));
    }

    @Override
    public void unregisterCloseCallback(CloseCallback callback) {
        checkOpen("virConnectUnregisterCloseCallback");
        closeCallbacks.remove(callback);
    }

    @Override
    public String toString() {
        return "Connect[" + binder.uri() + " via " + binder.driverName() + (isClosed() ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- the host

    @Override
    public String getType() {
        return host.getType();
    }

    @Override
    public long getVersion() {
        return host.getVersion();
    }

    @Override
    public long getLibVersion() {
        return host.getLibVersion();
    }

    @Override
    public String getHostname() {
        return host.getHostname();
    }

    @Override
    public String getURI() {
        return host.getURI();
    }

    @Override
    public String getCapabilities() {
        return host.getCapabilities();
    }

    @Override
    public String getDomainCapabilities(String emulator, String arch, String machine, String virttype, int flags) {
        return host.getDomainCapabilities(emulator, arch, machine, virttype, flags);
    }

    @Override
    public NodeInfo nodeGetInfo() {
        return host.nodeGetInfo();
    }

    @Override
    public int getMaxVcpus(String type) {
        return host.getMaxVcpus(type);
    }

    @Override
    public SecurityModel nodeGetSecurityModel() {
        return host.nodeGetSecurityModel();
    }

    @Override
    public long nodeGetFreeMemory() {
        return host.nodeGetFreeMemory();
    }

    @Override
    public List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        return host.nodeGetCellsFreeMemory(startCell, maxCells);
    }

    @Override
    public NodeCPUMap nodeGetCPUMap() {
        return host.nodeGetCPUMap();
    }

    @Override
    public List<String> getCPUModelNames(String arch) {
        return host.getCPUModelNames(arch);
    }

    @Override
    public String baselineCPU(List<String> xmlCPUs, BaselineCPUFlag... flags) {
        return host.baselineCPU(xmlCPUs, flags);
    }

    @Override
    public Map<String, Long> nodeGetCPUStats(int cpu) {
        return host.nodeGetCPUStats(cpu);
    }

    @Override
    public String getSysinfo() {
        return host.getSysinfo();
    }

    @Override
    public boolean isAlive() {
        return host.isAlive();
    }

    @Override
    public boolean isEncrypted() {
        return host.isEncrypted();
    }

    @Override
    public boolean isSecure() {
        return host.isSecure();
    }

    // ---------------------------------------------------------------- domains

    @Override
    public Domain domain(String name, UUID uuid, int id) {
        return domains.domain(name, uuid, id);
    }

    @Override
    public Domain domainLookupByName(String name) {
        return domains.lookupByName(name);
    }

    @Override
    public Domain domainLookupByUUID(UUID uuid) {
        return domains.lookupByUUID(uuid);
    }

    @Override
    public Domain domainLookupByUUIDString(String uuid) {
        return domains.lookupByUUIDString(uuid);
    }

    @Override
    public Domain domainLookupByID(int id) {
        return domains.lookupByID(id);
    }

    @Override
    public List<Domain> listAllDomains(ListAllDomainsFlag... flags) {
        return domains.listAll(flags);
    }

    @Override
    public int numOfDomains() {
        return domains.numOfDomains();
    }

    @Override
    public int numOfDefinedDomains() {
        return domains.numOfDefinedDomains();
    }

    @Override
    public Domain domainDefineXML(String xml, DomainDefineFlag... flags) {
        return domains.defineXML(xml, flags);
    }

    @Override
    public Domain domainCreateXML(String xml, DomainCreateFlag... flags) {
        return domains.createXML(xml, flags);
    }

    @Override
    public String domainSaveImageGetXMLDesc(String file, DomainXMLFlag... flags) {
        return domains.saveImageGetXMLDesc(file, flags);
    }

    @Override
    public void domainSaveImageDefineXML(String file, String xml) {
        domains.saveImageDefineXML(file, xml);
    }

    @Override
    public void domainRestore(String path) {
        domains.restore(path);
    }

    @Override
    public List<DomainStatsRecord> getAllDomainStats(List<Domain> list, int stats, int flags) {
        return domains.getAllDomainStats(list, stats, flags);
    }

    @Override
    public int domainEventRegisterAny(Domain domain, DomainEventId id, DomainEventCallback callback) {
        return domains.eventRegisterAny(domain, id, callback);
    }

    @Override
    public void domainEventDeregisterAny(int callbackId) {
        domains.eventDeregisterAny(callbackId);
    }

    // ---------------------------------------------------------------- networks

    @Override
    public Network network(String name, UUID uuid) {
        return networks.network(name, uuid);
    }

    @Override
    public Network networkLookupByName(String name) {
        return networks.lookupByName(name);
    }

    @Override
    public Network networkLookupByUUID(UUID uuid) {
        return networks.lookupByUUID(uuid);
    }

    @Override
    public List<Network> listAllNetworks(ListAllNetworksFlag... flags) {
        return networks.listAll(flags);
    }

    @Override
    public Network networkDefineXML(String xml) {
        return networks.defineXML(xml);
    }

    @Override
    public Network networkCreateXML(String xml) {
        return networks.createXML(xml);
    }

    @Override
    public int networkEventRegisterAny(Network network, NetworkEventCallback callback) {
        return networks.eventRegisterAny(network, callback);
    }

    @Override
    public void networkEventDeregisterAny(int callbackId) {
        networks.eventDeregisterAny(callbackId);
    }

    // ---------------------------------------------------------------- storage

    @Override
    public StoragePool storagePool(String name, UUID uuid) {
        return storage.storagePool(name, uuid);
    }

    @Override
    public StorageVol storageVol(String pool, String name, String key) {
        return storage.storageVol(pool, name, key);
    }

    @Override
    public StoragePool storagePoolLookupByName(String name) {
        return storage.poolLookupByName(name);
    }

    @Override
    public StoragePool storagePoolLookupByUUID(UUID uuid) {
        return storage.poolLookupByUUID(uuid);
    }

    @Override
    public StoragePool storagePoolLookupByVolume(StorageVol vol) {
        return storage.poolLookupByVolume(vol);
    }

    @Override
    public List<StoragePool> listAllStoragePools(ListAllStoragePoolsFlag... flags) {
        return storage.listAllPools(flags);
    }

    @Override
    public StoragePool storagePoolDefineXML(String xml) {
        return storage.poolDefineXML(xml);
    }

    @Override
    public StoragePool storagePoolCreateXML(String xml) {
        return storage.poolCreateXML(xml);
    }

    @Override
    public StoragePool storagePoolDefineXML(String xml, io.jvirt.api.StoragePoolDefineFlag... flags) {
        return storage.poolDefineXML(xml, flags);
    }

    @Override
    public StoragePool storagePoolCreateXML(String xml, io.jvirt.api.StoragePoolCreateFlag... flags) {
        return storage.poolCreateXML(xml, flags);
    }

    @Override
    public StoragePool storagePoolLookupByTargetPath(String path) {
        return storage.poolLookupByTargetPath(path);
    }

    @Override
    public String getStoragePoolCapabilities() {
        return storage.poolCapabilities();
    }

    @Override
    public StorageVol storageVolLookupByKey(String key) {
        return storage.volLookupByKey(key);
    }

    @Override
    public StorageVol storageVolLookupByPath(String path) {
        return storage.volLookupByPath(path);
    }

    @Override
    public String findStoragePoolSources(String type, String srcSpec) {
        return storage.findPoolSources(type, srcSpec);
    }

    @Override
    public int storagePoolEventRegisterAny(StoragePool pool, int eventId, StoragePoolEventCallback callback) {
        return storage.eventRegisterAny(pool, eventId, callback);
    }

    @Override
    public void storagePoolEventDeregisterAny(int callbackId) {
        storage.eventDeregisterAny(callbackId);
    }

    // ---------------------------------------------------------------- network filters

    @Override
    public NWFilter nwfilter(String name, UUID uuid) {
        return nwfilters.nwfilter(name, uuid);
    }

    @Override
    public NWFilter nwfilterLookupByName(String name) {
        return nwfilters.lookupByName(name);
    }

    @Override
    public NWFilter nwfilterLookupByUUID(UUID uuid) {
        return nwfilters.lookupByUUID(uuid);
    }

    @Override
    public io.jvirt.api.NWFilterBinding nwfilterBindingCreateXML(String xml,
            io.jvirt.api.NWFilterBindingCreateFlag... flags) {
        return nwfilters.bindingCreateXML(xml, flags);
    }

    @Override
    public io.jvirt.api.NWFilterBinding nwfilterBindingLookupByPortDev(String portDev) {
        return nwfilters.bindingLookupByPortDev(portDev);
    }

    @Override
    public List<io.jvirt.api.NWFilterBinding> listAllNWFilterBindings() {
        return nwfilters.listAllBindings();
    }

    @Override
    public io.jvirt.api.NWFilterBinding nwfilterBinding(String portDev, String filterName) {
        return nwfilters.binding(portDev, filterName);
    }

    @Override
    public List<NWFilter> listAllNWFilters() {
        return nwfilters.listAll();
    }

    @Override
    public NWFilter nwfilterDefineXML(String xml) {
        return nwfilters.defineXML(xml);
    }

    // ---------------------------------------------------------------- secrets

    @Override
    public Secret secret(UUID uuid, SecretUsageType usageType, String usageID) {
        return secrets.secret(uuid, usageType, usageID);
    }

    @Override
    public Secret secretLookupByUUID(UUID uuid) {
        return secrets.lookupByUUID(uuid);
    }

    @Override
    public Secret secretLookupByUsage(SecretUsageType usageType, String usageID) {
        return secrets.lookupByUsage(usageType, usageID);
    }

    @Override
    public Secret secretDefineXML(String xml, SecretDefineFlag... flags) {
        return secrets.defineXML(xml, flags);
    }

    @Override
    public List<Secret> listAllSecrets(ListAllSecretsFlag... flags) {
        return secrets.listAll(flags);
    }

    @Override
    public int numOfSecrets() {
        return secrets.numOf();
    }

    @Override
    public List<String> listSecrets() {
        return secrets.list();
    }

    @Override
    public int secretEventRegisterAny(Secret secret, SecretEventId id, SecretEventCallback callback) {
        return secrets.eventRegisterAny(secret, id, callback);
    }

    @Override
    public void secretEventDeregisterAny(int callbackId) {
        secrets.eventDeregisterAny(callbackId);
    }

    // ---------------------------------------------------------------- host interfaces

    @Override
    public Interface interfaceHandle(String name, String mac) {
        return interfaces.interfaceHandle(name, mac);
    }

    @Override
    public List<Interface> listAllInterfaces(int flags) {
        return interfaces.listAll(flags);
    }

    @Override
    public Interface interfaceLookupByName(String name) {
        return interfaces.lookupByName(name);
    }

    @Override
    public Interface interfaceLookupByMACString(String mac) {
        return interfaces.lookupByMACString(mac);
    }

    @Override
    public Interface interfaceDefineXML(String xml) {
        return interfaces.defineXML(xml);
    }

    @Override
    public void interfaceChangeBegin() {
        interfaces.changeBegin();
    }

    @Override
    public void interfaceChangeCommit() {
        interfaces.changeCommit();
    }

    @Override
    public void interfaceChangeRollback() {
        interfaces.changeRollback();
    }

    // ---------------------------------------------------------------- host devices

    @Override
    public NodeDevice nodeDevice(String name) {
        return nodeDevices.nodeDevice(name);
    }

    @Override
    public List<NodeDevice> listAllNodeDevices(int flags) {
        return nodeDevices.listAll(flags);
    }

    @Override
    public NodeDevice nodeDeviceLookupByName(String name) {
        return nodeDevices.lookupByName(name);
    }

    @Override
    public NodeDevice nodeDeviceCreateXML(String xml) {
        return nodeDevices.createXML(xml);
    }

    @Override
    public int nodeDeviceEventRegisterAny(NodeDevice device, NodeDeviceEventCallback callback) {
        return nodeDevices.eventRegisterAny(device, callback);
    }

    @Override
    public void nodeDeviceEventDeregisterAny(int callbackId) {
        nodeDevices.eventDeregisterAny(callbackId);
    }
}
