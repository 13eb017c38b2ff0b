package io.jvirt.registry.connect;

import java.util.List;
import java.util.UUID;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainDestroyFlag;
import io.jvirt.api.DomainControlInfo;
import io.jvirt.api.DomainCoreDumpFlag;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainSnapshot;
import io.jvirt.api.DomainSnapshotCreateFlag;
import io.jvirt.api.DomainSnapshotListFlag;
import io.jvirt.api.DomainLifecycleAction;
import io.jvirt.api.DomainLifecycleType;
import io.jvirt.api.DomainTime;
import io.jvirt.api.DomainMetadataType;
import io.jvirt.api.SecurityLabel;
import io.jvirt.api.DomainModificationFlag;
import io.jvirt.api.DomainShutdownFlag;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.DomainUndefineFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.spi.DomainRef;

/**
 * A domain handle: name, UUID and the ID of the current activation, as {@code virDomainPtr}
 * caches them. The ID is refreshed by {@link #create} and cleared by {@link #destroy}, as libvirt does.
 */
final class DomainHandle implements Domain {
    private final ManagedConnection conn;
    private volatile DomainRef ref;

    DomainHandle(ManagedConnection conn, DomainRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    DomainRef ref() {
        return ref;
    }

    private static int mask(BitFlag[] flags) {
        return BitFlag.mask(List.of(flags));
    }

    @Override
    public Connect getConnect() {
        return conn;
    }

    @Override
    public String getName() {
        return ref.name();
    }

    @Override
    public UUID getUUID() {
        return ref.uuid();
    }

    @Override
    public int getID() {
        return ref.id();
    }

    @Override
    public String getOSType() {
        return conn.hv("virDomainGetOSType", d -> d.domainGetOSType(ref));
    }

    @Override
    public DomainInfo getInfo() {
        return conn.hv("virDomainGetInfo", d -> d.domainGetInfo(ref));
    }

    @Override
    public DomainStateReason getState() {
        return conn.hv("virDomainGetState", d -> d.domainGetState(ref, 0));
    }

    @Override
    public String getXMLDesc(DomainXMLFlag... flags) {
        int mask = mask(flags);
        if ((mask & DomainXMLFlag.SECURE.bit()) != 0) {
            conn.checkWritable("virDomainGetXMLDesc");
        }
        return conn.hv("virDomainGetXMLDesc", d -> d.domainGetXMLDesc(ref, mask));
    }

    @Override
    public boolean isActive() {
        return conn.hv("virDomainIsActive", d -> d.domainIsActive(ref));
    }

    @Override
    public boolean isPersistent() {
        return conn.hv("virDomainIsPersistent", d -> d.domainIsPersistent(ref));
    }

    @Override
    public boolean isUpdated() {
        return conn.hv("virDomainIsUpdated", d -> d.domainIsUpdated(ref));
    }

    @Override
    public void create(DomainCreateFlag... flags) {
        conn.checkWritable("virDomainCreateWithFlags");
        int mask = mask(flags);
        DomainRef started = conn.hv("virDomainCreateWithFlags", d -> d.domainCreateWithFlags(ref, mask));
        if (started != null) {
            ref = started;
        }
    }

    @Override
    public void destroy(DomainDestroyFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainDestroyFlags", d -> d.domainDestroyFlags(ref, mask));
        ref = new DomainRef(ref.name(), ref.uuid(), -1);
    }

    @Override
    public void shutdown(DomainShutdownFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainShutdownFlags", d -> d.domainShutdownFlags(ref, mask));
    }

    @Override
    public void reboot(DomainShutdownFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainReboot", d -> d.domainReboot(ref, mask));
    }

    @Override
    public void suspend() {
        conn.hvMutate("virDomainSuspend", d -> d.domainSuspend(ref));
    }

    @Override
    public void resume() {
        conn.hvMutate("virDomainResume", d -> d.domainResume(ref));
    }

    @Override
    public void undefine(DomainUndefineFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainUndefineFlags", d -> d.domainUndefineFlags(ref, mask));
    }

    @Override
    public boolean getAutostart() {
        return conn.hv("virDomainGetAutostart", d -> d.domainGetAutostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        conn.hvMutate("virDomainSetAutostart", d -> d.domainSetAutostart(ref, autostart));
    }

    @Override
    public long getMaxMemory() {
        return conn.hv("virDomainGetMaxMemory", d -> d.domainGetMaxMemory(ref));
    }

    @Override
    public void setMemory(long kib, DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainSetMemoryFlags", d -> d.domainSetMemoryFlags(ref, kib, mask));
    }

    @Override
    public void setMaxMemory(long kib) {
        conn.hvMutate("virDomainSetMaxMemory", d -> d.domainSetMaxMemory(ref, kib));
    }

    @Override
    public void setVcpus(int count, DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainSetVcpusFlags", d -> d.domainSetVcpusFlags(ref, count, mask));
    }

    @Override
    public void attachDevice(String xml, DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainAttachDeviceFlags", d -> d.domainAttachDeviceFlags(ref, xml, mask));
    }

    @Override
    public void detachDevice(String xml, DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainDetachDeviceFlags", d -> d.domainDetachDeviceFlags(ref, xml, mask));
    }

    @Override
    public int getMaxVcpus() {
        return conn.hv("virDomainGetMaxVcpus", d -> d.domainGetMaxVcpus(ref));
    }

    @Override
    public int getVcpusFlags(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetVcpusFlags", d -> d.domainGetVcpusFlags(ref, mask));
    }

    @Override
    public SecurityLabel getSecurityLabel() {
        return conn.hv("virDomainGetSecurityLabel", d -> d.domainGetSecurityLabel(ref));
    }

    @Override
    public String getHostname() {
        return conn.hv("virDomainGetHostname", d -> d.domainGetHostname(ref, 0));
    }

    @Override
    public String getMetadata(DomainMetadataType type, String uri, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetMetadata", d -> d.domainGetMetadata(ref, type.value(), uri, mask));
    }

    @Override
    public void setMetadata(DomainMetadataType type, String metadata, String key, String uri,
            DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainSetMetadata", d -> d.domainSetMetadata(ref, type.value(), metadata, key, uri, mask));
    }

    @Override
    public void reset() {
        conn.hvMutate("virDomainReset", d -> d.domainReset(ref, 0));
    }

    @Override
    public void injectNMI() {
        conn.hvMutate("virDomainInjectNMI", d -> d.domainInjectNMI(ref, 0));
    }

    @Override
    public void sendKey(int codeset, int holdtimeMs, int[] keycodes) {
        int[] keys = keycodes.clone();
        conn.hvMutate("virDomainSendKey", d -> d.domainSendKey(ref, codeset, holdtimeMs, keys, 0));
    }

    @Override
    public void sendProcessSignal(long pid, int signum) {
        conn.hvMutate("virDomainSendProcessSignal", d -> d.domainSendProcessSignal(ref, pid, signum, 0));
    }

    @Override
    public int fsFreeze(java.util.List<String> mountpoints) {
        conn.checkWritable("virDomainFSFreeze");
        return conn.hv("virDomainFSFreeze", d -> d.domainFSFreeze(ref, List.copyOf(mountpoints), 0));
    }

    @Override
    public int fsThaw(java.util.List<String> mountpoints) {
        conn.checkWritable("virDomainFSThaw");
        return conn.hv("virDomainFSThaw", d -> d.domainFSThaw(ref, List.copyOf(mountpoints), 0));
    }

    @Override
    public void fsTrim(String mountPoint, long minimumBytes) {
        conn.hvMutate("virDomainFSTrim", d -> d.domainFSTrim(ref, mountPoint, minimumBytes, 0));
    }

    @Override
    public void setUserPassword(String user, String password, boolean encrypted) {
        conn.hvMutate("virDomainSetUserPassword", d -> d.domainSetUserPassword(ref, user, password, encrypted ? 1 : 0));
    }

    @Override
    public void setLifecycleAction(DomainLifecycleType type, DomainLifecycleAction action,
            DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainSetLifecycleAction",
                d -> d.domainSetLifecycleAction(ref, type.value(), action.value(), mask));
    }

    @Override
    public DomainControlInfo getControlInfo() {
        return conn.hv("virDomainGetControlInfo", d -> d.domainGetControlInfo(ref, 0));
    }

    @Override
    public DomainTime getTime() {
        return conn.hv("virDomainGetTime", d -> d.domainGetTime(ref, 0));
    }

    @Override
    public void setTime(DomainTime time, boolean sync) {
        long s = time == null ? 0 : time.seconds();
        int ns = time == null ? 0 : time.nanoseconds();
        conn.hvMutate("virDomainSetTime", d -> d.domainSetTime(ref, s, ns, sync ? 1 : 0));
    }

    @Override
    public void rename(String newName) {
        conn.checkWritable("virDomainRename");
        DomainRef renamed = conn.hv("virDomainRename", d -> d.domainRename(ref, newName, 0));
        if (renamed != null) {
            ref = renamed;
        }
    }

    @Override
    public void coreDump(String to, DomainCoreDumpFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainCoreDump", d -> d.domainCoreDump(ref, to, mask));
    }

    @Override
    public String screenshot(io.jvirt.api.Stream stream, int screen) {
        StreamHandle st = conn.ownStream(stream, "virDomainScreenshot", "domain '" + ref.name() + "'");
        conn.checkWritable("virDomainScreenshot");
        return conn.hv("virDomainScreenshot", d -> d.domainScreenshot(ref, st, screen, 0));
    }

    @Override
    public String getSchedulerType() {
        return conn.hv("virDomainGetSchedulerType", d -> d.domainGetSchedulerType(ref));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getSchedulerParameters(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetSchedulerParametersFlags", d -> d.domainGetSchedulerParameters(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getMemoryParameters(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetMemoryParameters", d -> d.domainGetMemoryParameters(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getBlkioParameters(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetBlkioParameters", d -> d.domainGetBlkioParameters(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getNumaParameters(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetNumaParameters", d -> d.domainGetNumaParameters(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getPerfEvents(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetPerfEvents", d -> d.domainGetPerfEvents(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getInterfaceParameters(String device, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetInterfaceParameters", d -> d.domainGetInterfaceParameters(ref, device, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getBlockIoTune(String disk, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetBlockIoTune", d -> d.domainGetBlockIoTune(ref, disk, mask));
    }

    @Override
    public DomainSnapshot snapshot(String name) {
        return new DomainSnapshotHandle(conn, this, name);
    }

    @Override
    public DomainSnapshot snapshotCreateXML(String xml, DomainSnapshotCreateFlag... flags) {
        conn.checkWritable("virDomainSnapshotCreateXML");
        int mask = mask(flags);
        return snapshot(conn.hv("virDomainSnapshotCreateXML", d -> d.domainSnapshotCreateXML(ref, xml, mask)).name());
    }

    @Override
    public List<DomainSnapshot> listAllSnapshots(DomainSnapshotListFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainListAllSnapshots", d -> d.domainListAllSnapshots(ref, mask)).stream()
                .map(r -> snapshot(r.name())).toList();
    }

    @Override
    public int snapshotNum(DomainSnapshotListFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainSnapshotNum", d -> d.domainSnapshotNum(ref, mask));
    }

    @Override
    public DomainSnapshot snapshotLookupByName(String name) {
        return snapshot(conn.hv("virDomainSnapshotLookupByName", d -> d.domainSnapshotLookupByName(ref, name, 0)).name());
    }

    @Override
    public boolean hasCurrentSnapshot() {
        return conn.hv("virDomainHasCurrentSnapshot", d -> d.domainHasCurrentSnapshot(ref, 0));
    }

    @Override
    public DomainSnapshot snapshotCurrent() {
        return snapshot(conn.hv("virDomainSnapshotCurrent", d -> d.domainSnapshotCurrent(ref, 0)).name());
    }

    @Override
    public List<io.jvirt.api.VcpuInfo> getVcpus(int hostCpus) {
        return conn.hv("virDomainGetVcpus", d -> d.domainGetVcpus(ref, hostCpus));
    }

    @Override
    public List<java.util.BitSet> getVcpuPinInfo(int hostCpus, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetVcpuPinInfo", d -> d.domainGetVcpuPinInfo(ref, hostCpus, mask));
    }

    @Override
    public java.util.BitSet getEmulatorPinInfo(int hostCpus, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetEmulatorPinInfo", d -> d.domainGetEmulatorPinInfo(ref, hostCpus, mask));
    }

    @Override
    public io.jvirt.api.BlockInfo getBlockInfo(String disk) {
        return conn.hv("virDomainGetBlockInfo", d -> d.domainGetBlockInfo(ref, disk, 0));
    }

    @Override
    public List<io.jvirt.api.DiskError> getDiskErrors() {
        return conn.hv("virDomainGetDiskErrors", d -> d.domainGetDiskErrors(ref, 0));
    }

    @Override
    public List<io.jvirt.api.MemoryStat> memoryStats(int max) {
        return conn.hv("virDomainMemoryStats", d -> d.domainMemoryStats(ref, max, 0));
    }

    @Override
    public io.jvirt.api.DomainCheckpoint checkpoint(String name) {
        return new DomainCheckpointHandle(conn, this, name);
    }

    @Override
    public io.jvirt.api.DomainCheckpoint checkpointCreateXML(String xml, io.jvirt.api.DomainCheckpointCreateFlag... flags) {
        conn.checkWritable("virDomainCheckpointCreateXML");
        int mask = mask(flags);
        return checkpoint(conn.hv("virDomainCheckpointCreateXML",
                d -> d.domainCheckpointCreateXML(ref, xml, mask)).name());
    }

    @Override
    public List<io.jvirt.api.DomainCheckpoint> listAllCheckpoints(io.jvirt.api.DomainCheckpointListFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainListAllCheckpoints", d -> d.domainListAllCheckpoints(ref, mask)).stream()
                .map(r -> checkpoint(r.name())).toList();
    }

    @Override
    public io.jvirt.api.DomainCheckpoint checkpointLookupByName(String name) {
        return checkpoint(conn.hv("virDomainCheckpointLookupByName",
                d -> d.domainCheckpointLookupByName(ref, name, 0)).name());
    }

    @Override
    public List<io.jvirt.api.IOThreadInfo> getIOThreadInfo(int hostCpus, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return conn.hv("virDomainGetIOThreadInfo", d -> d.domainGetIOThreadInfo(ref, hostCpus, mask));
    }

    @Override
    public void addIOThread(int id, DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainAddIOThread", d -> d.domainAddIOThread(ref, id, mask));
    }

    @Override
    public void delIOThread(int id, DomainModificationFlag... flags) {
        int mask = mask(flags);
        conn.hvMutate("virDomainDelIOThread", d -> d.domainDelIOThread(ref, id, mask));
    }

    @Override
    public void pinIOThread(int id, java.util.BitSet cpus, DomainModificationFlag... flags) {
        int mask = mask(flags);
        java.util.BitSet copy = (java.util.BitSet) cpus.clone();
        conn.hvMutate("virDomainPinIOThread", d -> d.domainPinIOThread(ref, id, copy, mask));
    }

    @Override
    public void setIOThreadParams(int id, List<io.jvirt.api.TypedParameter> params, DomainModificationFlag... flags) {
        int mask = mask(flags);
        List<io.jvirt.api.TypedParameter> copy = List.copyOf(params);
        conn.hvMutate("virDomainSetIOThreadParams", d -> d.domainSetIOThreadParams(ref, id, copy, mask));
    }

    @Override
    public List<io.jvirt.api.DomainInterfaceAddresses> interfaceAddresses(int source) {
        return conn.hv("virDomainInterfaceAddresses", d -> d.domainInterfaceAddresses(ref, source, 0));
    }

    @Override
    public List<io.jvirt.api.DomainFSInfo> getFSInfo() {
        conn.checkWritable("virDomainGetFSInfo");
        return conn.hv("virDomainGetFSInfo", d -> d.domainGetFSInfo(ref, 0));
    }

    @Override
    public io.jvirt.api.BlockStats blockStats(String disk) {
        return conn.hv("virDomainBlockStats", d -> d.domainBlockStats(ref, disk));
    }

    @Override
    public io.jvirt.api.InterfaceStats interfaceStats(String device) {
        return conn.hv("virDomainInterfaceStats", d -> d.domainInterfaceStats(ref, device));
    }

    @Override
    public int getCPUStatsCount() {
        return conn.hv("virDomainGetCPUStats", d -> d.domainGetCPUStatsCount(ref, 0));
    }

    @Override
    public List<List<io.jvirt.api.TypedParameter>> getCPUStats(int startCpu, int ncpus) {
        return conn.hv("virDomainGetCPUStats", d -> d.domainGetCPUStats(ref, startCpu, ncpus, 0));
    }

    @Override
    public void managedSave() {
        conn.hvMutate("virDomainManagedSave", d -> d.domainManagedSave(ref, 0));
    }

    @Override
    public boolean hasManagedSaveImage() {
        return conn.hv("virDomainHasManagedSaveImage", d -> d.domainHasManagedSaveImage(ref, 0));
    }

    @Override
    public void managedSaveRemove() {
        conn.hvMutate("virDomainManagedSaveRemove", d -> d.domainManagedSaveRemove(ref, 0));
    }

    @Override
    public void save(String path) {
        conn.hvMutate("virDomainSave", d -> d.domainSave(ref, path));
    }

    @Override
    public String toString() {
        return "Domain[" + ref.name() + ", " + ref.uuid() + ", id " + ref.id() + "]";
    }
}
