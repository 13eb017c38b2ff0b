package io.jvirt.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.NodeInfo;
import io.jvirt.api.SecurityLabel;
import io.jvirt.api.SecurityModel;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One open hypervisor connection, returned by {@link ConnectDriver#open}: libvirt's
 * {@code virHypervisorDriver} bound to a connection. Every method has a default that fails with
 * {@code VIR_ERR_NO_SUPPORT} naming the API, so a driver implements what it supports. Flags are
 * libvirt's raw bits: a driver rejects bits it does not know with {@code VIR_ERR_INVALID_ARG}.
 * Read-only connections are enforced by the platform before a mutating call reaches the driver.
 */
@ConsumerType
public interface HypervisorDriver {

    /** Whether the connection still works (false once a remote peer is gone). */
    default boolean connectIsAlive() {
        return true;
    }

    default boolean connectIsEncrypted() {
        return false;
    }

    default boolean connectIsSecure() {
        return true;
    }

    /** The library version of the other end; {@code 0} lets the platform answer with its own. */
    default long connectGetLibVersion() {
        return 0;
    }

    /** The canonical URI; {@code null} lets the platform answer with the URI that was opened. */
    default String connectGetURI() {
        return null;
    }

    /**
     * Registers for domain events ({@code eventId} is libvirt's {@code virDomainEventID}) of one
     * domain or, with a null ref, all; returns the driver's callback ID.
     */
    default int connectDomainEventRegisterAny(DomainRef domain, int eventId, DomainEventSink sink) {
        throw Unsupported.api("virConnectDomainEventRegisterAny");
    }

    default void connectDomainEventDeregisterAny(int callbackId) {
        throw Unsupported.api("virConnectDomainEventDeregisterAny");
    }

    /** Gives the driver the sink for unexpected closes; local drivers never close by themselves. */
    default void connectSetCloseSink(CloseSink sink) {
    }

    /** Closes the connection; the platform calls it once. */
    default void connectClose() {
    }

    /**
     * The driver's own network driver for this connection (libvirt's test and remote drivers bring
     * their own); empty lets the platform attach the shared network driver service.
     */
    default Optional<NetworkDriver> networkDriver() {
        return Optional.empty();
    }

    /** As {@link #networkDriver()}, for storage. */
    default Optional<StorageDriver> storageDriver() {
        return Optional.empty();
    }

    /** The driver's host interface driver; empty means interfaces are not supported. */
    default Optional<InterfaceDriver> interfaceDriver() {
        return Optional.empty();
    }

    /** The driver's host device driver; empty means node devices are not supported. */
    default Optional<NodeDeviceDriver> nodeDeviceDriver() {
        return Optional.empty();
    }

    /** As {@link #networkDriver()}, for network filters. */
    default Optional<NWFilterDriver> nwfilterDriver() {
        return Optional.empty();
    }

    /** As {@link #networkDriver()}, for secrets. */
    default Optional<SecretDriver> secretDriver() {
        return Optional.empty();
    }


    // connection and host

    default String connectGetType() {
        throw Unsupported.api("virConnectGetType");
    }

    default long connectGetVersion() {
        throw Unsupported.api("virConnectGetVersion");
    }

    default String connectGetHostname() {
        throw Unsupported.api("virConnectGetHostname");
    }

    default String connectGetCapabilities() {
        throw Unsupported.api("virConnectGetCapabilities");
    }

    default String connectGetDomainCapabilities(String emulator, String arch, String machine, String virttype,
            int flags) {
        throw Unsupported.api("virConnectGetDomainCapabilities");
    }

    default NodeInfo nodeGetInfo() {
        throw Unsupported.api("virNodeGetInfo");
    }

    default int connectGetMaxVcpus(String type) {
        throw Unsupported.api("virConnectGetMaxVcpus");
    }

    default SecurityModel nodeGetSecurityModel() {
        throw Unsupported.api("virNodeGetSecurityModel");
    }

    default long nodeGetFreeMemory() {
        throw Unsupported.api("virNodeGetFreeMemory");
    }

    default List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        throw Unsupported.api("virNodeGetCellsFreeMemory");
    }

    default io.jvirt.api.NodeCPUMap nodeGetCPUMap(int flags) {
        throw Unsupported.api("virNodeGetCPUMap");
    }

    default List<String> connectGetCPUModelNames(String arch, int flags) {
        throw Unsupported.api("virConnectGetCPUModelNames");
    }

    default String connectBaselineCPU(List<String> xmlCPUs, int flags) {
        throw Unsupported.api("virConnectBaselineCPU");
    }

    default java.util.Map<String, Long> nodeGetCPUStats(int cpu, int flags) {
        throw Unsupported.api("virNodeGetCPUStats");
    }

    /** {@code domains} empty means all (filtered by {@code flags}). */
    default List<DomainStats> connectGetAllDomainStats(List<DomainRef> domains, int stats, int flags) {
        throw Unsupported.api("virConnectGetAllDomainStats");
    }

    default String connectGetSysinfo(int flags) {
        throw Unsupported.api("virConnectGetSysinfo");
    }


    // domains: enumeration, lookup, creation

    default List<DomainRef> connectListAllDomains(int flags) {
        throw Unsupported.api("virConnectListAllDomains");
    }

    default int connectNumOfDomains() {
        throw Unsupported.api("virConnectNumOfDomains");
    }

    default int connectNumOfDefinedDomains() {
        throw Unsupported.api("virConnectNumOfDefinedDomains");
    }

    default DomainRef domainLookupByName(String name) {
        throw Unsupported.api("virDomainLookupByName");
    }

    default DomainRef domainLookupByUUID(UUID uuid) {
        throw Unsupported.api("virDomainLookupByUUID");
    }

    default DomainRef domainLookupByID(int id) {
        throw Unsupported.api("virDomainLookupByID");
    }

    default DomainRef domainDefineXMLFlags(String xml, int flags) {
        throw Unsupported.api("virDomainDefineXMLFlags");
    }

    default DomainRef domainCreateXML(String xml, int flags) {
        throw Unsupported.api("virDomainCreateXML");
    }

    default void domainRestore(String path) {
        throw Unsupported.api("virDomainRestore");
    }


    // domains: description and accessors

    default String domainGetOSType(DomainRef dom) {
        throw Unsupported.api("virDomainGetOSType");
    }

    default DomainInfo domainGetInfo(DomainRef dom) {
        throw Unsupported.api("virDomainGetInfo");
    }

    default DomainStateReason domainGetState(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetState");
    }

    default String domainGetXMLDesc(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetXMLDesc");
    }

    default boolean domainIsActive(DomainRef dom) {
        throw Unsupported.api("virDomainIsActive");
    }

    default boolean domainIsPersistent(DomainRef dom) {
        throw Unsupported.api("virDomainIsPersistent");
    }

    default boolean domainIsUpdated(DomainRef dom) {
        throw Unsupported.api("virDomainIsUpdated");
    }

    default boolean domainGetAutostart(DomainRef dom) {
        throw Unsupported.api("virDomainGetAutostart");
    }

    default void domainSetAutostart(DomainRef dom, boolean autostart) {
        throw Unsupported.api("virDomainSetAutostart");
    }

    default long domainGetMaxMemory(DomainRef dom) {
        throw Unsupported.api("virDomainGetMaxMemory");
    }

    default void domainSetMemoryFlags(DomainRef dom, long kib, int flags) {
        throw Unsupported.api("virDomainSetMemoryFlags");
    }

    default void domainSetMaxMemory(DomainRef dom, long kib) {
        throw Unsupported.api("virDomainSetMaxMemory");
    }

    default void domainSetVcpusFlags(DomainRef dom, int count, int flags) {
        throw Unsupported.api("virDomainSetVcpusFlags");
    }

    default void domainAttachDeviceFlags(DomainRef dom, String xml, int flags) {
        throw Unsupported.api("virDomainAttachDeviceFlags");
    }

    default void domainDetachDeviceFlags(DomainRef dom, String xml, int flags) {
        throw Unsupported.api("virDomainDetachDeviceFlags");
    }

    default int domainGetMaxVcpus(DomainRef dom) {
        throw Unsupported.api("virDomainGetMaxVcpus");
    }

    default int domainGetVcpusFlags(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetVcpusFlags");
    }

    default SecurityLabel domainGetSecurityLabel(DomainRef dom) {
        throw Unsupported.api("virDomainGetSecurityLabel");
    }

    default String domainGetHostname(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetHostname");
    }

    /** {@code type} is libvirt's {@code virDomainMetadataType} number. */
    default String domainGetMetadata(DomainRef dom, int type, String uri, int flags) {
        throw Unsupported.api("virDomainGetMetadata");
    }

    default void domainSetMetadata(DomainRef dom, int type, String metadata, String key, String uri, int flags) {
        throw Unsupported.api("virDomainSetMetadata");
    }


    // domains: lifecycle

    default DomainRef domainCreateWithFlags(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainCreateWithFlags");
    }

    default void domainDestroyFlags(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainDestroyFlags");
    }

    default void domainShutdownFlags(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainShutdownFlags");
    }

    default void domainReboot(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainReboot");
    }

    default void domainSuspend(DomainRef dom) {
        throw Unsupported.api("virDomainSuspend");
    }

    default void domainResume(DomainRef dom) {
        throw Unsupported.api("virDomainResume");
    }

    default void domainUndefineFlags(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainUndefineFlags");
    }

    default void domainSave(DomainRef dom, String path) {
        throw Unsupported.api("virDomainSave");
    }

    default void domainReset(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainReset");
    }

    default void domainInjectNMI(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainInjectNMI");
    }

    default void domainSendKey(DomainRef dom, int codeset, int holdtime, int[] keycodes, int flags) {
        throw Unsupported.api("virDomainSendKey");
    }

    default void domainSendProcessSignal(DomainRef dom, long pid, int signum, int flags) {
        throw Unsupported.api("virDomainSendProcessSignal");
    }

    default int domainFSFreeze(DomainRef dom, List<String> mountpoints, int flags) {
        throw Unsupported.api("virDomainFSFreeze");
    }

    default int domainFSThaw(DomainRef dom, List<String> mountpoints, int flags) {
        throw Unsupported.api("virDomainFSThaw");
    }

    default void domainFSTrim(DomainRef dom, String mountPoint, long minimum, int flags) {
        throw Unsupported.api("virDomainFSTrim");
    }

    default void domainSetUserPassword(DomainRef dom, String user, String password, int flags) {
        throw Unsupported.api("virDomainSetUserPassword");
    }

    /** {@code type} and {@code action} are libvirt's {@code virDomainLifecycle} and {@code virDomainLifecycleAction}. */
    default void domainSetLifecycleAction(DomainRef dom, int type, int action, int flags) {
        throw Unsupported.api("virDomainSetLifecycleAction");
    }

    default io.jvirt.api.DomainControlInfo domainGetControlInfo(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetControlInfo");
    }

    default io.jvirt.api.DomainTime domainGetTime(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetTime");
    }

    default void domainSetTime(DomainRef dom, long seconds, int nseconds, int flags) {
        throw Unsupported.api("virDomainSetTime");
    }

    /** Renames an inactive domain; returns its new ref. */
    default DomainRef domainRename(DomainRef dom, String newName, int flags) {
        throw Unsupported.api("virDomainRename");
    }

    /** Binds {@code stream} to the screen's image and returns its MIME type. */
    default String domainScreenshot(DomainRef dom, StreamRef stream, int screen, int flags) {
        throw Unsupported.api("virDomainScreenshot");
    }

    /** Binds {@code stream} to a console device of a running domain, both ways ({@code devName} null: the default one). */
    default void domainOpenConsole(DomainRef dom, String devName, StreamRef stream, int flags) {
        throw Unsupported.api("virDomainOpenConsole");
    }

    /** Binds {@code stream} to a channel device of a running domain, both ways ({@code name} null: the first one). */
    default void domainOpenChannel(DomainRef dom, String name, StreamRef stream, int flags) {
        throw Unsupported.api("virDomainOpenChannel");
    }

    default void domainCoreDump(DomainRef dom, String to, int flags) {
        throw Unsupported.api("virDomainCoreDump");
    }

    default String domainGetSchedulerType(DomainRef dom) {
        throw Unsupported.api("virDomainGetSchedulerType");
    }

    default List<io.jvirt.api.TypedParameter> domainGetSchedulerParameters(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetSchedulerParametersFlags");
    }

    default List<io.jvirt.api.TypedParameter> domainGetMemoryParameters(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetMemoryParameters");
    }

    default List<io.jvirt.api.TypedParameter> domainGetBlkioParameters(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetBlkioParameters");
    }

    default List<io.jvirt.api.TypedParameter> domainGetNumaParameters(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetNumaParameters");
    }

    default List<io.jvirt.api.TypedParameter> domainGetPerfEvents(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetPerfEvents");
    }

    default List<io.jvirt.api.TypedParameter> domainGetInterfaceParameters(DomainRef dom, String device, int flags) {
        throw Unsupported.api("virDomainGetInterfaceParameters");
    }

    default List<io.jvirt.api.TypedParameter> domainGetBlockIoTune(DomainRef dom, String disk, int flags) {
        throw Unsupported.api("virDomainGetBlockIoTune");
    }

    default DomainSnapshotRef domainSnapshotCreateXML(DomainRef dom, String xml, int flags) {
        throw Unsupported.api("virDomainSnapshotCreateXML");
    }

    default List<DomainSnapshotRef> domainListAllSnapshots(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainListAllSnapshots");
    }

    default int domainSnapshotNum(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainSnapshotNum");
    }

    default DomainSnapshotRef domainSnapshotLookupByName(DomainRef dom, String name, int flags) {
        throw Unsupported.api("virDomainSnapshotLookupByName");
    }

    default boolean domainHasCurrentSnapshot(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainHasCurrentSnapshot");
    }

    default DomainSnapshotRef domainSnapshotCurrent(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainSnapshotCurrent");
    }

    default String domainSnapshotGetXMLDesc(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotGetXMLDesc");
    }

    default DomainSnapshotRef domainSnapshotGetParent(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotGetParent");
    }

    default boolean domainSnapshotIsCurrent(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotIsCurrent");
    }

    default boolean domainSnapshotHasMetadata(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotHasMetadata");
    }

    default int domainSnapshotNumChildren(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotNumChildren");
    }

    default List<DomainSnapshotRef> domainSnapshotListAllChildren(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotListAllChildren");
    }

    default void domainRevertToSnapshot(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainRevertToSnapshot");
    }

    default void domainSnapshotDelete(DomainSnapshotRef snap, int flags) {
        throw Unsupported.api("virDomainSnapshotDelete");
    }

    default List<io.jvirt.api.VcpuInfo> domainGetVcpus(DomainRef dom, int hostCpus) {
        throw Unsupported.api("virDomainGetVcpus");
    }

    default List<java.util.BitSet> domainGetVcpuPinInfo(DomainRef dom, int hostCpus, int flags) {
        throw Unsupported.api("virDomainGetVcpuPinInfo");
    }

    default java.util.BitSet domainGetEmulatorPinInfo(DomainRef dom, int hostCpus, int flags) {
        throw Unsupported.api("virDomainGetEmulatorPinInfo");
    }

    default io.jvirt.api.BlockInfo domainGetBlockInfo(DomainRef dom, String disk, int flags) {
        throw Unsupported.api("virDomainGetBlockInfo");
    }

    default List<io.jvirt.api.DiskError> domainGetDiskErrors(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetDiskErrors");
    }

    default List<io.jvirt.api.MemoryStat> domainMemoryStats(DomainRef dom, int max, int flags) {
        throw Unsupported.api("virDomainMemoryStats");
    }

    default String domainSaveImageGetXMLDesc(String file, int flags) {
        throw Unsupported.api("virDomainSaveImageGetXMLDesc");
    }

    default void domainSaveImageDefineXML(String file, String xml, int flags) {
        throw Unsupported.api("virDomainSaveImageDefineXML");
    }

    default DomainCheckpointRef domainCheckpointCreateXML(DomainRef dom, String xml, int flags) {
        throw Unsupported.api("virDomainCheckpointCreateXML");
    }

    default List<DomainCheckpointRef> domainListAllCheckpoints(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainListAllCheckpoints");
    }

    default DomainCheckpointRef domainCheckpointLookupByName(DomainRef dom, String name, int flags) {
        throw Unsupported.api("virDomainCheckpointLookupByName");
    }

    default String domainCheckpointGetXMLDesc(DomainCheckpointRef cp, int flags) {
        throw Unsupported.api("virDomainCheckpointGetXMLDesc");
    }

    default DomainCheckpointRef domainCheckpointGetParent(DomainCheckpointRef cp, int flags) {
        throw Unsupported.api("virDomainCheckpointGetParent");
    }

    default List<DomainCheckpointRef> domainCheckpointListAllChildren(DomainCheckpointRef cp, int flags) {
        throw Unsupported.api("virDomainCheckpointListAllChildren");
    }

    default void domainCheckpointDelete(DomainCheckpointRef cp, int flags) {
        throw Unsupported.api("virDomainCheckpointDelete");
    }

    default List<io.jvirt.api.IOThreadInfo> domainGetIOThreadInfo(DomainRef dom, int hostCpus, int flags) {
        throw Unsupported.api("virDomainGetIOThreadInfo");
    }

    default void domainAddIOThread(DomainRef dom, int id, int flags) {
        throw Unsupported.api("virDomainAddIOThread");
    }

    default void domainDelIOThread(DomainRef dom, int id, int flags) {
        throw Unsupported.api("virDomainDelIOThread");
    }

    default void domainPinIOThread(DomainRef dom, int id, java.util.BitSet cpus, int flags) {
        throw Unsupported.api("virDomainPinIOThread");
    }

    default void domainSetIOThreadParams(DomainRef dom, int id, List<io.jvirt.api.TypedParameter> params, int flags) {
        throw Unsupported.api("virDomainSetIOThreadParams");
    }

    default List<io.jvirt.api.DomainInterfaceAddresses> domainInterfaceAddresses(DomainRef dom, int source, int flags) {
        throw Unsupported.api("virDomainInterfaceAddresses");
    }

    default List<io.jvirt.api.DomainFSInfo> domainGetFSInfo(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetFSInfo");
    }

    default io.jvirt.api.BlockStats domainBlockStats(DomainRef dom, String disk) {
        throw Unsupported.api("virDomainBlockStats");
    }

    /** {@code virDomainBlockStatsFlags}: every statistic of one disk (or, {@code ""}, all disks summed), typed. */
    default List<io.jvirt.api.TypedParameter> domainBlockStatsFlags(DomainRef dom, String disk, int flags) {
        throw Unsupported.api("virDomainBlockStatsFlags");
    }

    /** {@code virDomainSetMemoryStatsPeriod}: how often (seconds, 0 = never) the guest's balloon driver reports. */
    default void domainSetMemoryStatsPeriod(DomainRef dom, int period, int flags) {
        throw Unsupported.api("virDomainSetMemoryStatsPeriod");
    }

    default io.jvirt.api.InterfaceStats domainInterfaceStats(DomainRef dom, String device) {
        throw Unsupported.api("virDomainInterfaceStats");
    }

    /** The number of host CPUs the domain's CPU statistics cover. */
    default int domainGetCPUStatsCount(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetCPUStats");
    }

    /** Per-CPU statistics of {@code ncpus} CPUs from {@code startCpu}, or ({@code startCpu} -1) the totals. */
    default List<List<io.jvirt.api.TypedParameter>> domainGetCPUStats(DomainRef dom, int startCpu, int ncpus, int flags) {
        throw Unsupported.api("virDomainGetCPUStats");
    }

    default void domainManagedSave(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainManagedSave");
    }

    default boolean domainHasManagedSaveImage(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainHasManagedSaveImage");
    }

    default void domainManagedSaveRemove(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainManagedSaveRemove");
    }

}
