package io.jvirt.driver.qemu;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;

import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainStateReason;
import io.jvirt.conf.capabilities.VirtType;
import io.jvirt.driver.qemu.caps.CapsDocuments;
import io.jvirt.driver.qemu.caps.QemuCaps;
import io.jvirt.driver.qemu.chardev.ChardevLookup;
import io.jvirt.driver.qemu.domain.QemuInstance;
import io.jvirt.driver.qemu.stats.QemuStats;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.HypervisorDriver;

/** One open connection to a {@link QemuInstance}; several connections share an instance. */
final class QemuConnection implements HypervisorDriver {
    private static final int XML_SECURE = 1;
    private static final int XML_INACTIVE = 2;
    private static final int CONSOLE_FORCE = 1;
    private static final int CONSOLE_SAFE = 2;
    private static final int CHANNEL_FORCE = 1;

    private final QemuInstance qemu;
    private final String uri;
    private final QemuStats stats;

    QemuConnection(QemuInstance qemu, String uri) {
        this.qemu = qemu;
        this.uri = uri;
        this.stats = new QemuStats(qemu);
    }

    QemuInstance instance() {
        return qemu;
    }

    /** The scope's secondary connections: volume disks are resolved through its storage driver. */
    private volatile io.jvirt.spi.SecondaryConnections secondaries;

    /** Kept here for volume disks, and by the instance for nwfilter bindings made outside this call. */
    @Override
    public void connectSetSecondaries(io.jvirt.spi.SecondaryConnections secondaries) {
        this.secondaries = secondaries;
        qemu.useSecondaries(this, secondaries);
    }

    @Override
    public void connectClose() {
        qemu.deregisterAll(this);
    }

    @Override
    public String connectGetURI() {
        return uri;
    }

    @Override
    public String connectGetType() {
        return "QEMU";
    }

    @Override
    public long connectGetVersion() {
        return qemu.caps().versionNumber();
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
        return CapsDocuments.capabilities(qemu.caps(), QemuInstance.kvmUsable() && qemu.caps().kvmSupported()).format();
    }

    @Override
    public String connectGetDomainCapabilities(String emulator, String arch, String machine, String virttype,
            int flags) {
        QemuErrors.checkFlags(flags, 0, "qemuConnectGetDomainCapabilities");
        QemuCaps caps = qemu.caps();
        boolean kvm = QemuInstance.kvmUsable() && caps.kvmSupported();
        if (emulator != null && !emulator.equals(caps.emulator())) {
            throw QemuErrors.unsupported("emulator '" + emulator + "' is not the one of this driver ("
                    + caps.emulator() + ")");
        }
        if (arch != null && !arch.equals("x86_64")) {
            throw QemuErrors.unsupported("Emulator '" + caps.emulator() + "' does not support arch '" + arch + "'");
        }
        VirtType type;
        if (virttype == null) {
            type = kvm ? VirtType.KVM : VirtType.QEMU; // libvirt prefers kvm when the host has it
        } else if (virttype.equals("kvm") || virttype.equals("qemu")) {
            type = VirtType.fromXml(virttype);
        } else {
            throw QemuErrors.invalidArg("unknown virttype: " + virttype);
        }
        if (type == VirtType.KVM && !kvm) {
            throw QemuErrors.invalidArg("Emulator '" + caps.emulator() + "' does not support virt type 'kvm'");
        }
        if (machine != null && caps.machine(machine).isEmpty()) {
            throw QemuErrors.unsupported("Emulator '" + caps.emulator() + "' does not support machine type '"
                    + machine + "'");
        }
        return CapsDocuments.domainCapabilities(caps, kvm, machine, type).format();
    }

    @Override
    public int connectGetMaxVcpus(String type) {
        return qemu.caps().defaultMachine().cpuMax();
    }

    @Override
    public int connectDomainEventRegisterAny(DomainRef domain, int eventId, DomainEventSink sink) {
        if (eventId != DomainEventId.LIFECYCLE.value() && eventId != DomainEventId.REBOOT.value()) {
            if (eventId < 0 || eventId > DomainEventId.MEMORY_DEVICE_SIZE_CHANGE.value()) {
                throw QemuErrors.invalidArg("unsupported event ID " + eventId);
            }
        }
        return qemu.register(this, domain == null ? null : domain.uuid(), eventId, sink);
    }

    @Override
    public void connectDomainEventDeregisterAny(int callbackId) {
        qemu.deregister(this, callbackId);
    }

    @Override
    public List<DomainRef> connectListAllDomains(int flags) {
        return qemu.listAll(flags);
    }

    @Override
    public int connectNumOfDomains() {
        return qemu.numActive();
    }

    @Override
    public int connectNumOfDefinedDomains() {
        return qemu.numInactive();
    }

    @Override
    public DomainRef domainLookupByName(String name) {
        return qemu.lookupByName(name);
    }

    @Override
    public DomainRef domainLookupByUUID(UUID uuid) {
        return qemu.lookupByUuid(uuid);
    }

    @Override
    public DomainRef domainLookupByID(int id) {
        return qemu.lookupById(id);
    }

    @Override
    public DomainRef domainDefineXMLFlags(String xml, int flags) {
        QemuErrors.checkFlags(flags, 1, "qemuDomainDefineXMLFlags");
        return qemu.define(xml);
    }

    @Override
    public DomainRef domainCreateXML(String xml, int flags) {
        QemuErrors.checkFlags(flags, 1 | 16, "qemuDomainCreateXML");
        return io.jvirt.driver.qemu.storage.VolumeDisks.as(secondaries, () -> qemu.createXML(xml, (flags & 1) != 0));
    }

    @Override
    public DomainRef domainCreateWithFlags(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 1, "qemuDomainCreateWithFlags");
        return io.jvirt.driver.qemu.storage.VolumeDisks.as(secondaries, () -> qemu.start(dom, flags));
    }

    @Override
    public String domainGetOSType(DomainRef dom) {
        return "hvm";
    }

    @Override
    public DomainInfo domainGetInfo(DomainRef dom) {
        return qemu.info(dom);
    }

    @Override
    public DomainStateReason domainGetState(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 0, "qemuDomainGetState");
        return qemu.state(dom);
    }

    @Override
    public String domainGetXMLDesc(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, XML_SECURE | XML_INACTIVE | 4 | 8, "qemuDomainGetXMLDesc");
        return qemu.xml(dom, (flags & XML_INACTIVE) != 0, (flags & XML_SECURE) != 0);
    }

    @Override
    public boolean domainIsActive(DomainRef dom) {
        return qemu.isActive(dom);
    }

    @Override
    public boolean domainIsPersistent(DomainRef dom) {
        return qemu.isPersistent(dom);
    }

    @Override
    public boolean domainGetAutostart(DomainRef dom) {
        return qemu.getAutostart(dom);
    }

    @Override
    public void domainSetAutostart(DomainRef dom, boolean autostart) {
        qemu.setAutostart(dom, autostart);
    }

    @Override
    public long domainGetMaxMemory(DomainRef dom) {
        return qemu.info(dom).maxMemKiB();
    }

    @Override
    public void domainAttachDeviceFlags(DomainRef dom, String xml, int flags) {
        QemuErrors.checkFlags(flags, 1 | 2, "qemuDomainAttachDeviceFlags");
        io.jvirt.driver.qemu.storage.VolumeDisks.as(secondaries, () -> {
            qemu.attachDevice(dom, xml, flags);
            return null;
        });
    }

    @Override
    public void domainDetachDeviceFlags(DomainRef dom, String xml, int flags) {
        QemuErrors.checkFlags(flags, 1 | 2, "qemuDomainDetachDeviceFlags");
        qemu.detachDevice(dom, xml, flags);
    }

    @Override
    public void domainSetMemoryFlags(DomainRef dom, long kib, int flags) {
        QemuErrors.checkFlags(flags, 1 | 2 | 4, "qemuDomainSetMemoryFlags");
        qemu.setMemory(dom, kib, flags);
    }

    @Override
    public void domainSetVcpusFlags(DomainRef dom, int count, int flags) {
        QemuErrors.checkFlags(flags, 1 | 2 | 4, "qemuDomainSetVcpusFlags");
        qemu.setVcpus(dom, count, flags);
    }

    @Override
    public int domainGetVcpusFlags(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 1 | 2 | 4, "qemuDomainGetVcpusFlags");
        return qemu.getVcpus(dom, flags);
    }

    @Override
    public int domainGetMaxVcpus(DomainRef dom) {
        return qemu.getVcpus(dom, 4);
    }

    @Override
    public void domainDestroyFlags(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 1, "qemuDomainDestroyFlags");
        qemu.destroy(dom, (flags & 1) != 0);
    }

    @Override
    public void domainShutdownFlags(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 1, "qemuDomainShutdownFlags");
        qemu.shutdown(dom);
    }

    @Override
    public void domainReboot(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 1, "qemuDomainReboot");
        qemu.reboot(dom);
    }

    @Override
    public void domainReset(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 0, "qemuDomainReset");
        qemu.reset(dom);
    }

    @Override
    public void domainSuspend(DomainRef dom) {
        qemu.suspend(dom);
    }

    @Override
    public void domainResume(DomainRef dom) {
        qemu.resume(dom);
    }

    @Override
    public void domainOpenConsole(DomainRef dom, String devName, io.jvirt.spi.StreamRef stream, int flags) {
        QemuErrors.checkFlags(flags, CONSOLE_FORCE | CONSOLE_SAFE, "qemuDomainOpenConsole");
        QemuInstance.Chardevs c = qemu.chardevs(dom);
        qemu.chardevStreams().open(dom.uuid(), c.pid(), c.startTicks(), ChardevLookup.console(c.devices(), devName),
                (flags & CONSOLE_FORCE) != 0, stream, "Active console session exists for this domain");
    }

    @Override
    public void domainOpenChannel(DomainRef dom, String name, io.jvirt.spi.StreamRef stream, int flags) {
        QemuErrors.checkFlags(flags, CHANNEL_FORCE, "qemuDomainOpenChannel");
        QemuInstance.Chardevs c = qemu.chardevs(dom);
        qemu.chardevStreams().open(dom.uuid(), c.pid(), c.startTicks(), ChardevLookup.channel(c.devices(), name),
                (flags & CHANNEL_FORCE) != 0, stream, "Active channel stream exists for this domain");
    }

    @Override
    public void domainUndefineFlags(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 0, "qemuDomainUndefineFlags");
        qemu.undefine(dom);
    }

    // statistics (stats/QemuStats)

    @Override
    public List<io.jvirt.spi.DomainStats> connectGetAllDomainStats(List<DomainRef> domains, int groups, int flags) {
        return stats.all(domains, groups, flags);
    }

    @Override
    public List<io.jvirt.api.MemoryStat> domainMemoryStats(DomainRef dom, int max, int flags) {
        return stats.memoryStats(dom, max, flags);
    }

    @Override
    public io.jvirt.api.BlockStats domainBlockStats(DomainRef dom, String disk) {
        return stats.blockStats(dom, disk);
    }

    @Override
    public List<io.jvirt.api.TypedParameter> domainBlockStatsFlags(DomainRef dom, String disk, int flags) {
        return stats.blockStatsFlags(dom, disk, flags);
    }

    @Override
    public void domainSetMemoryStatsPeriod(DomainRef dom, int period, int flags) {
        QemuErrors.checkFlags(flags, 1 | 2, "qemuDomainSetMemoryStatsPeriod");
        qemu.setMemoryStatsPeriod(dom, period, flags);
    }

    @Override
    public io.jvirt.api.InterfaceStats domainInterfaceStats(DomainRef dom, String device) {
        return stats.interfaceStats(dom, device);
    }

    @Override
    public io.jvirt.api.BlockInfo domainGetBlockInfo(DomainRef dom, String disk, int flags) {
        return stats.blockInfo(dom, disk, flags);
    }

    @Override
    public int domainGetCPUStatsCount(DomainRef dom, int flags) {
        return stats.cpuStatsCount(dom);
    }

    @Override
    public List<List<io.jvirt.api.TypedParameter>> domainGetCPUStats(DomainRef dom, int startCpu, int ncpus, int flags) {
        return stats.cpuStats(dom, startCpu, ncpus, flags);
    }

    @Override
    public List<io.jvirt.api.VcpuInfo> domainGetVcpus(DomainRef dom, int hostCpus) {
        return stats.vcpus(dom, hostCpus);
    }

    @Override
    public List<java.util.BitSet> domainGetVcpuPinInfo(DomainRef dom, int hostCpus, int flags) {
        return stats.vcpuPinInfo(dom, hostCpus, flags);
    }

    @Override
    public io.jvirt.api.NodeCPUMap nodeGetCPUMap(int flags) {
        QemuErrors.checkFlags(flags, 0, "qemuNodeGetCPUMap");
        return io.jvirt.driver.qemu.stats.HostInfo.cpuMap();
    }

    @Override
    public io.jvirt.api.NodeInfo nodeGetInfo() {
        return io.jvirt.driver.qemu.stats.HostInfo.nodeInfo();
    }

    /*
     * Managed save and security as libvirtd 9.0's QEMU driver answers them with security_driver
     * "none" (the anchor's qemu.conf; this driver confines nothing either), observed with
     * libvirt-python on the same domain shut off and running: virNodeGetSecurityModel ("none", "0"),
     * virDomainGetSecurityLabel ("", not enforcing), virDomainHasManagedSaveImage 0 (this driver
     * saves no images; a flag fails with code 8, domain 10). virsh dominfo then prints
     * "Managed save: no", "Security model: none", "Security DOI: 0" and no label line.
     */

    @Override
    public boolean domainHasManagedSaveImage(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 0, "qemuDomainHasManagedSaveImage");
        qemu.isActive(dom); // the domain must exist
        return false;
    }

    @Override
    public List<String> domainGetMessages(DomainRef dom, int flags) {
        QemuErrors.checkFlags(flags, 1 | 2, "qemuDomainGetMessages");
        return qemu.messages(dom, flags);
    }

    @Override
    public io.jvirt.api.SecurityModel nodeGetSecurityModel() {
        return new io.jvirt.api.SecurityModel("none", "0");
    }

    @Override
    public io.jvirt.api.SecurityLabel domainGetSecurityLabel(DomainRef dom) {
        qemu.isActive(dom);
        return new io.jvirt.api.SecurityLabel("", false);
    }
}
