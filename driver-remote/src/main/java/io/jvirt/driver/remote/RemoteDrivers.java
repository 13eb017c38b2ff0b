package io.jvirt.driver.remote;

import static io.jvirt.rpc.remote.ConnectProcedures.*;
import static io.jvirt.rpc.remote.DomainProcedures.*;
import static io.jvirt.rpc.remote.NWFilterProcedures.*;
import static io.jvirt.rpc.remote.NetworkProcedures.*;
import static io.jvirt.rpc.remote.StorageProcedures.*;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainState;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.NodeInfo;
import io.jvirt.api.PoolInfo;
import io.jvirt.api.StoragePoolState;
import io.jvirt.api.StorageVolType;
import io.jvirt.api.VolInfo;
import io.jvirt.rpc.remote.ConnectProcedures.ConnectGetMaxVcpusArgs;
import io.jvirt.rpc.remote.ConnectProcedures.NodeGetInfoRet;
import io.jvirt.rpc.remote.DomainProcedures.*;
import io.jvirt.rpc.remote.NWFilterProcedures.*;
import io.jvirt.rpc.remote.NetworkProcedures.*;
import io.jvirt.rpc.remote.RemoteTypes.RemoteDomain;
import io.jvirt.rpc.remote.RemoteTypes.RemoteNWFilter;
import io.jvirt.rpc.remote.RemoteTypes.RemoteNetwork;
import io.jvirt.rpc.remote.RemoteTypes.RemoteStoragePool;
import io.jvirt.rpc.remote.RemoteTypes.RemoteStorageVol;
import io.jvirt.rpc.remote.StorageProcedures.*;
import io.jvirt.spi.CloseSink;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.NWFilterBindingRef;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NWFilterRef;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.NetworkEventSink;
import io.jvirt.spi.NetworkPortRef;
import io.jvirt.spi.NetworkRef;
import io.jvirt.spi.SecretDriver;
import io.jvirt.spi.StorageDriver;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.spi.StorageVolRef;

/**
 * A remote connection as the platform sees it: the hypervisor driver and its own network, storage,
 * nwfilter and secret ({@link RemoteSecrets}) drivers (as libvirt's remote driver brings its own),
 * each SPI method one procedure.
 */
final class RemoteDrivers extends RemoteConnection implements HypervisorDriver, NetworkDriver, StorageDriver,
        NWFilterDriver {

    private final RemoteSecrets secrets = new RemoteSecrets(this);

    RemoteDrivers(RemoteUri spec, int openFlags, RemoteSettings settings) {
        super(spec, openFlags, settings);
    }

    private static RemoteDomain d(DomainRef r) {
        return RemoteDomain.of(r);
    }

    private static RemoteNetwork n(NetworkRef r) {
        return RemoteNetwork.of(r);
    }

    private static RemoteStoragePool p(StoragePoolRef r) {
        return RemoteStoragePool.of(r);
    }

    private static RemoteStorageVol v(StorageVolRef r) {
        return RemoteStorageVol.of(r);
    }

    private static RemoteNWFilter f(NWFilterRef r) {
        return RemoteNWFilter.of(r);
    }

    private static int bool(boolean b) {
        return b ? 1 : 0;
    }

    // ------------------------------------------------------------------ connection

    @Override
    public boolean connectIsAlive() {
        return isAlive();
    }

    /** As libvirt: encrypted when the transport is and the server says the connection is secure. */
    @Override
    public boolean connectIsEncrypted() {
        return transportEncrypted() && call(CONNECT_IS_SECURE, null).secure() != 0;
    }

    /** As libvirt: secure when the transport is (unix, TLS, ssh) and so is the server's side. */
    @Override
    public boolean connectIsSecure() {
        return transportSecure() && call(CONNECT_IS_SECURE, null).secure() != 0;
    }

    @Override
    public long connectGetLibVersion() {
        return call(CONNECT_GET_LIB_VERSION, null).libVer();
    }

    @Override
    public void connectSetCloseSink(CloseSink sink) {
        setCloseSink(sink);
    }

    @Override
    public void connectClose() {
        close();
    }

    @Override
    public Optional<NetworkDriver> networkDriver() {
        return Optional.of(this);
    }

    @Override
    public Optional<StorageDriver> storageDriver() {
        return Optional.of(this);
    }

    @Override
    public Optional<NWFilterDriver> nwfilterDriver() {
        return Optional.of(this);
    }

    @Override
    public Optional<SecretDriver> secretDriver() {
        return Optional.of(secrets);
    }

    @Override
    public String connectGetType() {
        return call(CONNECT_GET_TYPE, null).type();
    }

    @Override
    public long connectGetVersion() {
        return call(CONNECT_GET_VERSION, null).hvVer();
    }

    @Override
    public String connectGetHostname() {
        return call(CONNECT_GET_HOSTNAME, null).hostname();
    }

    @Override
    public String connectGetCapabilities() {
        return call(CONNECT_GET_CAPABILITIES, null).capabilities();
    }

    @Override
    public String connectGetDomainCapabilities(String emulator, String arch, String machine, String virttype,
            int flags) {
        return call(CONNECT_GET_DOMAIN_CAPABILITIES,
                new ConnectGetDomainCapabilitiesArgs(emulator, arch, machine, virttype, flags)).capabilities();
    }

    @Override
    public NodeInfo nodeGetInfo() {
        NodeGetInfoRet r = call(NODE_GET_INFO, null);
        return new NodeInfo(r.model(), r.memory(), r.cpus(), r.mhz(), r.nodes(), r.sockets(), r.cores(), r.threads());
    }

    @Override
    public int connectGetMaxVcpus(String type) {
        return call(CONNECT_GET_MAX_VCPUS, new ConnectGetMaxVcpusArgs(type)).maxVcpus();
    }

    // ------------------------------------------------------------------ events

    @Override
    public int connectDomainEventRegisterAny(DomainRef domain, int eventId, DomainEventSink sink) {
        return domainEventRegister(domain, eventId, sink);
    }

    @Override
    public void connectDomainEventDeregisterAny(int callbackId) {
        eventDeregister(callbackId, EventKind.DOMAIN);
    }

    @Override
    public int connectNetworkEventRegisterAny(NetworkRef network, int eventId, NetworkEventSink sink) {
        return networkEventRegister(network, eventId, sink);
    }

    @Override
    public void connectNetworkEventDeregisterAny(int callbackId) {
        eventDeregister(callbackId, EventKind.NETWORK);
    }

    // ------------------------------------------------------------------ domains

    @Override
    public List<DomainRef> connectListAllDomains(int flags) {
        return call(CONNECT_LIST_ALL_DOMAINS, new ConnectListAllDomainsArgs(1, flags)).domains().stream()
                .map(RemoteDomain::ref).toList();
    }

    @Override
    public int connectNumOfDomains() {
        return call(CONNECT_NUM_OF_DOMAINS, null).num();
    }

    @Override
    public int connectNumOfDefinedDomains() {
        return call(CONNECT_NUM_OF_DEFINED_DOMAINS, null).num();
    }

    @Override
    public DomainRef domainLookupByName(String name) {
        return call(DOMAIN_LOOKUP_BY_NAME, new DomainLookupByNameArgs(name)).dom().ref();
    }

    @Override
    public DomainRef domainLookupByUUID(UUID uuid) {
        return call(DOMAIN_LOOKUP_BY_UUID, new DomainLookupByUuidArgs(uuid)).dom().ref();
    }

    @Override
    public DomainRef domainLookupByID(int id) {
        return call(DOMAIN_LOOKUP_BY_ID, new DomainLookupByIdArgs(id)).dom().ref();
    }

    @Override
    public DomainRef domainDefineXMLFlags(String xml, int flags) {
        if (flags == 0) {
            return call(DOMAIN_DEFINE_XML, new DomainDefineXmlArgs(xml)).dom().ref();
        }
        return call(DOMAIN_DEFINE_XML_FLAGS, new DomainDefineXmlFlagsArgs(xml, flags)).dom().ref();
    }

    @Override
    public DomainRef domainCreateXML(String xml, int flags) {
        return call(DOMAIN_CREATE_XML, new DomainCreateXmlArgs(xml, flags)).dom().ref();
    }

    @Override
    public void domainRestore(String path) {
        call(DOMAIN_RESTORE, new DomainRestoreArgs(path));
    }

    @Override
    public String domainGetOSType(DomainRef dom) {
        return call(DOMAIN_GET_OS_TYPE, new DomainGetOsTypeArgs(d(dom))).type();
    }

    @Override
    public DomainInfo domainGetInfo(DomainRef dom) {
        DomainGetInfoRet r = call(DOMAIN_GET_INFO, new DomainGetInfoArgs(d(dom)));
        return new DomainInfo(DomainState.fromValue(r.state()), r.maxMem(), r.memory(), r.nrVirtCpu(), r.cpuTime());
    }

    @Override
    public DomainStateReason domainGetState(DomainRef dom, int flags) {
        DomainGetStateRet r = call(DOMAIN_GET_STATE, new DomainGetStateArgs(d(dom), flags));
        return new DomainStateReason(DomainState.fromValue(r.state()), r.reason());
    }

    @Override
    public String domainGetXMLDesc(DomainRef dom, int flags) {
        return call(DOMAIN_GET_XML_DESC, new DomainGetXmlDescArgs(d(dom), flags)).xml();
    }

    @Override
    public boolean domainIsActive(DomainRef dom) {
        return call(DOMAIN_IS_ACTIVE, new DomainIsActiveArgs(d(dom))).active() != 0;
    }

    @Override
    public boolean domainIsPersistent(DomainRef dom) {
        return call(DOMAIN_IS_PERSISTENT, new DomainIsPersistentArgs(d(dom))).persistent() != 0;
    }

    @Override
    public boolean domainIsUpdated(DomainRef dom) {
        return call(DOMAIN_IS_UPDATED, new DomainIsUpdatedArgs(d(dom))).updated() != 0;
    }

    @Override
    public boolean domainGetAutostart(DomainRef dom) {
        return call(DOMAIN_GET_AUTOSTART, new DomainGetAutostartArgs(d(dom))).autostart() != 0;
    }

    @Override
    public void domainSetAutostart(DomainRef dom, boolean autostart) {
        call(DOMAIN_SET_AUTOSTART, new DomainSetAutostartArgs(d(dom), bool(autostart)));
    }

    @Override
    public long domainGetMaxMemory(DomainRef dom) {
        return call(DOMAIN_GET_MAX_MEMORY, new DomainGetMaxMemoryArgs(d(dom))).memory();
    }

    @Override
    public void domainSetMemoryFlags(DomainRef dom, long kib, int flags) {
        if (flags == 0) {
            call(DOMAIN_SET_MEMORY, new DomainSetMemoryArgs(d(dom), kib));
        } else {
            call(DOMAIN_SET_MEMORY_FLAGS, new DomainSetMemoryFlagsArgs(d(dom), kib, flags));
        }
    }

    @Override
    public void domainSetMaxMemory(DomainRef dom, long kib) {
        call(DOMAIN_SET_MAX_MEMORY, new DomainSetMaxMemoryArgs(d(dom), kib));
    }

    @Override
    public void domainSetVcpusFlags(DomainRef dom, int count, int flags) {
        if (flags == 0) {
            call(DOMAIN_SET_VCPUS, new DomainSetVcpusArgs(d(dom), count));
        } else {
            call(DOMAIN_SET_VCPUS_FLAGS, new DomainSetVcpusFlagsArgs(d(dom), count, flags));
        }
    }

    @Override
    public void domainAttachDeviceFlags(DomainRef dom, String xml, int flags) {
        // always the flags call: the old one means LIVE, not CURRENT
        call(DOMAIN_ATTACH_DEVICE_FLAGS, new DomainAttachDeviceFlagsArgs(d(dom), xml, flags));
    }

    @Override
    public void domainDetachDeviceFlags(DomainRef dom, String xml, int flags) {
        // always the flags call: the old one means LIVE, not CURRENT
        call(DOMAIN_DETACH_DEVICE_FLAGS, new DomainDetachDeviceFlagsArgs(d(dom), xml, flags));
    }

    @Override
    public int domainGetMaxVcpus(DomainRef dom) {
        return call(DOMAIN_GET_MAX_VCPUS, new DomainGetMaxVcpusArgs(d(dom))).num();
    }

    @Override
    public DomainRef domainCreateWithFlags(DomainRef dom, int flags) {
        return call(DOMAIN_CREATE_WITH_FLAGS, new DomainCreateWithFlagsArgs(d(dom), flags)).dom().ref();
    }

    @Override
    public void domainDestroyFlags(DomainRef dom, int flags) {
        if (flags == 0) {
            call(DOMAIN_DESTROY, new DomainDestroyArgs(d(dom)));
        } else {
            call(DOMAIN_DESTROY_FLAGS, new DomainDestroyFlagsArgs(d(dom), flags));
        }
    }

    @Override
    public void domainShutdownFlags(DomainRef dom, int flags) {
        if (flags == 0) {
            call(DOMAIN_SHUTDOWN, new DomainShutdownArgs(d(dom)));
        } else {
            call(DOMAIN_SHUTDOWN_FLAGS, new DomainShutdownFlagsArgs(d(dom), flags));
        }
    }

    @Override
    public void domainReboot(DomainRef dom, int flags) {
        call(DOMAIN_REBOOT, new DomainRebootArgs(d(dom), flags));
    }

    @Override
    public void domainSuspend(DomainRef dom) {
        call(DOMAIN_SUSPEND, new DomainSuspendArgs(d(dom)));
    }

    @Override
    public void domainResume(DomainRef dom) {
        call(DOMAIN_RESUME, new DomainResumeArgs(d(dom)));
    }

    @Override
    public void domainUndefineFlags(DomainRef dom, int flags) {
        if (flags == 0) {
            call(DOMAIN_UNDEFINE, new DomainUndefineArgs(d(dom)));
        } else {
            call(DOMAIN_UNDEFINE_FLAGS, new DomainUndefineFlagsArgs(d(dom), flags));
        }
    }

    @Override
    public String domainScreenshot(DomainRef dom, io.jvirt.spi.StreamRef stream, int screen, int flags) {
        return callStream(DOMAIN_SCREENSHOT, new DomainScreenshotArgs(d(dom), screen, flags), stream).mime();
    }

    @Override
    public void domainOpenConsole(DomainRef dom, String devName, io.jvirt.spi.StreamRef stream, int flags) {
        callStream(DOMAIN_OPEN_CONSOLE, new DomainOpenConsoleArgs(d(dom), devName, flags), stream);
    }

    @Override
    public void domainOpenChannel(DomainRef dom, String name, io.jvirt.spi.StreamRef stream, int flags) {
        callStream(DOMAIN_OPEN_CHANNEL, new DomainOpenChannelArgs(d(dom), name, flags), stream);
    }

    @Override
    public void storageVolDownload(StorageVolRef vol, io.jvirt.spi.StreamRef stream, long offset, long length,
            int flags) {
        callStream(STORAGE_VOL_DOWNLOAD, new StorageVolDownloadArgs(v(vol), offset, length, flags), stream);
    }

    @Override
    public void storageVolUpload(StorageVolRef vol, io.jvirt.spi.StreamRef stream, long offset, long length,
            int flags) {
        callStream(STORAGE_VOL_UPLOAD, new StorageVolUploadArgs(v(vol), offset, length, flags), stream);
    }

    @Override
    public String connectBaselineCPU(List<String> xmlCPUs, int flags) {
        return call(CONNECT_BASELINE_CPU, new ConnectBaselineCpuArgs(xmlCPUs, flags)).cpu();
    }

    @Override
    public void domainSave(DomainRef dom, String path) {
        call(DOMAIN_SAVE, new DomainSaveArgs(d(dom), path));
    }

    @Override
    public void domainManagedSave(DomainRef dom, int flags) {
        call(DOMAIN_MANAGED_SAVE, new DomainManagedSaveArgs(d(dom), flags));
    }

    @Override
    public boolean domainHasManagedSaveImage(DomainRef dom, int flags) {
        return call(DOMAIN_HAS_MANAGED_SAVE_IMAGE, new DomainHasManagedSaveImageArgs(d(dom), flags)).result() != 0;
    }

    @Override
    public List<String> domainGetMessages(DomainRef dom, int flags) {
        return call(DOMAIN_GET_MESSAGES, new DomainGetMessagesArgs(d(dom), flags)).msgs();
    }

    @Override
    public void domainManagedSaveRemove(DomainRef dom, int flags) {
        call(DOMAIN_MANAGED_SAVE_REMOVE, new DomainManagedSaveRemoveArgs(d(dom), flags));
    }

    // ------------------------------------------------------------------ networks

    @Override
    public List<NetworkRef> connectListAllNetworks(int flags) {
        return call(CONNECT_LIST_ALL_NETWORKS, new ConnectListAllNetworksArgs(1, flags)).nets().stream()
                .map(RemoteNetwork::ref).toList();
    }

    @Override
    public NetworkRef networkLookupByName(String name) {
        return call(NETWORK_LOOKUP_BY_NAME, new NetworkLookupByNameArgs(name)).net().ref();
    }

    @Override
    public NetworkRef networkLookupByUUID(UUID uuid) {
        return call(NETWORK_LOOKUP_BY_UUID, new NetworkLookupByUuidArgs(uuid)).net().ref();
    }

    @Override
    public NetworkRef networkDefineXML(String xml) {
        return call(NETWORK_DEFINE_XML, new NetworkDefineXmlArgs(xml)).net().ref();
    }

    @Override
    public NetworkRef networkCreateXML(String xml) {
        return call(NETWORK_CREATE_XML, new NetworkCreateXmlArgs(xml)).net().ref();
    }

    @Override
    public void networkUndefine(NetworkRef net) {
        call(NETWORK_UNDEFINE, new NetworkUndefineArgs(n(net)));
    }

    @Override
    public void networkCreate(NetworkRef net) {
        call(NETWORK_CREATE, new NetworkCreateArgs(n(net)));
    }

    @Override
    public void networkDestroy(NetworkRef net) {
        call(NETWORK_DESTROY, new NetworkDestroyArgs(n(net)));
    }

    @Override
    public String networkGetXMLDesc(NetworkRef net, int flags) {
        return call(NETWORK_GET_XML_DESC, new NetworkGetXmlDescArgs(n(net), flags)).xml();
    }

    @Override
    public boolean networkIsActive(NetworkRef net) {
        return call(NETWORK_IS_ACTIVE, new NetworkIsActiveArgs(n(net))).active() != 0;
    }

    @Override
    public boolean networkIsPersistent(NetworkRef net) {
        return call(NETWORK_IS_PERSISTENT, new NetworkIsPersistentArgs(n(net))).persistent() != 0;
    }

    @Override
    public boolean networkGetAutostart(NetworkRef net) {
        return call(NETWORK_GET_AUTOSTART, new NetworkGetAutostartArgs(n(net))).autostart() != 0;
    }

    @Override
    public void networkSetAutostart(NetworkRef net, boolean autostart) {
        call(NETWORK_SET_AUTOSTART, new NetworkSetAutostartArgs(n(net), bool(autostart)));
    }

    @Override
    public String networkGetBridgeName(NetworkRef net) {
        return call(NETWORK_GET_BRIDGE_NAME, new NetworkGetBridgeNameArgs(n(net))).name();
    }

    // ------------------------------------------------------------------ network ports

    private static io.jvirt.rpc.remote.RemoteStructs.NonnullNetworkPort port(NetworkPortRef r) {
        return new io.jvirt.rpc.remote.RemoteStructs.NonnullNetworkPort(n(r.network()), r.uuid());
    }

    private static NetworkPortRef port(io.jvirt.rpc.remote.RemoteStructs.NonnullNetworkPort p) {
        return new NetworkPortRef(p.net().ref(), p.uuid());
    }

    @Override
    public NetworkPortRef networkPortCreateXML(NetworkRef net, String xml, int flags) {
        return port(call(NETWORK_PORT_CREATE_XML, new NetworkPortCreateXmlArgs(n(net), xml, flags)).port());
    }

    @Override
    public NetworkPortRef networkPortLookupByUUID(NetworkRef net, UUID uuid) {
        return port(call(NETWORK_PORT_LOOKUP_BY_UUID, new NetworkPortLookupByUuidArgs(n(net), uuid)).port());
    }

    @Override
    public List<NetworkPortRef> networkListAllPorts(NetworkRef net, int flags) {
        return call(NETWORK_LIST_ALL_PORTS, new NetworkListAllPortsArgs(n(net), 1, flags)).ports().stream()
                .map(RemoteDrivers::port).toList();
    }

    @Override
    public String networkPortGetXMLDesc(NetworkPortRef p, int flags) {
        return call(NETWORK_PORT_GET_XML_DESC, new NetworkPortGetXmlDescArgs(port(p), flags)).xml();
    }

    /** As libvirt's remote driver: the server sends the whole list (nparams of the call is 0). */
    @Override
    public List<io.jvirt.api.TypedParameter> networkPortGetParameters(NetworkPortRef p, int flags) {
        return call(NETWORK_PORT_GET_PARAMETERS, new NetworkPortGetParametersArgs(port(p), 0, flags)).params().stream()
                .map(t -> new io.jvirt.api.TypedParameter(t.field(), io.jvirt.api.TypedParameterType.fromValue(t.type()),
                        t.value())).toList();
    }

    @Override
    public void networkPortSetParameters(NetworkPortRef p, List<io.jvirt.api.TypedParameter> params, int flags) {
        call(NETWORK_PORT_SET_PARAMETERS, new NetworkPortSetParametersArgs(port(p), params.stream()
                .map(t -> new io.jvirt.rpc.remote.TypedParam(t.field(), t.type().value(), t.value())).toList(), flags));
    }

    @Override
    public void networkPortDelete(NetworkPortRef p, int flags) {
        call(NETWORK_PORT_DELETE, new NetworkPortDeleteArgs(port(p), flags));
    }

    // ------------------------------------------------------------------ storage

    @Override
    public List<StoragePoolRef> connectListAllStoragePools(int flags) {
        return call(CONNECT_LIST_ALL_STORAGE_POOLS, new ConnectListAllStoragePoolsArgs(1, flags)).pools().stream()
                .map(RemoteStoragePool::ref).toList();
    }

    @Override
    public StoragePoolRef storagePoolLookupByName(String name) {
        return call(STORAGE_POOL_LOOKUP_BY_NAME, new StoragePoolLookupByNameArgs(name)).pool().ref();
    }

    @Override
    public StoragePoolRef storagePoolLookupByUUID(UUID uuid) {
        return call(STORAGE_POOL_LOOKUP_BY_UUID, new StoragePoolLookupByUuidArgs(uuid)).pool().ref();
    }

    @Override
    public StoragePoolRef storagePoolLookupByVolume(StorageVolRef vol) {
        return call(STORAGE_POOL_LOOKUP_BY_VOLUME, new StoragePoolLookupByVolumeArgs(v(vol))).pool().ref();
    }

    @Override
    public StoragePoolRef storagePoolDefineXML(String xml, int flags) {
        return call(STORAGE_POOL_DEFINE_XML, new StoragePoolDefineXmlArgs(xml, flags)).pool().ref();
    }

    @Override
    public StoragePoolRef storagePoolCreateXML(String xml, int flags) {
        return call(STORAGE_POOL_CREATE_XML, new StoragePoolCreateXmlArgs(xml, flags)).pool().ref();
    }

    @Override
    public void storagePoolUndefine(StoragePoolRef pool) {
        call(STORAGE_POOL_UNDEFINE, new StoragePoolUndefineArgs(p(pool)));
    }

    @Override
    public void storagePoolCreate(StoragePoolRef pool, int flags) {
        call(STORAGE_POOL_CREATE, new StoragePoolCreateArgs(p(pool), flags));
    }

    @Override
    public void storagePoolBuild(StoragePoolRef pool, int flags) {
        call(STORAGE_POOL_BUILD, new StoragePoolBuildArgs(p(pool), flags));
    }

    @Override
    public void storagePoolRefresh(StoragePoolRef pool, int flags) {
        call(STORAGE_POOL_REFRESH, new StoragePoolRefreshArgs(p(pool), flags));
    }

    @Override
    public void storagePoolDestroy(StoragePoolRef pool) {
        call(STORAGE_POOL_DESTROY, new StoragePoolDestroyArgs(p(pool)));
    }

    @Override
    public void storagePoolDelete(StoragePoolRef pool, int flags) {
        call(STORAGE_POOL_DELETE, new StoragePoolDeleteArgs(p(pool), flags));
    }

    @Override
    public PoolInfo storagePoolGetInfo(StoragePoolRef pool) {
        StoragePoolGetInfoRet r = call(STORAGE_POOL_GET_INFO, new StoragePoolGetInfoArgs(p(pool)));
        return new PoolInfo(StoragePoolState.fromValue(r.state()), r.capacity(), r.allocation(), r.available());
    }

    @Override
    public String storagePoolGetXMLDesc(StoragePoolRef pool, int flags) {
        return call(STORAGE_POOL_GET_XML_DESC, new StoragePoolGetXmlDescArgs(p(pool), flags)).xml();
    }

    @Override
    public boolean storagePoolIsActive(StoragePoolRef pool) {
        return call(STORAGE_POOL_IS_ACTIVE, new StoragePoolIsActiveArgs(p(pool))).active() != 0;
    }

    @Override
    public boolean storagePoolIsPersistent(StoragePoolRef pool) {
        return call(STORAGE_POOL_IS_PERSISTENT, new StoragePoolIsPersistentArgs(p(pool))).persistent() != 0;
    }

    @Override
    public boolean storagePoolGetAutostart(StoragePoolRef pool) {
        return call(STORAGE_POOL_GET_AUTOSTART, new StoragePoolGetAutostartArgs(p(pool))).autostart() != 0;
    }

    @Override
    public void storagePoolSetAutostart(StoragePoolRef pool, boolean autostart) {
        call(STORAGE_POOL_SET_AUTOSTART, new StoragePoolSetAutostartArgs(p(pool), bool(autostart)));
    }

    @Override
    public int storagePoolNumOfVolumes(StoragePoolRef pool) {
        return call(STORAGE_POOL_NUM_OF_VOLUMES, new StoragePoolNumOfVolumesArgs(p(pool))).num();
    }

    @Override
    public List<StorageVolRef> storagePoolListAllVolumes(StoragePoolRef pool, int flags) {
        return call(STORAGE_POOL_LIST_ALL_VOLUMES, new StoragePoolListAllVolumesArgs(p(pool), 1, flags)).vols()
                .stream().map(RemoteStorageVol::ref).toList();
    }

    @Override
    public StorageVolRef storageVolLookupByName(StoragePoolRef pool, String name) {
        return call(STORAGE_VOL_LOOKUP_BY_NAME, new StorageVolLookupByNameArgs(p(pool), name)).vol().ref();
    }

    @Override
    public StorageVolRef storageVolLookupByKey(String key) {
        return call(STORAGE_VOL_LOOKUP_BY_KEY, new StorageVolLookupByKeyArgs(key)).vol().ref();
    }

    @Override
    public StorageVolRef storageVolLookupByPath(String path) {
        return call(STORAGE_VOL_LOOKUP_BY_PATH, new StorageVolLookupByPathArgs(path)).vol().ref();
    }

    @Override
    public StorageVolRef storageVolCreateXML(StoragePoolRef pool, String xml, int flags) {
        return call(STORAGE_VOL_CREATE_XML, new StorageVolCreateXmlArgs(p(pool), xml, flags)).vol().ref();
    }

    @Override
    public void storageVolDelete(StorageVolRef vol, int flags) {
        call(STORAGE_VOL_DELETE, new StorageVolDeleteArgs(v(vol), flags));
    }

    @Override
    public void storageVolWipe(StorageVolRef vol, int flags) {
        call(STORAGE_VOL_WIPE, new StorageVolWipeArgs(v(vol), flags));
    }

    @Override
    public VolInfo storageVolGetInfo(StorageVolRef vol) {
        StorageVolGetInfoRet r = call(STORAGE_VOL_GET_INFO, new StorageVolGetInfoArgs(v(vol)));
        return new VolInfo(StorageVolType.fromValue(r.type()), r.capacity(), r.allocation());
    }

    @Override
    public String storageVolGetXMLDesc(StorageVolRef vol, int flags) {
        return call(STORAGE_VOL_GET_XML_DESC, new StorageVolGetXmlDescArgs(v(vol), flags)).xml();
    }

    @Override
    public String storageVolGetPath(StorageVolRef vol) {
        return call(STORAGE_VOL_GET_PATH, new StorageVolGetPathArgs(v(vol))).name();
    }

    @Override
    public void storageVolResize(StorageVolRef vol, long capacity, int flags) {
        call(STORAGE_VOL_RESIZE, new StorageVolResizeArgs(v(vol), capacity, flags));
    }

    @Override
    public void storageVolWipePattern(StorageVolRef vol, int algorithm, int flags) {
        call(STORAGE_VOL_WIPE_PATTERN, new StorageVolWipePatternArgs(v(vol), algorithm, flags));
    }

    @Override
    public VolInfo storageVolGetInfoFlags(StorageVolRef vol, int flags) {
        StorageVolGetInfoFlagsRet r = call(STORAGE_VOL_GET_INFO_FLAGS, new StorageVolGetInfoFlagsArgs(v(vol), flags));
        return new VolInfo(StorageVolType.fromValue(r.type()), r.capacity(), r.allocation());
    }

    @Override
    public StoragePoolRef storagePoolLookupByTargetPath(String path) {
        return call(STORAGE_POOL_LOOKUP_BY_TARGET_PATH, new StoragePoolLookupByTargetPathArgs(path)).pool().ref();
    }

    @Override
    public String connectGetStoragePoolCapabilities(int flags) {
        return call(CONNECT_GET_STORAGE_POOL_CAPABILITIES, new ConnectGetStoragePoolCapabilitiesArgs(flags))
                .capabilities();
    }

    // ------------------------------------------------------------------ network filters

    @Override
    public List<NWFilterRef> connectListAllNWFilters(int flags) {
        return call(CONNECT_LIST_ALL_NWFILTERS, new ConnectListAllNwfiltersArgs(1, flags)).filters().stream()
                .map(RemoteNWFilter::ref).toList();
    }

    @Override
    public NWFilterRef nwfilterLookupByName(String name) {
        return call(NWFILTER_LOOKUP_BY_NAME, new NwfilterLookupByNameArgs(name)).nwfilter().ref();
    }

    @Override
    public NWFilterRef nwfilterLookupByUUID(UUID uuid) {
        return call(NWFILTER_LOOKUP_BY_UUID, new NwfilterLookupByUuidArgs(uuid)).nwfilter().ref();
    }

    @Override
    public NWFilterRef nwfilterDefineXML(String xml, int flags) {
        if (flags == 0) {
            return call(NWFILTER_DEFINE_XML, new NwfilterDefineXmlArgs(xml)).nwfilter().ref();
        }
        return call(NWFILTER_DEFINE_XML_FLAGS, new NwfilterDefineXmlFlagsArgs(xml, flags)).nwfilter().ref();
    }

    @Override
    public void nwfilterUndefine(NWFilterRef filter) {
        call(NWFILTER_UNDEFINE, new NwfilterUndefineArgs(f(filter)));
    }

    @Override
    public String nwfilterGetXMLDesc(NWFilterRef filter, int flags) {
        return call(NWFILTER_GET_XML_DESC, new NwfilterGetXmlDescArgs(f(filter), flags)).xml();
    }

    // ------------------------------------------------------------------ nwfilter bindings

    private static io.jvirt.rpc.remote.RemoteStructs.NonnullNwfilterBinding b(NWFilterBindingRef r) {
        return new io.jvirt.rpc.remote.RemoteStructs.NonnullNwfilterBinding(r.portDev(), r.filterName());
    }

    private static NWFilterBindingRef b(io.jvirt.rpc.remote.RemoteStructs.NonnullNwfilterBinding w) {
        return new NWFilterBindingRef(w.portdev(), w.filtername());
    }

    @Override
    public NWFilterBindingRef nwfilterBindingCreateXML(String xml, int flags) {
        return b(call(NWFILTER_BINDING_CREATE_XML, new NwfilterBindingCreateXmlArgs(xml, flags)).nwfilter());
    }

    @Override
    public NWFilterBindingRef nwfilterBindingLookupByPortDev(String portDev) {
        return b(call(NWFILTER_BINDING_LOOKUP_BY_PORT_DEV, new NwfilterBindingLookupByPortDevArgs(portDev)).nwfilter());
    }

    @Override
    public List<NWFilterBindingRef> connectListAllNWFilterBindings(int flags) {
        return call(CONNECT_LIST_ALL_NWFILTER_BINDINGS, new ConnectListAllNwfilterBindingsArgs(1, flags)).bindings()
                .stream().map(RemoteDrivers::b).toList();
    }

    @Override
    public String nwfilterBindingGetXMLDesc(NWFilterBindingRef binding, int flags) {
        return call(NWFILTER_BINDING_GET_XML_DESC, new NwfilterBindingGetXmlDescArgs(b(binding), flags)).xml();
    }

    @Override
    public void nwfilterBindingDelete(NWFilterBindingRef binding) {
        call(NWFILTER_BINDING_DELETE, new NwfilterBindingDeleteArgs(b(binding)));
    }
}
