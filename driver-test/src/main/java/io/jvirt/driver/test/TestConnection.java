package io.jvirt.driver.test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NodeInfo;
import io.jvirt.api.SecurityLabel;
import io.jvirt.api.SecurityModel;
import io.jvirt.conf.capabilities.TestDriverCapabilities;
import io.jvirt.driver.test.domain.Domains;
import io.jvirt.driver.test.state.Errors;
import io.jvirt.driver.test.state.TestState;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.DomainSnapshotRef;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NetworkDriver;
import io.jvirt.spi.StorageDriver;

/** One open test driver connection: a view of a {@link TestState} (shared or private). */
final class TestConnection implements HypervisorDriver {
    private final TestState state;
    private final Domains domains;
    private final Consumer<TestState> onClose;
    private final NetworkDriver networks;
    private final StorageDriver storage;
    private final NWFilterDriver nwfilters;
    private final io.jvirt.spi.InterfaceDriver interfaces;

    TestConnection(TestState state, Consumer<TestState> onClose) {
        this.state = state;
        this.domains = state.domains();
        this.onClose = onClose;
        this.networks = state.networks().driver(this);
        this.storage = state.pools().driver(this);
        this.nwfilters = state.nwfilters().driver();
        this.interfaces = state.interfaces().driver();
    }

    TestState state() {
        return state;
    }

    @Override
    public void connectClose() {
        domains.events().deregisterAll(this);
        state.networks().events().deregisterAll(this);
        state.pools().events().deregisterAll(this);
        state.nodeDevices().deregisterAll(this);
        onClose.accept(state);
    }

    /** As libvirt's test driver: its own secondary drivers only, never the platform's (no secrets). */
    @Override
    public boolean connectUsesSharedDrivers() {
        return false;
    }

    @Override
    public Optional<NetworkDriver> networkDriver() {
        return Optional.of(networks);
    }

    @Override
    public Optional<StorageDriver> storageDriver() {
        return Optional.of(storage);
    }

    @Override
    public Optional<io.jvirt.spi.InterfaceDriver> interfaceDriver() {
        return Optional.of(interfaces);
    }

    @Override
    public Optional<io.jvirt.spi.NodeDeviceDriver> nodeDeviceDriver() {
        return Optional.of(state.nodeDevices().driver(this));
    }

    @Override
    public Optional<NWFilterDriver> nwfilterDriver() {
        return Optional.of(nwfilters);
    }

    @Override
    public int connectDomainEventRegisterAny(DomainRef domain, int eventId, DomainEventSink sink) {
        if (eventId < 0 || eventId >= DomainEventId.values().length) {
            throw Errors.invalidArg(ErrorDomain.TEST, "unsupported event ID " + eventId);
        }
        return domains.events().register(this, domain == null ? null : domain.uuid(), eventId, sink);
    }

    @Override
    public void connectDomainEventDeregisterAny(int callbackId) {
        domains.events().deregister(this, callbackId);
    }

    // ---------------------------------------------------------------- host

    @Override
    public String connectGetType() {
        return "TEST";
    }

    @Override
    public long connectGetVersion() {
        return 2;
    }

    @Override
    public String connectGetHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String connectGetCapabilities() {
        return TestDriverCapabilities.create().format();
    }

    @Override
    public NodeInfo nodeGetInfo() {
        return state.node();
    }

    @Override
    public int connectGetMaxVcpus(String type) {
        return 32;
    }

    @Override
    public SecurityModel nodeGetSecurityModel() {
        return new SecurityModel("testSecurity", "");
    }

    /** As libvirt's test driver: the node's memory in KiB, reported as if it were bytes (freecell: 3072 KiB). */
    @Override
    public long nodeGetFreeMemory() {
        return state.node().memoryKiB();
    }

    @Override
    public List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        int cells = TestDriverCapabilities.CELLS;
        if (startCell < 0 || startCell >= cells) {
            throw Errors.invalidArg(ErrorDomain.TEST, "Range exceeds available cells");
        }
        List<Long> out = new java.util.ArrayList<>();
        for (int i = startCell; i < cells && out.size() < maxCells; i++) {
            out.add(TestDriverCapabilities.cellMemoryKiB(i)); // KiB as bytes, as libvirt's test driver
        }
        return out;
    }

    /** 8 CPUs of which 0, 2 and 4 are online (virsh -c test:///default nodecpumap: y-y-y---). */
    @Override
    public io.jvirt.api.NodeCPUMap nodeGetCPUMap(int flags) {
        Errors.checkFlags(flags, 0, "testNodeGetCPUMap");
        java.util.BitSet online = new java.util.BitSet(8);
        online.set(0);
        online.set(2);
        online.set(4);
        return new io.jvirt.api.NodeCPUMap(8, online, 3);
    }

    /** The SMBIOS data libvirt's test driver reports (virsh -c test:///default sysinfo). */
    @Override
    public String connectGetSysinfo(int flags) {
        Errors.checkFlags(flags, 0, "testConnectGetSysinfo");
        return SYSINFO;
    }

    private static final String SYSINFO = """
            <sysinfo type='smbios'>
              <bios>
                <entry name='vendor'>LENOVO</entry>
                <entry name='version'>G4ETA1WW (2.61 )</entry>
                <entry name='date'>05/07/2014</entry>
                <entry name='release'>2.61</entry>
              </bios>
            </sysinfo>
            """;

    // ---------------------------------------------------------------- domains

    @Override
    public List<DomainRef> connectListAllDomains(int flags) {
        return domains.listAll(flags);
    }

    @Override
    public int connectNumOfDomains() {
        return domains.numOfActive();
    }

    @Override
    public int connectNumOfDefinedDomains() {
        return domains.numOfInactive();
    }

    @Override
    public DomainRef domainLookupByName(String name) {
        return domains.lookupByName(name);
    }

    @Override
    public DomainRef domainLookupByUUID(UUID uuid) {
        return domains.lookupByUUID(uuid);
    }

    @Override
    public DomainRef domainLookupByID(int id) {
        return domains.lookupByID(id);
    }

    @Override
    public DomainRef domainDefineXMLFlags(String xml, int flags) {
        return domains.defineXML(xml, flags);
    }

    @Override
    public DomainRef domainCreateXML(String xml, int flags) {
        return domains.createXML(xml, flags);
    }

    @Override
    public void domainRestore(String path) {
        domains.restore(path);
    }

    @Override
    public String domainGetOSType(DomainRef dom) {
        domains.isActive(dom); // the domain must exist
        return "linux";
    }

    @Override
    public DomainInfo domainGetInfo(DomainRef dom) {
        return domains.info(dom);
    }

    @Override
    public DomainStateReason domainGetState(DomainRef dom, int flags) {
        return domains.state(dom, flags);
    }

    @Override
    public String domainGetXMLDesc(DomainRef dom, int flags) {
        return domains.xmlDesc(dom, flags);
    }

    @Override
    public boolean domainIsActive(DomainRef dom) {
        return domains.isActive(dom);
    }

    @Override
    public boolean domainIsUpdated(DomainRef dom) {
        return false; // libvirt's test driver answers 0 for any domain, without a lookup
    }

    @Override
    public boolean domainIsPersistent(DomainRef dom) {
        return domains.isPersistent(dom);
    }

    @Override
    public boolean domainGetAutostart(DomainRef dom) {
        return domains.getAutostart(dom);
    }

    @Override
    public void domainSetAutostart(DomainRef dom, boolean autostart) {
        domains.setAutostart(dom, autostart);
    }

    @Override
    public long domainGetMaxMemory(DomainRef dom) {
        return domains.getMaxMemory(dom);
    }

    @Override
    public void domainSetMemoryFlags(DomainRef dom, long kib, int flags) {
        domains.setMemoryFlags(dom, kib, flags);
    }

    @Override
    public void domainSetMaxMemory(DomainRef dom, long kib) {
        domains.setMaxMemory(dom, kib);
    }

    @Override
    public void domainSetVcpusFlags(DomainRef dom, int count, int flags) {
        domains.setVcpusFlags(dom, count, flags);
    }

    @Override
    public int domainGetMaxVcpus(DomainRef dom) {
        return domains.getMaxVcpus(dom);
    }

    @Override
    public int domainGetVcpusFlags(DomainRef dom, int flags) {
        return domains.getVcpusFlags(dom, flags);
    }

    @Override
    public SecurityLabel domainGetSecurityLabel(DomainRef dom) {
        return domains.securityLabel(dom);
    }

    @Override
    public String domainGetHostname(DomainRef dom, int flags) {
        return domains.hostname(dom, flags);
    }

    @Override
    public String domainGetMetadata(DomainRef dom, int type, String uri, int flags) {
        return domains.getMetadata(dom, type, uri, flags);
    }

    @Override
    public void domainSetMetadata(DomainRef dom, int type, String metadata, String key, String uri, int flags) {
        domains.setMetadata(dom, type, metadata, key, uri, flags);
    }

    @Override
    public void domainReset(DomainRef dom, int flags) {
        domains.reset(dom, flags);
    }

    @Override
    public void domainInjectNMI(DomainRef dom, int flags) {
        domains.injectNMI(dom, flags);
    }

    @Override
    public void domainSendKey(DomainRef dom, int codeset, int holdtime, int[] keycodes, int flags) {
        domains.sendKey(dom, codeset, holdtime, keycodes, flags);
    }

    @Override
    public void domainSendProcessSignal(DomainRef dom, long pid, int signum, int flags) {
        domains.sendProcessSignal(dom, pid, signum, flags);
    }

    @Override
    public int domainFSFreeze(DomainRef dom, List<String> mountpoints, int flags) {
        return domains.fsFreeze(dom, mountpoints, flags);
    }

    @Override
    public int domainFSThaw(DomainRef dom, List<String> mountpoints, int flags) {
        return domains.fsThaw(dom, mountpoints, flags);
    }

    @Override
    public void domainFSTrim(DomainRef dom, String mountPoint, long minimum, int flags) {
        domains.fsTrim(dom, mountPoint, minimum, flags);
    }

    @Override
    public void domainSetUserPassword(DomainRef dom, String user, String password, int flags) {
        domains.setUserPassword(dom, user, password, flags);
    }

    @Override
    public void domainSetLifecycleAction(DomainRef dom, int type, int action, int flags) {
        domains.setLifecycleAction(dom, type, action, flags);
    }

    @Override
    public io.jvirt.api.DomainControlInfo domainGetControlInfo(DomainRef dom, int flags) {
        return domains.controlInfo(dom, flags);
    }

    @Override
    public io.jvirt.api.DomainTime domainGetTime(DomainRef dom, int flags) {
        return domains.time(dom, flags);
    }

    @Override
    public void domainSetTime(DomainRef dom, long seconds, int nseconds, int flags) {
        domains.setTime(dom, seconds, nseconds, flags);
    }

    @Override
    public DomainRef domainRename(DomainRef dom, String newName, int flags) {
        return domains.rename(dom, newName, flags);
    }

    /**
     * As libvirt's test driver: every screen of every domain, running or not, shows the same PNG
     * (virsh -c test:///default screenshot test --file x --screen 7 saves image/png).
     */
    @Override
    public String domainScreenshot(DomainRef dom, io.jvirt.spi.StreamRef stream, int screen, int flags) {
        Errors.checkFlags(flags, 0, "testDomainScreenshot");
        stream.bind(io.jvirt.spi.StreamDriver.reading(
                new java.io.ByteArrayInputStream(io.jvirt.driver.test.screen.TestScreen.png())));
        return io.jvirt.driver.test.screen.TestScreen.MIME;
    }

    @Override
    public void domainCoreDump(DomainRef dom, String to, int flags) {
        domains.coreDump(dom, to, flags);
    }

    @Override
    public String domainGetSchedulerType(DomainRef dom) {
        domains.isActive(dom);
        return "fair";
    }

    @Override
    public List<io.jvirt.api.TypedParameter> domainGetSchedulerParameters(DomainRef dom, int flags) {
        return domains.tunables(dom, "scheduler", null, flags);
    }

    @Override
    public List<io.jvirt.api.TypedParameter> domainGetMemoryParameters(DomainRef dom, int flags) {
        return domains.tunables(dom, "memory", null, flags);
    }

    @Override
    public List<io.jvirt.api.TypedParameter> domainGetBlkioParameters(DomainRef dom, int flags) {
        return domains.tunables(dom, "blkio", null, flags);
    }

    @Override
    public List<io.jvirt.api.TypedParameter> domainGetNumaParameters(DomainRef dom, int flags) {
        return domains.tunables(dom, "numa", null, flags);
    }

    @Override
    public List<io.jvirt.api.TypedParameter> domainGetPerfEvents(DomainRef dom, int flags) {
        return domains.tunables(dom, "perf", null, flags);
    }

    @Override
    public List<io.jvirt.api.TypedParameter> domainGetInterfaceParameters(DomainRef dom, String device, int flags) {
        return domains.tunables(dom, "interface", device, flags);
    }

    @Override
    public List<io.jvirt.api.TypedParameter> domainGetBlockIoTune(DomainRef dom, String disk, int flags) {
        return domains.tunables(dom, "blockiotune", disk, flags);
    }

    @Override
    public DomainSnapshotRef domainSnapshotCreateXML(DomainRef dom, String xml, int flags) {
        return domains.snapshotCreate(dom, xml, flags);
    }

    @Override
    public List<DomainSnapshotRef> domainListAllSnapshots(DomainRef dom, int flags) {
        return domains.listSnapshots(dom, flags);
    }

    @Override
    public int domainSnapshotNum(DomainRef dom, int flags) {
        return domains.listSnapshots(dom, flags).size();
    }

    @Override
    public DomainSnapshotRef domainSnapshotLookupByName(DomainRef dom, String name, int flags) {
        return domains.snapshotLookup(dom, name, flags);
    }

    @Override
    public boolean domainHasCurrentSnapshot(DomainRef dom, int flags) {
        return domains.hasCurrentSnapshot(dom, flags);
    }

    @Override
    public DomainSnapshotRef domainSnapshotCurrent(DomainRef dom, int flags) {
        return domains.currentSnapshot(dom, flags);
    }

    @Override
    public String domainSnapshotGetXMLDesc(DomainSnapshotRef snap, int flags) {
        return domains.snapshotXml(snap, flags);
    }

    @Override
    public DomainSnapshotRef domainSnapshotGetParent(DomainSnapshotRef snap, int flags) {
        return domains.snapshotParent(snap, flags);
    }

    @Override
    public boolean domainSnapshotIsCurrent(DomainSnapshotRef snap, int flags) {
        return domains.snapshotIsCurrent(snap, flags);
    }

    @Override
    public boolean domainSnapshotHasMetadata(DomainSnapshotRef snap, int flags) {
        return domains.snapshotHasMetadata(snap, flags);
    }

    @Override
    public int domainSnapshotNumChildren(DomainSnapshotRef snap, int flags) {
        return domains.snapshotChildren(snap, flags).size();
    }

    @Override
    public List<DomainSnapshotRef> domainSnapshotListAllChildren(DomainSnapshotRef snap, int flags) {
        return domains.snapshotChildren(snap, flags);
    }

    @Override
    public void domainRevertToSnapshot(DomainSnapshotRef snap, int flags) {
        domains.revert(snap, flags);
    }

    @Override
    public void domainSnapshotDelete(DomainSnapshotRef snap, int flags) {
        domains.snapshotDelete(snap, flags);
    }

    /** The host CPUs libvirt's test driver counts for vcpu placement: nodes x sockets x cores x threads. */
    private int hostCpus() {
        NodeInfo n = state.node();
        return n.nodes() * n.sockets() * n.cores() * n.threads();
    }

    @Override
    public List<io.jvirt.api.VcpuInfo> domainGetVcpus(DomainRef dom, int mapCpus) {
        List<io.jvirt.api.VcpuInfo> all = domains.vcpus(dom, hostCpus());
        return all.stream().map(v -> new io.jvirt.api.VcpuInfo(v.number(), v.state(), v.cpuTimeNs(), v.cpu(),
                v.affinity().get(0, Math.min(mapCpus, hostCpus())))).toList();
    }

    @Override
    public List<java.util.BitSet> domainGetVcpuPinInfo(DomainRef dom, int mapCpus, int flags) {
        return domains.vcpuPins(dom, Math.min(mapCpus, hostCpus()), flags);
    }

    @Override
    public java.util.BitSet domainGetEmulatorPinInfo(DomainRef dom, int mapCpus, int flags) {
        return domains.emulatorPin(dom, Math.min(mapCpus, hostCpus()), flags);
    }

    @Override
    public io.jvirt.api.BlockInfo domainGetBlockInfo(DomainRef dom, String disk, int flags) {
        return domains.blockInfo(dom, disk, flags);
    }

    @Override
    public List<io.jvirt.api.DiskError> domainGetDiskErrors(DomainRef dom, int flags) {
        return domains.diskErrors(dom, flags);
    }

    @Override
    public List<io.jvirt.api.MemoryStat> domainMemoryStats(DomainRef dom, int max, int flags) {
        return domains.memoryStats(dom, max, flags);
    }

    @Override
    public String domainSaveImageGetXMLDesc(String file, int flags) {
        return domains.saveImageXml(file, flags);
    }

    @Override
    public void domainSaveImageDefineXML(String file, String xml, int flags) {
        domains.saveImageDefine(file, xml, flags);
    }

    @Override
    public io.jvirt.spi.DomainCheckpointRef domainCheckpointCreateXML(DomainRef dom, String xml, int flags) {
        return domains.checkpointCreate(dom, xml, flags);
    }

    @Override
    public List<io.jvirt.spi.DomainCheckpointRef> domainListAllCheckpoints(DomainRef dom, int flags) {
        return domains.listCheckpoints(dom, flags);
    }

    @Override
    public io.jvirt.spi.DomainCheckpointRef domainCheckpointLookupByName(DomainRef dom, String name, int flags) {
        return domains.checkpointLookup(dom, name, flags);
    }

    @Override
    public String domainCheckpointGetXMLDesc(io.jvirt.spi.DomainCheckpointRef cp, int flags) {
        return domains.checkpointXml(cp, flags);
    }

    @Override
    public io.jvirt.spi.DomainCheckpointRef domainCheckpointGetParent(io.jvirt.spi.DomainCheckpointRef cp, int flags) {
        return domains.checkpointParent(cp, flags);
    }

    @Override
    public List<io.jvirt.spi.DomainCheckpointRef> domainCheckpointListAllChildren(io.jvirt.spi.DomainCheckpointRef cp,
            int flags) {
        return domains.checkpointChildren(cp, flags);
    }

    @Override
    public void domainCheckpointDelete(io.jvirt.spi.DomainCheckpointRef cp, int flags) {
        domains.checkpointDelete(cp, flags);
    }

    @Override
    public List<io.jvirt.api.IOThreadInfo> domainGetIOThreadInfo(DomainRef dom, int hostCpus, int flags) {
        return domains.ioThreads(dom, flags);
    }

    @Override
    public void domainAddIOThread(DomainRef dom, int id, int flags) {
        domains.ioThreadAdd(dom, id, flags);
    }

    @Override
    public void domainDelIOThread(DomainRef dom, int id, int flags) {
        domains.ioThreadDel(dom, id, flags);
    }

    @Override
    public void domainPinIOThread(DomainRef dom, int id, java.util.BitSet cpus, int flags) {
        domains.ioThreadPin(dom, id, cpus, flags);
    }

    @Override
    public void domainSetIOThreadParams(DomainRef dom, int id, List<io.jvirt.api.TypedParameter> params, int flags) {
        domains.ioThreadParams(dom, id, params, flags);
    }

    @Override
    public List<io.jvirt.api.DomainInterfaceAddresses> domainInterfaceAddresses(DomainRef dom, int source, int flags) {
        return domains.interfaceAddresses(dom, source, flags);
    }

    @Override
    public List<io.jvirt.api.DomainFSInfo> domainGetFSInfo(DomainRef dom, int flags) {
        return domains.fsInfo(dom, flags);
    }

    @Override
    public String connectBaselineCPU(List<String> xmlCPUs, int flags) {
        return io.jvirt.driver.test.cpu.CpuBaseline.baseline(xmlCPUs, flags);
    }

    /** libvirt's CPU map as the test driver reports it (virsh -c test:///default cpu-models ARCH). */
    @Override
    public List<String> connectGetCPUModelNames(String arch, int flags) {
        Errors.checkFlags(flags, 0, "testConnectGetCPUModelNames");
        switch (arch) {
            case "i686", "x86_64":
                return CpuModels.X86;
            case "ppc64", "ppc64le":
                return List.of("POWER6", "POWER7", "POWER8", "POWER9", "POWER10", "POWERPC_e5500", "POWERPC_e6500");
            case "armv7l", "aarch64", "s390x":
                return List.of(); // "all CPU models are accepted"
            default:
                try {
                    io.jvirt.conf.capabilities.Arch.fromXml(arch);
                } catch (RuntimeException unknown) {
                    throw Errors.invalidArg(ErrorDomain.TEST, "cannot find architecture " + arch);
                }
                throw Errors.of(io.jvirt.api.ErrorCode.NO_SUPPORT, ErrorDomain.TEST,
                        "this function is not supported by the connection driver: '" + arch
                                + "' architecture is not supported by CPU driver");
        }
    }

    @Override
    public io.jvirt.api.BlockStats domainBlockStats(DomainRef dom, String disk) {
        return domains.blockStats(dom, disk);
    }

    @Override
    public io.jvirt.api.InterfaceStats domainInterfaceStats(DomainRef dom, String device) {
        return domains.interfaceStats(dom, device);
    }

    /** The test driver's fixed CPU times, for any CPU (virsh -c test:///default nodecpustats). */
    @Override
    public java.util.Map<String, Long> nodeGetCPUStats(int cpu, int flags) {
        Errors.checkFlags(flags, 0, "testNodeGetCPUStats");
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("user", 9797400000L);
        m.put("kernel", 34678723400000L);
        m.put("idle", 87264900000L);
        m.put("iowait", 763600000L);
        return m;
    }

    @Override
    public int domainGetCPUStatsCount(DomainRef dom, int flags) {
        return domains.cpuStatsCount(dom);
    }

    @Override
    public List<List<io.jvirt.api.TypedParameter>> domainGetCPUStats(DomainRef dom, int startCpu, int ncpus, int flags) {
        return domains.cpuStats(dom, startCpu, ncpus, flags);
    }

    @Override
    public List<io.jvirt.spi.DomainStats> connectGetAllDomainStats(List<DomainRef> doms, int stats, int flags) {
        return domains.allStats(doms, stats, flags);
    }

    @Override
    public DomainRef domainCreateWithFlags(DomainRef dom, int flags) {
        return domains.create(dom, flags);
    }

    @Override
    public void domainDestroyFlags(DomainRef dom, int flags) {
        domains.destroy(dom, flags);
    }

    @Override
    public void domainShutdownFlags(DomainRef dom, int flags) {
        domains.shutdown(dom, flags);
    }

    @Override
    public void domainReboot(DomainRef dom, int flags) {
        domains.reboot(dom, flags);
    }

    @Override
    public void domainSuspend(DomainRef dom) {
        domains.suspend(dom);
    }

    @Override
    public void domainResume(DomainRef dom) {
        domains.resume(dom);
    }

    @Override
    public void domainUndefineFlags(DomainRef dom, int flags) {
        domains.undefine(dom, flags);
    }

    @Override
    public void domainSave(DomainRef dom, String path) {
        domains.save(dom, path);
    }

    @Override
    public void domainManagedSave(DomainRef dom, int flags) {
        domains.managedSave(dom, flags);
    }

    @Override
    public boolean domainHasManagedSaveImage(DomainRef dom, int flags) {
        return domains.hasManagedSave(dom, flags);
    }

    @Override
    public void domainManagedSaveRemove(DomainRef dom, int flags) {
        domains.managedSaveRemove(dom, flags);
    }
}
