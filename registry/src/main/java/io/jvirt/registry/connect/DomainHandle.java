package io.jvirt.registry.connect;

import java.util.List;
import java.util.UUID;

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
import io.jvirt.spi.HypervisorDriver;

/**
 * A domain handle: name, UUID and the ID of the current activation, as {@code virDomainPtr}
 * caches them. The ID is refreshed by {@link #create} and cleared by {@link #destroy}, as libvirt does.
 */
final class DomainHandle extends Handle<HypervisorDriver> implements Domain {
    private volatile DomainRef ref;

    DomainHandle(ManagedConnection conn, DomainRef ref) {
        super(conn, DriverKind.HYPERVISOR);
        this.ref = ref;
    }

    DomainRef ref() {
        return ref;
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
        return call("virDomainGetOSType", d -> d.domainGetOSType(ref));
    }

    @Override
    public DomainInfo getInfo() {
        return call("virDomainGetInfo", d -> d.domainGetInfo(ref));
    }

    @Override
    public DomainStateReason getState() {
        return call("virDomainGetState", d -> d.domainGetState(ref, 0));
    }

    @Override
    public String getXMLDesc(DomainXMLFlag... flags) {
        int mask = mask(flags);
        if ((mask & (DomainXMLFlag.SECURE.bit() | DomainXMLFlag.MIGRATABLE.bit())) != 0) {
            conn.checkSecureFlag("virDomainGetXMLDesc");
        }
        return call("virDomainGetXMLDesc", d -> d.domainGetXMLDesc(ref, mask));
    }

    @Override
    public boolean isActive() {
        return call("virDomainIsActive", d -> d.domainIsActive(ref));
    }

    @Override
    public boolean isPersistent() {
        return call("virDomainIsPersistent", d -> d.domainIsPersistent(ref));
    }

    @Override
    public boolean isUpdated() {
        return call("virDomainIsUpdated", d -> d.domainIsUpdated(ref));
    }

    @Override
    public void create(DomainCreateFlag... flags) {
        conn.checkWritable("virDomainCreateWithFlags");
        int mask = mask(flags);
        DomainRef started = call("virDomainCreateWithFlags", d -> d.domainCreateWithFlags(ref, mask));
        if (started != null) {
            ref = started;
        }
    }

    @Override
    public void destroy(DomainDestroyFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainDestroyFlags", d -> d.domainDestroyFlags(ref, mask));
        ref = new DomainRef(ref.name(), ref.uuid(), -1);
    }

    @Override
    public void shutdown(DomainShutdownFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainShutdownFlags", d -> d.domainShutdownFlags(ref, mask));
    }

    @Override
    public void reboot(DomainShutdownFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainReboot", d -> d.domainReboot(ref, mask));
    }

    @Override
    public void suspend() {
        mutate("virDomainSuspend", d -> d.domainSuspend(ref));
    }

    @Override
    public void resume() {
        mutate("virDomainResume", d -> d.domainResume(ref));
    }

    @Override
    public void undefine(DomainUndefineFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainUndefineFlags", d -> d.domainUndefineFlags(ref, mask));
    }

    @Override
    public boolean getAutostart() {
        return call("virDomainGetAutostart", d -> d.domainGetAutostart(ref));
    }

    @Override
    public void setAutostart(boolean autostart) {
        mutate("virDomainSetAutostart", d -> d.domainSetAutostart(ref, autostart));
    }

    @Override
    public long getMaxMemory() {
        return call("virDomainGetMaxMemory", d -> d.domainGetMaxMemory(ref));
    }

    @Override
    public void setMemory(long kib, DomainModificationFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainSetMemoryFlags", d -> d.domainSetMemoryFlags(ref, kib, mask));
    }

    @Override
    public void setMaxMemory(long kib) {
        mutate("virDomainSetMaxMemory", d -> d.domainSetMaxMemory(ref, kib));
    }

    @Override
    public void setVcpus(int count, DomainModificationFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainSetVcpusFlags", d -> d.domainSetVcpusFlags(ref, count, mask));
    }

    @Override
    public void attachDevice(String xml, DomainModificationFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainAttachDeviceFlags", d -> d.domainAttachDeviceFlags(ref, xml, mask));
    }

    @Override
    public void detachDevice(String xml, DomainModificationFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainDetachDeviceFlags", d -> d.domainDetachDeviceFlags(ref, xml, mask));
    }

    @Override
    public int getMaxVcpus() {
        return call("virDomainGetMaxVcpus", d -> d.domainGetMaxVcpus(ref));
    }

    @Override
    public int getVcpusFlags(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetVcpusFlags", d -> d.domainGetVcpusFlags(ref, mask));
    }

    @Override
    public SecurityLabel getSecurityLabel() {
        return call("virDomainGetSecurityLabel", d -> d.domainGetSecurityLabel(ref));
    }

    @Override
    public java.util.List<String> getMessages(io.jvirt.api.DomainMessageType... types) {
        int mask = mask(types);
        return call("virDomainGetMessages", d -> d.domainGetMessages(ref, mask));
    }

    @Override
    public String getHostname() {
        return call("virDomainGetHostname", d -> d.domainGetHostname(ref, 0));
    }

    @Override
    public String getMetadata(DomainMetadataType type, String uri, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetMetadata", d -> d.domainGetMetadata(ref, type.value(), uri, mask));
    }

    @Override
    public void setMetadata(DomainMetadataType type, String metadata, String key, String uri,
            DomainModificationFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainSetMetadata", d -> d.domainSetMetadata(ref, type.value(), metadata, key, uri, mask));
    }

    @Override
    public void reset() {
        mutate("virDomainReset", d -> d.domainReset(ref, 0));
    }

    @Override
    public void injectNMI() {
        mutate("virDomainInjectNMI", d -> d.domainInjectNMI(ref, 0));
    }

    @Override
    public void sendKey(int codeset, int holdtimeMs, int[] keycodes) {
        int[] keys = keycodes.clone();
        mutate("virDomainSendKey", d -> d.domainSendKey(ref, codeset, holdtimeMs, keys, 0));
    }

    @Override
    public void sendProcessSignal(long pid, int signum) {
        mutate("virDomainSendProcessSignal", d -> d.domainSendProcessSignal(ref, pid, signum, 0));
    }

    @Override
    public int fsFreeze(java.util.List<String> mountpoints) {
        conn.checkWritable("virDomainFSFreeze");
        return call("virDomainFSFreeze", d -> d.domainFSFreeze(ref, List.copyOf(mountpoints), 0));
    }

    @Override
    public int fsThaw(java.util.List<String> mountpoints) {
        conn.checkWritable("virDomainFSThaw");
        return call("virDomainFSThaw", d -> d.domainFSThaw(ref, List.copyOf(mountpoints), 0));
    }

    @Override
    public void fsTrim(String mountPoint, long minimumBytes) {
        mutate("virDomainFSTrim", d -> d.domainFSTrim(ref, mountPoint, minimumBytes, 0));
    }

    @Override
    public void setUserPassword(String user, String password, boolean encrypted) {
        mutate("virDomainSetUserPassword", d -> d.domainSetUserPassword(ref, user, password, encrypted ? 1 : 0));
    }

    @Override
    public void setLifecycleAction(DomainLifecycleType type, DomainLifecycleAction action,
            DomainModificationFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainSetLifecycleAction",
                d -> d.domainSetLifecycleAction(ref, type.value(), action.value(), mask));
    }

    @Override
    public DomainControlInfo getControlInfo() {
        return call("virDomainGetControlInfo", d -> d.domainGetControlInfo(ref, 0));
    }

    @Override
    public DomainTime getTime() {
        return call("virDomainGetTime", d -> d.domainGetTime(ref, 0));
    }

    @Override
    public void setTime(DomainTime time, boolean sync) {
        long s = time == null ? 0 : time.seconds();
        int ns = time == null ? 0 : time.nanoseconds();
        mutate("virDomainSetTime", d -> d.domainSetTime(ref, s, ns, sync ? 1 : 0));
    }

    @Override
    public void rename(String newName) {
        conn.checkWritable("virDomainRename");
        DomainRef renamed = call("virDomainRename", d -> d.domainRename(ref, newName, 0));
        if (renamed != null) {
            ref = renamed;
        }
    }

    @Override
    public void coreDump(String to, DomainCoreDumpFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainCoreDump", d -> d.domainCoreDump(ref, to, mask));
    }

    @Override
    public String screenshot(io.jvirt.api.Stream stream, int screen) {
        StreamHandle st = conn.ownStream(stream, "virDomainScreenshot", "domain '" + ref.name() + "'");
        conn.checkWritable("virDomainScreenshot");
        return call("virDomainScreenshot", d -> d.domainScreenshot(ref, st, screen, 0));
    }

    @Override
    public void openConsole(String devName, io.jvirt.api.Stream stream, io.jvirt.api.DomainConsoleFlag... flags) {
        StreamHandle st = conn.ownStream(stream, "virDomainOpenConsole", "domain '" + ref.name() + "'");
        conn.checkWritable("virDomainOpenConsole");
        int mask = mask(flags);
        call("virDomainOpenConsole", d -> {
            d.domainOpenConsole(ref, devName, st, mask);
            return null;
        });
    }

    @Override
    public void openChannel(String name, io.jvirt.api.Stream stream, io.jvirt.api.DomainChannelFlag... flags) {
        StreamHandle st = conn.ownStream(stream, "virDomainOpenChannel", "domain '" + ref.name() + "'");
        conn.checkWritable("virDomainOpenChannel");
        int mask = mask(flags);
        call("virDomainOpenChannel", d -> {
            d.domainOpenChannel(ref, name, st, mask);
            return null;
        });
    }

    @Override
    public String getSchedulerType() {
        return call("virDomainGetSchedulerType", d -> d.domainGetSchedulerType(ref));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getSchedulerParameters(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetSchedulerParametersFlags", d -> d.domainGetSchedulerParameters(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getMemoryParameters(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetMemoryParameters", d -> d.domainGetMemoryParameters(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getBlkioParameters(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetBlkioParameters", d -> d.domainGetBlkioParameters(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getNumaParameters(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetNumaParameters", d -> d.domainGetNumaParameters(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getPerfEvents(DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetPerfEvents", d -> d.domainGetPerfEvents(ref, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getInterfaceParameters(String device, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetInterfaceParameters", d -> d.domainGetInterfaceParameters(ref, device, mask));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> getBlockIoTune(String disk, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetBlockIoTune", d -> d.domainGetBlockIoTune(ref, disk, mask));
    }

    @Override
    public DomainSnapshot snapshot(String name) {
        return new DomainSnapshotHandle(conn, this, name);
    }

    @Override
    public DomainSnapshot snapshotCreateXML(String xml, DomainSnapshotCreateFlag... flags) {
        conn.checkWritable("virDomainSnapshotCreateXML");
        int mask = mask(flags);
        return snapshot(call("virDomainSnapshotCreateXML", d -> d.domainSnapshotCreateXML(ref, xml, mask)).name());
    }

    @Override
    public List<DomainSnapshot> listAllSnapshots(DomainSnapshotListFlag... flags) {
        int mask = mask(flags);
        return call("virDomainListAllSnapshots", d -> d.domainListAllSnapshots(ref, mask)).stream()
                .map(r -> snapshot(r.name())).toList();
    }

    @Override
    public int snapshotNum(DomainSnapshotListFlag... flags) {
        int mask = mask(flags);
        return call("virDomainSnapshotNum", d -> d.domainSnapshotNum(ref, mask));
    }

    @Override
    public DomainSnapshot snapshotLookupByName(String name) {
        return snapshot(call("virDomainSnapshotLookupByName", d -> d.domainSnapshotLookupByName(ref, name, 0)).name());
    }

    @Override
    public boolean hasCurrentSnapshot() {
        return call("virDomainHasCurrentSnapshot", d -> d.domainHasCurrentSnapshot(ref, 0));
    }

    @Override
    public DomainSnapshot snapshotCurrent() {
        return snapshot(call("virDomainSnapshotCurrent", d -> d.domainSnapshotCurrent(ref, 0)).name());
    }

    @Override
    public List<io.jvirt.api.VcpuInfo> getVcpus(int hostCpus) {
        return call("virDomainGetVcpus", d -> d.domainGetVcpus(ref, hostCpus));
    }

    @Override
    public List<java.util.BitSet> getVcpuPinInfo(int hostCpus, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetVcpuPinInfo", d -> d.domainGetVcpuPinInfo(ref, hostCpus, mask));
    }

    @Override
    public java.util.BitSet getEmulatorPinInfo(int hostCpus, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetEmulatorPinInfo", d -> d.domainGetEmulatorPinInfo(ref, hostCpus, mask));
    }

    @Override
    public io.jvirt.api.BlockInfo getBlockInfo(String disk) {
        return call("virDomainGetBlockInfo", d -> d.domainGetBlockInfo(ref, disk, 0));
    }

    @Override
    public List<io.jvirt.api.DiskError> getDiskErrors() {
        return call("virDomainGetDiskErrors", d -> d.domainGetDiskErrors(ref, 0));
    }

    @Override
    public List<io.jvirt.api.MemoryStat> memoryStats(int max) {
        return call("virDomainMemoryStats", d -> d.domainMemoryStats(ref, max, 0));
    }

    @Override
    public io.jvirt.api.DomainCheckpoint checkpoint(String name) {
        return new DomainCheckpointHandle(conn, this, name);
    }

    @Override
    public io.jvirt.api.DomainCheckpoint checkpointCreateXML(String xml, io.jvirt.api.DomainCheckpointCreateFlag... flags) {
        conn.checkWritable("virDomainCheckpointCreateXML");
        int mask = mask(flags);
        return checkpoint(call("virDomainCheckpointCreateXML",
                d -> d.domainCheckpointCreateXML(ref, xml, mask)).name());
    }

    @Override
    public List<io.jvirt.api.DomainCheckpoint> listAllCheckpoints(io.jvirt.api.DomainCheckpointListFlag... flags) {
        int mask = mask(flags);
        return call("virDomainListAllCheckpoints", d -> d.domainListAllCheckpoints(ref, mask)).stream()
                .map(r -> checkpoint(r.name())).toList();
    }

    @Override
    public io.jvirt.api.DomainCheckpoint checkpointLookupByName(String name) {
        return checkpoint(call("virDomainCheckpointLookupByName",
                d -> d.domainCheckpointLookupByName(ref, name, 0)).name());
    }

    @Override
    public List<io.jvirt.api.IOThreadInfo> getIOThreadInfo(int hostCpus, DomainModificationFlag... flags) {
        int mask = mask(flags);
        return call("virDomainGetIOThreadInfo", d -> d.domainGetIOThreadInfo(ref, hostCpus, mask));
    }

    @Override
    public void addIOThread(int id, DomainModificationFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainAddIOThread", d -> d.domainAddIOThread(ref, id, mask));
    }

    @Override
    public void delIOThread(int id, DomainModificationFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainDelIOThread", d -> d.domainDelIOThread(ref, id, mask));
    }

    @Override
    public void pinIOThread(int id, java.util.BitSet cpus, DomainModificationFlag... flags) {
        int mask = mask(flags);
        java.util.BitSet copy = (java.util.BitSet) cpus.clone();
        mutate("virDomainPinIOThread", d -> d.domainPinIOThread(ref, id, copy, mask));
    }

    @Override
    public void setIOThreadParams(int id, List<io.jvirt.api.TypedParameter> params, DomainModificationFlag... flags) {
        int mask = mask(flags);
        List<io.jvirt.api.TypedParameter> copy = List.copyOf(params);
        mutate("virDomainSetIOThreadParams", d -> d.domainSetIOThreadParams(ref, id, copy, mask));
    }

    @Override
    public List<io.jvirt.api.DomainInterfaceAddresses> interfaceAddresses(int source) {
        return call("virDomainInterfaceAddresses", d -> d.domainInterfaceAddresses(ref, source, 0));
    }

    @Override
    public List<io.jvirt.api.DomainFSInfo> getFSInfo() {
        conn.checkWritable("virDomainGetFSInfo");
        return call("virDomainGetFSInfo", d -> d.domainGetFSInfo(ref, 0));
    }

    @Override
    public io.jvirt.api.BlockStats blockStats(String disk) {
        return call("virDomainBlockStats", d -> d.domainBlockStats(ref, disk));
    }

    @Override
    public List<io.jvirt.api.TypedParameter> blockStatsFlags(String disk) {
        return call("virDomainBlockStatsFlags", d -> d.domainBlockStatsFlags(ref, disk, 0));
    }

    @Override
    public void setMemoryStatsPeriod(int seconds, io.jvirt.api.DomainModificationFlag... flags) {
        int mask = mask(flags);
        mutate("virDomainSetMemoryStatsPeriod", d -> d.domainSetMemoryStatsPeriod(ref, seconds, mask));
    }

    @Override
    public io.jvirt.api.InterfaceStats interfaceStats(String device) {
        return call("virDomainInterfaceStats", d -> d.domainInterfaceStats(ref, device));
    }

    @Override
    public int getCPUStatsCount() {
        return call("virDomainGetCPUStats", d -> d.domainGetCPUStatsCount(ref, 0));
    }

    @Override
    public List<List<io.jvirt.api.TypedParameter>> getCPUStats(int startCpu, int ncpus) {
        return call("virDomainGetCPUStats", d -> d.domainGetCPUStats(ref, startCpu, ncpus, 0));
    }

    @Override
    public void managedSave() {
        mutate("virDomainManagedSave", d -> d.domainManagedSave(ref, 0));
    }

    @Override
    public boolean hasManagedSaveImage() {
        return call("virDomainHasManagedSaveImage", d -> d.domainHasManagedSaveImage(ref, 0));
    }

    @Override
    public void managedSaveRemove() {
        mutate("virDomainManagedSaveRemove", d -> d.domainManagedSaveRemove(ref, 0));
    }

    @Override
    public void save(String path) {
        mutate("virDomainSave", d -> d.domainSave(ref, path));
    }

    @Override
    public String toString() {
        return "Domain[" + ref.name() + ", " + ref.uuid() + ", id " + ref.id() + "]";
    }
}
