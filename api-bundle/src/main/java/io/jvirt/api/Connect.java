package io.jvirt.api;

import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A connection to a hypervisor, opened by URI through {@link Virt}: libvirt's {@code virConnectPtr}.
 * Safe for use by many threads. Every method may throw {@link VirtException}; on a read-only
 * connection every mutating call fails with {@link ErrorCode#OPERATION_DENIED}.
 */
@ProviderType
public interface Connect extends AutoCloseable {
    // --- the connection and the host

    /** The hypervisor's name, e.g. {@code TEST} or {@code QEMU}. */
    String getType();

    /** The hypervisor's version as {@code major * 1,000,000 + minor * 1,000 + release}. */
    long getVersion();

    /** The version of the library serving the connection, in the same encoding. */
    long getLibVersion();

    String getHostname();

    /** The canonical URI of this connection. */
    String getURI();

    String getCapabilities();

    /**
     * {@code virConnectGetDomainCapabilities}: what a domain of this emulator binary, architecture,
     * machine and virtualization type can use; any argument may be null for the driver's default.
     */
    String getDomainCapabilities(String emulator, String arch, String machine, String virttype, int flags);

    NodeInfo nodeGetInfo();

    int getMaxVcpus(String type);

    /** {@code virNodeGetSecurityModel}. */
    SecurityModel nodeGetSecurityModel();

    /** {@code virNodeGetFreeMemory}: free memory of the host in bytes. */
    long nodeGetFreeMemory();

    /** {@code virNodeGetCellsFreeMemory}: free memory of NUMA cells {@code startCell}.. in bytes. */
    List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells);

    /** {@code virNodeGetCPUMap}. */
    NodeCPUMap nodeGetCPUMap();

    /** {@code virConnectGetCPUModelNames}: the CPU models known for {@code arch}. */
    List<String> getCPUModelNames(String arch);

    /**
     * {@code virConnectBaselineCPU}: the CPU (libvirt's {@code <cpu>} XML) that all of the given host
     * CPUs can run.
     */
    String baselineCPU(List<String> xmlCPUs, BaselineCPUFlag... flags);

    /** {@code virStreamNew}: an empty stream of this connection, to hand to an API that streams. */
    Stream newStream();

    /** {@code virConnectFindStoragePoolSources}: a {@code <sources>} document. */
    String findStoragePoolSources(String type, String srcSpec);

    /** {@code virNodeGetCPUStats}: field name to nanoseconds, for one CPU or (-1) all. */
    java.util.Map<String, Long> nodeGetCPUStats(int cpu);

    /**
     * {@code virConnectGetAllDomainStats} (or, with {@code domains}, {@code virDomainListGetStats}):
     * {@code stats} and {@code flags} are libvirt's {@code virDomainStatsTypes} and
     * {@code virConnectGetAllDomainStatsFlags} bits.
     */
    List<DomainStatsRecord> getAllDomainStats(List<Domain> domains, int stats, int flags);

    /** {@code virConnectGetSysinfo}: the host's SMBIOS data as XML. */
    String getSysinfo();

    boolean isReadOnly();

    boolean isAlive();

    boolean isEncrypted();

    boolean isSecure();

    /** Closes the connection; handles obtained through it become invalid. Idempotent. */
    @Override
    void close();

    // --- handles for objects known by name and UUID (no driver call)

    /**
     * A handle for a domain the caller already knows, without asking the driver: what libvirt's
     * daemon does with the {@code remote_nonnull_domain} a client sends. A wrong name or UUID
     * surfaces as {@link ErrorCode#NO_DOMAIN} on first use.
     */
    Domain domain(String name, UUID uuid, int id);

    Network network(String name, UUID uuid);

    StoragePool storagePool(String name, UUID uuid);

    StorageVol storageVol(String pool, String name, String key);

    NWFilter nwfilter(String name, UUID uuid);

    // --- domains

    Domain domainLookupByName(String name);

    Domain domainLookupByUUID(UUID uuid);

    Domain domainLookupByUUIDString(String uuid);

    Domain domainLookupByID(int id);

    List<Domain> listAllDomains(ListAllDomainsFlag... flags);

    int numOfDomains();

    int numOfDefinedDomains();

    Domain domainDefineXML(String xml, DomainDefineFlag... flags);

    /** Creates and starts a transient domain. */
    Domain domainCreateXML(String xml, DomainCreateFlag... flags);

    /** {@code virDomainSaveImageGetXMLDesc}: the definition inside a save image. */
    String domainSaveImageGetXMLDesc(String file, DomainXMLFlag... flags);

    /** {@code virDomainSaveImageDefineXML}: replaces the definition inside a save image. */
    void domainSaveImageDefineXML(String file, String xml);

    /** Restores a domain saved by {@link Domain#save(String)}. */
    void domainRestore(String path);

    // --- networks

    Network networkLookupByName(String name);

    Network networkLookupByUUID(UUID uuid);

    List<Network> listAllNetworks(ListAllNetworksFlag... flags);

    Network networkDefineXML(String xml);

    Network networkCreateXML(String xml);

    // --- storage

    StoragePool storagePoolLookupByName(String name);

    StoragePool storagePoolLookupByUUID(UUID uuid);

    StoragePool storagePoolLookupByVolume(StorageVol vol);

    List<StoragePool> listAllStoragePools(ListAllStoragePoolsFlag... flags);

    StoragePool storagePoolDefineXML(String xml);

    /** {@code virStoragePoolDefineXML} with flags ({@link StoragePoolDefineFlag#VALIDATE}). */
    StoragePool storagePoolDefineXML(String xml, StoragePoolDefineFlag... flags);

    StoragePool storagePoolCreateXML(String xml);

    /** {@code virStoragePoolCreateXML} with flags (build the pool first). */
    StoragePool storagePoolCreateXML(String xml, StoragePoolCreateFlag... flags);

    /** {@code virStoragePoolLookupByTargetPath}: the active pool whose target is {@code path}. */
    StoragePool storagePoolLookupByTargetPath(String path);

    /** {@code virConnectGetStoragePoolCapabilities}: the {@code <storagepoolCapabilities>} document. */
    String getStoragePoolCapabilities();

    StorageVol storageVolLookupByKey(String key);

    StorageVol storageVolLookupByPath(String path);

    // --- events

    /**
     * Registers for domain events of one kind, for one domain or (null) all: libvirt's
     * {@code virConnectDomainEventRegisterAny}. Registrations survive a hot swap of the driver.
     *
     * @return the callback ID for {@link #domainEventDeregisterAny}
     */
    int domainEventRegisterAny(Domain domain, DomainEventId id, DomainEventCallback callback);

    void domainEventDeregisterAny(int callbackId);

    /** {@code virConnectNetworkEventRegisterAny} for lifecycle events of one network or (null) all. */
    int networkEventRegisterAny(Network network, NetworkEventCallback callback);

    void networkEventDeregisterAny(int callbackId);

    /** {@code virConnectStoragePoolEventRegisterAny} for lifecycle events of one pool or (null) all. */
    default int storagePoolEventRegisterAny(StoragePool pool, StoragePoolEventCallback callback) {
        return storagePoolEventRegisterAny(pool, StoragePoolEventCallback.LIFECYCLE, callback);
    }

    /**
     * {@code virConnectStoragePoolEventRegisterAny} for one event ID ({@link StoragePoolEventCallback#LIFECYCLE}
     * or {@link StoragePoolEventCallback#REFRESH}) of one pool or (null) all.
     */
    int storagePoolEventRegisterAny(StoragePool pool, int eventId, StoragePoolEventCallback callback);

    void storagePoolEventDeregisterAny(int callbackId);

    /** {@code virConnectNodeDeviceEventRegisterAny} for lifecycle events of one device or (null) all. */
    int nodeDeviceEventRegisterAny(NodeDevice device, NodeDeviceEventCallback callback);

    void nodeDeviceEventDeregisterAny(int callbackId);

    /** Called when the connection closes by itself (never for {@link #close()}). */
    void registerCloseCallback(CloseCallback callback);

    void unregisterCloseCallback(CloseCallback callback);

    // --- host interfaces

    Interface interfaceHandle(String name, String mac);

    /** {@code virConnectListAllInterfaces}: {@code flags} 1 = inactive, 2 = active (libvirt's bits). */
    List<Interface> listAllInterfaces(int flags);

    Interface interfaceLookupByName(String name);

    Interface interfaceLookupByMACString(String mac);

    Interface interfaceDefineXML(String xml);

    void interfaceChangeBegin();

    void interfaceChangeCommit();

    void interfaceChangeRollback();

    // --- host devices

    NodeDevice nodeDevice(String name);

    /** {@code virConnectListAllNodeDevices} with libvirt's raw flag bits. */
    List<NodeDevice> listAllNodeDevices(int flags);

    NodeDevice nodeDeviceLookupByName(String name);

    NodeDevice nodeDeviceCreateXML(String xml);

    // --- network filters

    NWFilter nwfilterLookupByName(String name);

    NWFilter nwfilterLookupByUUID(UUID uuid);

    /**
     * {@code virNWFilterBindingCreateXML}: binds the document's filter to its port device (one binding
     * per device).
     */
    NWFilterBinding nwfilterBindingCreateXML(String xml, NWFilterBindingCreateFlag... flags);

    /** {@code virNWFilterBindingLookupByPortDev}. */
    NWFilterBinding nwfilterBindingLookupByPortDev(String portDev);

    /** {@code virConnectListAllNWFilterBindings}. */
    List<NWFilterBinding> listAllNWFilterBindings();

    /**
     * A handle for a binding the caller already knows (a client's {@code remote_nonnull_nwfilter_binding}),
     * without asking the driver.
     */
    NWFilterBinding nwfilterBinding(String portDev, String filterName);

    List<NWFilter> listAllNWFilters();

    NWFilter nwfilterDefineXML(String xml);

    // --- secrets

    /**
     * A handle for a secret the caller already knows, without asking the driver: what libvirt's
     * daemon does with the {@code remote_nonnull_secret} a client sends.
     */
    Secret secret(UUID uuid, SecretUsageType usageType, String usageID);

    Secret secretLookupByUUID(UUID uuid);

    Secret secretLookupByUsage(SecretUsageType usageType, String usageID);

    /** {@code virSecretDefineXML}: defines a secret, or redefines the one with the same UUID. */
    Secret secretDefineXML(String xml, SecretDefineFlag... flags);

    List<Secret> listAllSecrets(ListAllSecretsFlag... flags);

    int numOfSecrets();

    /** {@code virConnectListSecrets}: the UUIDs of all secrets. */
    List<String> listSecrets();

    /**
     * {@code virConnectSecretEventRegisterAny} for events of one kind, of one secret or (null) all.
     *
     * @return the callback ID for {@link #secretEventDeregisterAny}
     */
    int secretEventRegisterAny(Secret secret, SecretEventId id, SecretEventCallback callback);

    void secretEventDeregisterAny(int callbackId);
}
