package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.BitFlag;
import io.jvirt.api.CloseCallback;
import io.jvirt.api.CloseReason;
import io.jvirt.api.DomainEventCallback;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.NetworkEventCallback;
import io.jvirt.api.Connect;
import io.jvirt.api.ConnectAuth;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainDefineFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.ListAllDomainsFlag;
import io.jvirt.api.ListAllNetworksFlag;
import io.jvirt.api.ListAllStoragePoolsFlag;
import io.jvirt.api.NWFilter;
import io.jvirt.api.Network;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.NodeInfo;
import io.jvirt.api.SecurityModel;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.StoragePool;
import io.jvirt.api.StorageVol;
import io.jvirt.api.VirtException;
import io.jvirt.registry.table.DriverEntry;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.NetworkRef;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.OpenResult;
import io.jvirt.spi.StorageDriver;

/**
 * A {@link Connect} handed to applications. It names its driver rather than holding it: every
 * call enters the driver's table entry (so a driver's removal waits for calls in flight), and when
 * the driver was removed, the next call waits for a driver of the same name and reopens the URI on
 * it (DESIGN §5). Read-only connections are enforced here, before any driver is reached.
 */
public final class ManagedConnection implements Connect {
    /** The driver-side state of one open: which driver instance, its connection, its secondaries. */
    private record Session(DriverEntry<ConnectDriver> entry, HypervisorDriver hv, Secondary<NetworkDriver> network,
            Secondary<StorageDriver> storage, Secondary<NWFilterDriver> nwfilter) {
    }

    private final DriverAccess registry;
    private final ConnectUri uri;
    private final ConnectAuth auth;
    private final int flags;
    private final String driverName;
    private final Object reattachLock = new Object();
    private volatile Session session;
    private volatile boolean closed;
    /** The application's event registrations, of every kind, by the callback ID the application got. */
    private final Map<Integer, EventRegistration> registrations = new ConcurrentHashMap<>();

    /**
     * One event registration the application made: how to make it with a session's driver, and
     * how to undo it. Its ID is the application's; the driver's own ID changes when the
     * registration is made again on the successor of the driver that held it (hot swap).
     */
    private static final class EventRegistration {
        final String kind;
        /** The driver (its table entry) that takes registrations of this kind for a session. */
        final Function<Session, DriverEntry<?>> owner;
        final Function<Session, Integer> register;
        final java.util.function.BiConsumer<Session, Integer> deregister;
        volatile int driverId;
        volatile DriverEntry<?> heldBy;

        EventRegistration(String kind, Function<Session, DriverEntry<?>> owner, Function<Session, Integer> register,
                java.util.function.BiConsumer<Session, Integer> deregister) {
            this.kind = kind;
            this.owner = owner;
            this.register = register;
            this.deregister = deregister;
        }

        void registerWith(Session s) {
            driverId = register.apply(s);
            heldBy = owner.apply(s);
        }
    }

    private final AtomicInteger nextCallbackId = new AtomicInteger();
    private final List<CloseCallback> closeCallbacks = new CopyOnWriteArrayList<>();

    private static final Logger LOG = Logger.getLogger(ManagedConnection.class.getName());

    public ManagedConnection(DriverAccess registry, ConnectUri uri, ConnectAuth auth, int flags,
            DriverEntry<ConnectDriver> entry, HypervisorDriver hv) {
        this.registry = registry;
        this.uri = uri;
        this.auth = auth;
        this.flags = flags;
        this.driverName = entry.name();
        this.session = newSession(entry, hv);
    }

    private Session newSession(DriverEntry<ConnectDriver> entry, HypervisorDriver hv) {
        hv.connectSetCloseSink(this::closedByDriver);
        boolean shared = !entry.isRemote();
        return new Session(entry, hv,
                secondary(hv.networkDriver(), shared, registry.networkDrivers()),
                secondary(hv.storageDriver(), shared, registry.storageDrivers()),
                secondary(hv.nwfilterDriver(), shared, registry.nwfilterDrivers()));
    }

    private static <D> Secondary<D> secondary(Optional<D> own, boolean shared,
            io.jvirt.registry.table.DriverTable<D> table) {
        if (own.isPresent()) {
            return Secondary.own(own.get());
        }
        return shared ? Secondary.shared(table) : Secondary.none();
    }

    // ---------------------------------------------------------------- call plumbing

    /** The driver name this connection is bound to, for the runtime view. */
    public String driverName() {
        return driverName;
    }

    /** Whether the connection is bound to this table entry now. */
    public boolean isBoundTo(DriverEntry<?> entry) {
        Session s = session;
        return s != null && s.entry == entry;
    }

    /**
     * Called by the registry after the entry was retired (its calls in flight have returned):
     * closes the old driver's connection while its bundle is still active.
     */
    public void detach(DriverEntry<?> entry) {
        synchronized (reattachLock) {
            Session s = session;
            if (s != null && s.entry == entry) {
                session = null;
                closeQuietly(s.hv);
            }
        }
    }

    /**
     * Whether this connection lost its driver, waits for one named {@code name} and has event
     * registrations: an application that only listens (virsh event --loop) makes no call that
     * would reattach it, so it would never hear the successor's events.
     */
    public boolean listensFor(String name) {
        Session s = session;
        return !closed && !registrations.isEmpty() && driverName.equals(name) && (s == null || s.entry.isRetired());
    }

    /** Reattaches to a successor now instead of on the application's next call (see {@link #listensFor}). */
    public void reattach() {
        try {
            session("reattach for event listeners");
        } catch (VirtException e) {
            // the application's next call reports it
            LOG.log(Level.FINE, "could not reattach " + this, e);
        }
    }

    private static void closeQuietly(HypervisorDriver hv) {
        try {
            hv.connectClose();
        } catch (RuntimeException ignored) {
            // the driver is going away; nothing to report to anyone
        }
    }

    private Session session(String api) {
        for (;;) {
            Session s = session;
            if (s != null && !s.entry.isRetired()) {
                return s;
            }
            checkOpen(api);
            // Wait for the driver without holding the lock: the registry's detach needs it while
            // the old driver's bundle is stopping.
            long wait = registry.hotSwapWaitMs();
            DriverEntry<ConnectDriver> entry = Secondary.awaitName(registry.connectDrivers(), driverName, wait)
                    .orElseThrow(() -> new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE,
                            "no connection driver available for " + uri + ": driver '" + driverName + "'"
                                    + registry.lastBundleOf(driverName).map(b -> " (bundle " + b + ")").orElse("")
                                    + " did not come back within " + wait + " ms"));
            synchronized (reattachLock) {
                s = session;
                if (s != null && !s.entry.isRetired()) {
                    return s; // another caller reattached meanwhile
                }
                checkOpen(api);
                if (s != null) {
                    session = null;
                    closeQuietly(s.hv);
                }
                if (!entry.enter()) {
                    continue; // retired again already: wait for the next one
                }
                OpenResult result;
                try {
                    result = entry.service().open(uri, auth, flags);
                } finally {
                    entry.exit();
                }
                if (result == null || result.status() != OpenResult.Status.SUCCESS) {
                    VirtException why = result != null ? result.error() : null;
                    throw new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.NONE, "no connection driver available for "
                            + uri + ": driver " + entry.describe() + " no longer opens it"
                            + (why != null ? ": " + why.getMessage() : ""), why);
                }
                s = newSession(entry, result.connection());
                session = s;
                reregister(s);
                return s;
            }
        }
    }

    /** Makes the application's event registrations again on a driver's successor. */
    private void reregister(Session s) {
        for (EventRegistration r : registrations.values()) {
            DriverEntry<?> held = r.heldBy;
            if (held != null && !held.isRetired()) {
                continue; // a shared driver that was not swapped still holds it: no duplicate
            }
            try {
                r.registerWith(s);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not register " + r.kind + " events again on driver '" + driverName + "'", e);
            }
        }
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

    private <D, R> R invoke(String api, Function<Session, Binding<D>> pick, Function<D, R> call) {
        for (;;) {
            checkOpen(api);
            Session s = session(api);
            Binding<D> b = pick.apply(s);
            if (!b.entry().enter()) {
                continue; // retired between lookup and entry: the next round waits for its successor
            }
            try {
                return call.apply(b.driver());
            } finally {
                b.entry().exit();
            }
        }
    }

    <R> R hv(String api, Function<HypervisorDriver, R> call) {
        return invoke(api, s -> new Binding<>(s.entry, s.hv), call);
    }

    /** A call whose result does not matter, on the driver the route resolves now. */
    <D> void run(Route<D> route, String api, java.util.function.Consumer<D> call) {
        route.call(this, api, d -> {
            call.accept(d);
            return null;
        });
    }

    /** A state-changing call: refused on a read-only connection before any driver is reached. */
    <D> void mutate(Route<D> route, String api, java.util.function.Consumer<D> call) {
        checkWritable(api);
        run(route, api, call);
    }

    <R> R net(String api, Function<NetworkDriver, R> call) {
        return invoke(api, s -> s.network.bind(s.entry, api, registry.hotSwapWaitMs()), call);
    }

    <R> R storage(String api, Function<StorageDriver, R> call) {
        return invoke(api, s -> s.storage.bind(s.entry, api, registry.hotSwapWaitMs()), call);
    }

    <R> R nwfilter(String api, Function<NWFilterDriver, R> call) {
        return invoke(api, s -> s.nwfilter.bind(s.entry, api, registry.hotSwapWaitMs()), call);
    }

    /** A call on the hypervisor driver's own interface driver; NO_SUPPORT when it has none. */
    <R> R iface(String api, Function<io.jvirt.spi.InterfaceDriver, R> call) {
        return hv(api, d -> call.apply(d.interfaceDriver().orElseThrow(() -> io.jvirt.spi.Unsupported.api(api))));
    }

    /** A call on the hypervisor driver's own node device driver; NO_SUPPORT when it has none. */
    <R> R nodedev(String api, Function<io.jvirt.spi.NodeDeviceDriver, R> call) {
        return hv(api, d -> call.apply(d.nodeDeviceDriver().orElseThrow(() -> io.jvirt.spi.Unsupported.api(api))));
    }

    void checkOpen(String api) {
        if (closed) {
            throw new VirtException(ErrorCode.INVALID_CONN, ErrorDomain.NONE,
                    "invalid connection pointer in " + api);
        }
    }

    /** libvirt's read-only check, done before the driver is reached. */
    void checkWritable(String api) {
        checkOpen(api);
        if (isReadOnly()) {
            throw new VirtException(ErrorCode.OPERATION_DENIED, io.jvirt.spi.PublicApis.errorDomain(api),
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

    // ---------------------------------------------------------------- Connect

    @Override
    public String getType() {
        return hv("virConnectGetType", HypervisorDriver::connectGetType);
    }

    @Override
    public long getVersion() {
        return hv("virConnectGetVersion", HypervisorDriver::connectGetVersion);
    }

    @Override
    public long getLibVersion() {
        long v = hv("virConnectGetLibVersion", HypervisorDriver::connectGetLibVersion);
        return v != 0 ? v : registry.libVersion();
    }

    @Override
    public String getHostname() {
        return hv("virConnectGetHostname", HypervisorDriver::connectGetHostname);
    }

    @Override
    public String getURI() {
        String u = hv("virConnectGetURI", HypervisorDriver::connectGetURI);
        return u != null ? u : uri.toString();
    }

    @Override
    public String getCapabilities() {
        return hv("virConnectGetCapabilities", HypervisorDriver::connectGetCapabilities);
    }

    @Override
    public String getDomainCapabilities(String emulator, String arch, String machine, String virttype, int flags) {
        return hv("virConnectGetDomainCapabilities",
                d -> d.connectGetDomainCapabilities(emulator, arch, machine, virttype, flags));
    }

    @Override
    public NodeInfo nodeGetInfo() {
        return hv("virNodeGetInfo", HypervisorDriver::nodeGetInfo);
    }

    @Override
    public int getMaxVcpus(String type) {
        return hv("virConnectGetMaxVcpus", d -> d.connectGetMaxVcpus(type));
    }

    @Override
    public SecurityModel nodeGetSecurityModel() {
        return hv("virNodeGetSecurityModel", HypervisorDriver::nodeGetSecurityModel);
    }

    @Override
    public long nodeGetFreeMemory() {
        return hv("virNodeGetFreeMemory", HypervisorDriver::nodeGetFreeMemory);
    }

    @Override
    public List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        return hv("virNodeGetCellsFreeMemory", d -> d.nodeGetCellsFreeMemory(startCell, maxCells));
    }

    @Override
    public io.jvirt.api.NodeCPUMap nodeGetCPUMap() {
        return hv("virNodeGetCPUMap", d -> d.nodeGetCPUMap(0));
    }

    @Override
    public List<String> getCPUModelNames(String arch) {
        return hv("virConnectGetCPUModelNames", d -> d.connectGetCPUModelNames(arch, 0));
    }

    @Override
    public String baselineCPU(List<String> xmlCPUs, io.jvirt.api.BaselineCPUFlag... flags) {
        List<String> cpus = List.copyOf(xmlCPUs);
        int mask = io.jvirt.api.BitFlag.mask(List.of(flags));
        return hv("virConnectBaselineCPU", d -> d.connectBaselineCPU(cpus, mask));
    }

    @Override
    public io.jvirt.api.Stream newStream() {
        checkOpen("virStreamNew");
        return new StreamHandle(this);
    }

    /** The platform's own stream of this connection, as libvirt requires of an API that binds one. */
    StreamHandle ownStream(io.jvirt.api.Stream stream, String api, String owner) {
        if (!(stream instanceof StreamHandle h) || h.connection() != this) {
            throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.INVALID_ARG, io.jvirt.api.ErrorDomain.NONE,
                    "invalid argument: stream in " + api + " must match connection of " + owner);
        }
        return h;
    }

    @Override
    public String findStoragePoolSources(String type, String srcSpec) {
        checkWritable("virConnectFindStoragePoolSources");
        return storage("virConnectFindStoragePoolSources", d -> d.connectFindStoragePoolSources(type, srcSpec, 0));
    }

    @Override
    public java.util.Map<String, Long> nodeGetCPUStats(int cpu) {
        return hv("virNodeGetCPUStats", d -> d.nodeGetCPUStats(cpu, 0));
    }

    @Override
    public List<io.jvirt.api.DomainStatsRecord> getAllDomainStats(List<Domain> domains, int stats, int flags) {
        List<DomainRef> refs = domains == null ? List.of()
                : domains.stream().map(d -> new DomainRef(d.getName(), d.getUUID(), d.getID())).toList();
        return hv("virConnectGetAllDomainStats", d -> d.connectGetAllDomainStats(refs, stats, flags)).stream()
                .map(s -> new io.jvirt.api.DomainStatsRecord(new DomainHandle(this, s.domain()), s.params())).toList();
    }

    @Override
    public String getSysinfo() {
        return hv("virConnectGetSysinfo", d -> d.connectGetSysinfo(0));
    }

    @Override
    public boolean isReadOnly() {
        return (flags & OpenFlag.READONLY.bit()) != 0;
    }

    @Override
    public boolean isAlive() {
        return !closed && hv("virConnectIsAlive", HypervisorDriver::connectIsAlive);
    }

    @Override
    public boolean isEncrypted() {
        return hv("virConnectIsEncrypted", HypervisorDriver::connectIsEncrypted);
    }

    @Override
    public boolean isSecure() {
        return hv("virConnectIsSecure", HypervisorDriver::connectIsSecure);
    }

    @Override
    public void close() {
        Session s;
        synchronized (reattachLock) {
            if (closed) {
                return;
            }
            closed = true;
            s = session;
            session = null;
        }
        if (s != null && s.entry.enter()) {
            try {
                deregisterAll(s);
                closeQuietly(s.hv);
            } finally {
                s.entry.exit();
            }
        }
        registry.closed(this);
    }

    private void deregisterAll(Session s) {
        for (EventRegistration r : registrations.values()) {
            try {
                r.deregister.accept(s, r.driverId);
            } catch (RuntimeException ignored) {
                // the driver forgets registrations of a closed connection anyway
            }
        }
        registrations.clear();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Connect[" + uri + " via " + driverName + (closed ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- handles from names

    @Override
    public Domain domain(String name, UUID uuid, int id) {
        return new DomainHandle(this, new io.jvirt.spi.DomainRef(name, uuid, id));
    }

    @Override
    public Network network(String name, UUID uuid) {
        return new NetworkHandle(this, new io.jvirt.spi.NetworkRef(name, uuid));
    }

    @Override
    public StoragePool storagePool(String name, UUID uuid) {
        return new StoragePoolHandle(this, new io.jvirt.spi.StoragePoolRef(name, uuid));
    }

    @Override
    public StorageVol storageVol(String pool, String name, String key) {
        return new StorageVolHandle(this, new io.jvirt.spi.StorageVolRef(pool, name, key));
    }

    @Override
    public NWFilter nwfilter(String name, UUID uuid) {
        return new NWFilterHandle(this, new io.jvirt.spi.NWFilterRef(name, uuid));
    }

    // ---------------------------------------------------------------- domains

    @Override
    public Domain domainLookupByName(String name) {
        return new DomainHandle(this, hv("virDomainLookupByName", d -> d.domainLookupByName(name)));
    }

    @Override
    public Domain domainLookupByUUID(UUID uuid) {
        return new DomainHandle(this, hv("virDomainLookupByUUID", d -> d.domainLookupByUUID(uuid)));
    }

    @Override
    public Domain domainLookupByUUIDString(String uuid) {
        UUID u = parseUuid(uuid);
        return new DomainHandle(this, hv("virDomainLookupByUUIDString", d -> d.domainLookupByUUID(u)));
    }

    @Override
    public Domain domainLookupByID(int id) {
        if (id < 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: id in virDomainLookupByID must be >= 0");
        }
        return new DomainHandle(this, hv("virDomainLookupByID", d -> d.domainLookupByID(id)));
    }

    @Override
    public List<Domain> listAllDomains(ListAllDomainsFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        List<Domain> list = new ArrayList<>();
        for (var ref : hv("virConnectListAllDomains", d -> d.connectListAllDomains(mask))) {
            list.add(new DomainHandle(this, ref));
        }
        return list;
    }

    @Override
    public int numOfDomains() {
        return hv("virConnectNumOfDomains", HypervisorDriver::connectNumOfDomains);
    }

    @Override
    public int numOfDefinedDomains() {
        return hv("virConnectNumOfDefinedDomains", HypervisorDriver::connectNumOfDefinedDomains);
    }

    @Override
    public Domain domainDefineXML(String xml, DomainDefineFlag... flags) {
        checkWritable("virDomainDefineXMLFlags");
        int mask = BitFlag.mask(List.of(flags));
        return new DomainHandle(this, hv("virDomainDefineXMLFlags", d -> d.domainDefineXMLFlags(xml, mask)));
    }

    @Override
    public Domain domainCreateXML(String xml, DomainCreateFlag... flags) {
        checkWritable("virDomainCreateXML");
        int mask = BitFlag.mask(List.of(flags));
        return new DomainHandle(this, hv("virDomainCreateXML", d -> d.domainCreateXML(xml, mask)));
    }

    @Override
    public String domainSaveImageGetXMLDesc(String file, DomainXMLFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        if ((mask & DomainXMLFlag.SECURE.bit()) != 0) {
            checkWritable("virDomainSaveImageGetXMLDesc");
        }
        return hv("virDomainSaveImageGetXMLDesc", d -> d.domainSaveImageGetXMLDesc(file, mask));
    }

    @Override
    public void domainSaveImageDefineXML(String file, String xml) {
        mutate(Route.HYPERVISOR, "virDomainSaveImageDefineXML", d -> d.domainSaveImageDefineXML(file, xml, 0));
    }

    @Override
    public void domainRestore(String path) {
        checkWritable("virDomainRestore");
        run(Route.HYPERVISOR, "virDomainRestore", d -> d.domainRestore(path));
    }

    // ---------------------------------------------------------------- networks

    @Override
    public Network networkLookupByName(String name) {
        return new NetworkHandle(this, net("virNetworkLookupByName", d -> d.networkLookupByName(name)));
    }

    @Override
    public Network networkLookupByUUID(UUID uuid) {
        return new NetworkHandle(this, net("virNetworkLookupByUUID", d -> d.networkLookupByUUID(uuid)));
    }

    @Override
    public List<Network> listAllNetworks(ListAllNetworksFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        List<Network> list = new ArrayList<>();
        for (var ref : net("virConnectListAllNetworks", d -> d.connectListAllNetworks(mask))) {
            list.add(new NetworkHandle(this, ref));
        }
        return list;
    }

    @Override
    public Network networkDefineXML(String xml) {
        checkWritable("virNetworkDefineXML");
        return new NetworkHandle(this, net("virNetworkDefineXML", d -> d.networkDefineXML(xml)));
    }

    @Override
    public Network networkCreateXML(String xml) {
        checkWritable("virNetworkCreateXML");
        return new NetworkHandle(this, net("virNetworkCreateXML", d -> d.networkCreateXML(xml)));
    }

    // ---------------------------------------------------------------- storage

    @Override
    public StoragePool storagePoolLookupByName(String name) {
        return new StoragePoolHandle(this, storage("virStoragePoolLookupByName", d -> d.storagePoolLookupByName(name)));
    }

    @Override
    public StoragePool storagePoolLookupByUUID(UUID uuid) {
        return new StoragePoolHandle(this, storage("virStoragePoolLookupByUUID", d -> d.storagePoolLookupByUUID(uuid)));
    }

    @Override
    public StoragePool storagePoolLookupByVolume(StorageVol vol) {
        var ref = ((StorageVolHandle) vol).ref();
        return new StoragePoolHandle(this, storage("virStoragePoolLookupByVolume",
                d -> d.storagePoolLookupByVolume(ref)));
    }

    @Override
    public List<StoragePool> listAllStoragePools(ListAllStoragePoolsFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        List<StoragePool> list = new ArrayList<>();
        for (var ref : storage("virConnectListAllStoragePools", d -> d.connectListAllStoragePools(mask))) {
            list.add(new StoragePoolHandle(this, ref));
        }
        return list;
    }

    @Override
    public StoragePool storagePoolDefineXML(String xml) {
        checkWritable("virStoragePoolDefineXML");
        return new StoragePoolHandle(this, storage("virStoragePoolDefineXML", d -> d.storagePoolDefineXML(xml, 0)));
    }

    @Override
    public StoragePool storagePoolCreateXML(String xml) {
        checkWritable("virStoragePoolCreateXML");
        return new StoragePoolHandle(this, storage("virStoragePoolCreateXML", d -> d.storagePoolCreateXML(xml, 0)));
    }

    @Override
    public StorageVol storageVolLookupByKey(String key) {
        return new StorageVolHandle(this, storage("virStorageVolLookupByKey", d -> d.storageVolLookupByKey(key)));
    }

    @Override
    public StorageVol storageVolLookupByPath(String path) {
        return new StorageVolHandle(this, storage("virStorageVolLookupByPath", d -> d.storageVolLookupByPath(path)));
    }

    // ---------------------------------------------------------------- events

    @Override
    public int domainEventRegisterAny(Domain domain, DomainEventId id, DomainEventCallback callback) {
        java.util.Objects.requireNonNull(callback);
        String api = "virConnectDomainEventRegisterAny";
        DomainRef filter = domain == null ? null : ((DomainHandle) domain).ref();
        return registerEvents(api, new EventRegistration("domain", s -> s.entry,
                s -> s.hv.connectDomainEventRegisterAny(filter, id.value(),
                        (ref, ev) -> callback.onEvent(new DomainHandle(this, ref), ev)),
                (s, driverId) -> s.hv.connectDomainEventDeregisterAny(driverId)));
    }

    @Override
    public void domainEventDeregisterAny(int callbackId) {
        deregisterEvents("virConnectDomainEventDeregisterAny", "domain", callbackId);
    }

    @Override
    public int networkEventRegisterAny(Network network, NetworkEventCallback callback) {
        java.util.Objects.requireNonNull(callback);
        String api = "virConnectNetworkEventRegisterAny";
        NetworkRef filter = network == null ? null : new NetworkRef(network.getName(), network.getUUID());
        return registerEvents(api, new EventRegistration("network",
                s -> s.network.bind(s.entry, api, registry.hotSwapWaitMs()).entry(),
                s -> s.network.bind(s.entry, api, registry.hotSwapWaitMs()).driver().connectNetworkEventRegisterAny(
                        filter, 0, (ref, type, detail) -> callback.onLifecycle(new NetworkHandle(this, ref), type, detail)),
                (s, driverId) -> s.network.bind(s.entry, "virConnectNetworkEventDeregisterAny", 0).driver()
                        .connectNetworkEventDeregisterAny(driverId)));
    }

    @Override
    public void networkEventDeregisterAny(int callbackId) {
        deregisterEvents("virConnectNetworkEventDeregisterAny", "network", callbackId);
    }

    /** Makes a registration with the current session's driver and gives the application its ID. */
    private int registerEvents(String api, EventRegistration r) {
        for (;;) {
            checkOpen(api);
            Session s = session(api);
            if (!s.entry.enter()) {
                continue; // the driver is being removed: register with its successor
            }
            try {
                r.registerWith(s);
                break;
            } finally {
                s.entry.exit();
            }
        }
        int appId = nextCallbackId.getAndIncrement();
        registrations.put(appId, r);
        return appId;
    }

    private void deregisterEvents(String api, String kind, int callbackId) {
        EventRegistration r = registrations.get(callbackId);
        if (r == null || !r.kind.equals(kind)) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: could not find event callback " + callbackId + " for deletion");
        }
        checkOpen(api);
        r.deregister.accept(session(api), r.driverId);
        registrations.remove(callbackId);
    }

    @Override
    public int storagePoolEventRegisterAny(StoragePool pool, int eventId, io.jvirt.api.StoragePoolEventCallback callback) {
        java.util.Objects.requireNonNull(callback);
        String api = "virConnectStoragePoolEventRegisterAny";
        if (eventId != io.jvirt.api.StoragePoolEventCallback.LIFECYCLE
                && eventId != io.jvirt.api.StoragePoolEventCallback.REFRESH) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.STORAGE,
                    "invalid argument: eventID in virConnectStoragePoolEventRegisterAny must be less than 2");
        }
        io.jvirt.spi.StoragePoolRef filter = pool == null ? null
                : new io.jvirt.spi.StoragePoolRef(pool.getName(), pool.getUUID());
        io.jvirt.spi.StoragePoolEventSink sink = new io.jvirt.spi.StoragePoolEventSink() {
            @Override
            public void emit(io.jvirt.spi.StoragePoolRef ref, int event, int detail) {
                callback.onLifecycle(new StoragePoolHandle(ManagedConnection.this, ref), event, detail);
            }

            @Override
            public void refresh(io.jvirt.spi.StoragePoolRef ref) {
                callback.onRefresh(new StoragePoolHandle(ManagedConnection.this, ref));
            }
        };
        return registerEvents(api, new EventRegistration("storage pool",
                s -> s.storage.bind(s.entry, api, registry.hotSwapWaitMs()).entry(),
                s -> s.storage.bind(s.entry, api, registry.hotSwapWaitMs()).driver()
                        .connectStoragePoolEventRegisterAny(filter, eventId, sink),
                (s, id) -> s.storage.bind(s.entry, "virConnectStoragePoolEventDeregisterAny", 0).driver()
                        .connectStoragePoolEventDeregisterAny(id)));
    }

    @Override
    public void storagePoolEventDeregisterAny(int callbackId) {
        deregisterEvents("virConnectStoragePoolEventDeregisterAny", "storage pool", callbackId);
    }

    @Override
    public int nodeDeviceEventRegisterAny(io.jvirt.api.NodeDevice device, io.jvirt.api.NodeDeviceEventCallback callback) {
        java.util.Objects.requireNonNull(callback);
        String api = "virConnectNodeDeviceEventRegisterAny";
        String filter = device == null ? null : device.getName();
        return registerEvents(api, new EventRegistration("node device", s -> s.entry,
                s -> s.hv.nodeDeviceDriver().orElseThrow(() -> io.jvirt.spi.Unsupported.api(api))
                        .connectNodeDeviceEventRegisterAny(filter, 0, (name, event, detail) -> callback.onLifecycle(
                                new NodeDeviceHandle(this, name), event, detail)),
                (s, id) -> s.hv.nodeDeviceDriver().ifPresent(d -> d.connectNodeDeviceEventDeregisterAny(id))));
    }

    @Override
    public void nodeDeviceEventDeregisterAny(int callbackId) {
        deregisterEvents("virConnectNodeDeviceEventDeregisterAny", "node device", callbackId);
    }

    @Override
    public void registerCloseCallback(CloseCallback callback) {
        checkOpen("virConnectRegisterCloseCallback");
        closeCallbacks.add(java.util.Objects.requireNonNull(callback));
    }

    @Override
    public void unregisterCloseCallback(CloseCallback callback) {
        checkOpen("virConnectUnregisterCloseCallback");
        closeCallbacks.remove(callback);
    }

    // ---------------------------------------------------------------- network filters

    @Override
    public io.jvirt.api.Interface interfaceHandle(String name, String mac) {
        return new InterfaceHandle(this, new io.jvirt.spi.InterfaceRef(name, mac));
    }

    @Override
    public List<io.jvirt.api.Interface> listAllInterfaces(int flags) {
        return iface("virConnectListAllInterfaces", d -> d.connectListAllInterfaces(flags)).stream()
                .map(r -> (io.jvirt.api.Interface) new InterfaceHandle(this, r)).toList();
    }

    @Override
    public io.jvirt.api.Interface interfaceLookupByName(String name) {
        return new InterfaceHandle(this, iface("virInterfaceLookupByName", d -> d.interfaceLookupByName(name)));
    }

    @Override
    public io.jvirt.api.Interface interfaceLookupByMACString(String mac) {
        return new InterfaceHandle(this, iface("virInterfaceLookupByMACString", d -> d.interfaceLookupByMACString(mac)));
    }

    @Override
    public io.jvirt.api.Interface interfaceDefineXML(String xml) {
        checkWritable("virInterfaceDefineXML");
        return new InterfaceHandle(this, iface("virInterfaceDefineXML", d -> d.interfaceDefineXML(xml, 0)));
    }

    @Override
    public void interfaceChangeBegin() {
        checkWritable("virInterfaceChangeBegin");
        iface("virInterfaceChangeBegin", d -> {
            d.interfaceChangeBegin(0);
            return null;
        });
    }

    @Override
    public void interfaceChangeCommit() {
        checkWritable("virInterfaceChangeCommit");
        iface("virInterfaceChangeCommit", d -> {
            d.interfaceChangeCommit(0);
            return null;
        });
    }

    @Override
    public void interfaceChangeRollback() {
        checkWritable("virInterfaceChangeRollback");
        iface("virInterfaceChangeRollback", d -> {
            d.interfaceChangeRollback(0);
            return null;
        });
    }

    @Override
    public io.jvirt.api.NodeDevice nodeDevice(String name) {
        return new NodeDeviceHandle(this, name);
    }

    @Override
    public List<io.jvirt.api.NodeDevice> listAllNodeDevices(int flags) {
        return nodedev("virConnectListAllNodeDevices", d -> d.connectListAllNodeDevices(flags)).stream()
                .map(n -> (io.jvirt.api.NodeDevice) new NodeDeviceHandle(this, n)).toList();
    }

    @Override
    public io.jvirt.api.NodeDevice nodeDeviceLookupByName(String name) {
        return new NodeDeviceHandle(this, nodedev("virNodeDeviceLookupByName", d -> d.nodeDeviceLookupByName(name)));
    }

    @Override
    public io.jvirt.api.NodeDevice nodeDeviceCreateXML(String xml) {
        checkWritable("virNodeDeviceCreateXML");
        return new NodeDeviceHandle(this, nodedev("virNodeDeviceCreateXML", d -> d.nodeDeviceCreateXML(xml, 0)));
    }

    @Override
    public NWFilter nwfilterLookupByName(String name) {
        return new NWFilterHandle(this, nwfilter("virNWFilterLookupByName", d -> d.nwfilterLookupByName(name)));
    }

    @Override
    public NWFilter nwfilterLookupByUUID(UUID uuid) {
        return new NWFilterHandle(this, nwfilter("virNWFilterLookupByUUID", d -> d.nwfilterLookupByUUID(uuid)));
    }

    @Override
    public List<NWFilter> listAllNWFilters() {
        List<NWFilter> list = new ArrayList<>();
        for (var ref : nwfilter("virConnectListAllNWFilters", d -> d.connectListAllNWFilters(0))) {
            list.add(new NWFilterHandle(this, ref));
        }
        return list;
    }

    @Override
    public NWFilter nwfilterDefineXML(String xml) {
        checkWritable("virNWFilterDefineXML");
        return new NWFilterHandle(this, nwfilter("virNWFilterDefineXML", d -> d.nwfilterDefineXML(xml, 0)));
    }
}
