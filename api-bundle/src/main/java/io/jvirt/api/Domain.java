package io.jvirt.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A domain (VM or container), named by name, UUID and, while active, an ID. Every method may
 * throw {@link VirtException} with libvirt's error numbers.
 */
@ProviderType
public interface Domain extends NamedObject {
    /** The ID of this activation, or -1 when inactive (as libvirt). */
    int getID();

    String getOSType();

    DomainInfo getInfo();

    DomainStateReason getState();

    String getXMLDesc(DomainXMLFlag... flags);

    boolean isActive();

    boolean isPersistent();

    /** {@code virDomainIsUpdated}: whether the running domain's definition changed since it started. */
    boolean isUpdated();

    /** Starts a defined domain; on success {@link #getID()} returns the new ID. */
    void create(DomainCreateFlag... flags);

    void destroy(DomainDestroyFlag... flags);

    void shutdown(DomainShutdownFlag... flags);

    void reboot(DomainShutdownFlag... flags);

    void suspend();

    void resume();

    void undefine(DomainUndefineFlag... flags);

    boolean getAutostart();

    void setAutostart(boolean autostart);

    /** Maximum memory in KiB. */
    long getMaxMemory();

    void setMemory(long kib, DomainModificationFlag... flags);

    void setMaxMemory(long kib);

    void setVcpus(int count, DomainModificationFlag... flags);

    /** {@code virDomainAttachDeviceFlags}: adds the device of {@code xml} to the live (LIVE) and/or persistent (CONFIG) definition. */
    void attachDevice(String xml, DomainModificationFlag... flags);

    /** {@code virDomainDetachDeviceFlags}: removes the device {@code xml} names from the live and/or persistent definition. */
    void detachDevice(String xml, DomainModificationFlag... flags);

    int getMaxVcpus();

    /** {@code virDomainGetVcpusFlags}: the current or (MAXIMUM) maximum vcpu count of the live or config definition. */
    int getVcpusFlags(DomainModificationFlag... flags);

    /** {@code virDomainGetSecurityLabel}. */
    SecurityLabel getSecurityLabel();

    /** {@code virDomainGetHostname}. */
    String getHostname();

    /** {@code virDomainGetMessages}: the domain's deprecation and tainting messages (no flag: both kinds). */
    java.util.List<String> getMessages(DomainMessageType... types);

    /** {@code virDomainGetMetadata}: the description, title or the element of namespace {@code uri}. */
    String getMetadata(DomainMetadataType type, String uri, DomainModificationFlag... flags);

    /** {@code virDomainSetMetadata}; a null {@code metadata} removes it. */
    void setMetadata(DomainMetadataType type, String metadata, String key, String uri,
            DomainModificationFlag... flags);

    /** {@code virDomainReset}: a hard reset, as the reset button. */
    void reset();

    void injectNMI();

    /** {@code virDomainSendKey}: {@code codeset} is libvirt's {@code virKeycodeSet} number. */
    void sendKey(int codeset, int holdtimeMs, int[] keycodes);

    void sendProcessSignal(long pid, int signum);

    /** Freezes the guest's file systems (all when {@code mountpoints} is empty); returns how many. */
    int fsFreeze(java.util.List<String> mountpoints);

    int fsThaw(java.util.List<String> mountpoints);

    /** {@code mountPoint} null trims all. */
    void fsTrim(String mountPoint, long minimumBytes);

    void setUserPassword(String user, String password, boolean encrypted);

    void setLifecycleAction(DomainLifecycleType type, DomainLifecycleAction action, DomainModificationFlag... flags);

    DomainControlInfo getControlInfo();

    DomainTime getTime();

    /** {@code sync} asks the guest agent to take the host's time; otherwise {@code time} is set. */
    void setTime(DomainTime time, boolean sync);

    /** {@code virDomainRename}: an inactive domain gets a new name. */
    void rename(String newName);

    void coreDump(String to, DomainCoreDumpFlag... flags);

    /**
     * {@code virDomainScreenshot}: binds {@code stream} (of this domain's connection) to an image of
     * the domain's screen number {@code screen} and returns its MIME type; read the image from the
     * stream, then finish it.
     */
    String screenshot(Stream stream, int screen);

    /**
     * {@code virDomainOpenConsole}: binds {@code stream} (of this domain's connection) to the guest's
     * console {@code devName} (a device alias such as {@code serial0} or {@code console1}; null for the
     * first console, else the first serial port), both ways: what the guest writes is read with
     * {@link Stream#recv}, what is sent reaches the guest. The stream ends when the guest stops. A
     * console another stream holds is refused unless {@link DomainConsoleFlag#FORCE} aborts that stream.
     */
    void openConsole(String devName, Stream stream, DomainConsoleFlag... flags);

    /**
     * {@code virDomainOpenChannel}: as {@link #openConsole} for a channel device, named by alias
     * ({@code channel0}) or by its virtio target name ({@code org.qemu.guest_agent.0}); null for the first.
     */
    void openChannel(String name, Stream stream, DomainChannelFlag... flags);

    /** {@code virDomainGetSchedulerType}: the scheduler's name. */
    String getSchedulerType();

    /** {@code virDomainGetSchedulerParametersFlags}. */
    java.util.List<TypedParameter> getSchedulerParameters(DomainModificationFlag... flags);

    /** {@code virDomainGetMemoryParameters}. */
    java.util.List<TypedParameter> getMemoryParameters(DomainModificationFlag... flags);

    /** {@code virDomainGetBlkioParameters}. */
    java.util.List<TypedParameter> getBlkioParameters(DomainModificationFlag... flags);

    /** {@code virDomainGetNumaParameters}. */
    java.util.List<TypedParameter> getNumaParameters(DomainModificationFlag... flags);

    /** {@code virDomainGetPerfEvents}. */
    java.util.List<TypedParameter> getPerfEvents(DomainModificationFlag... flags);

    /** {@code virDomainGetInterfaceParameters}. */
    java.util.List<TypedParameter> getInterfaceParameters(String device, DomainModificationFlag... flags);

    /** {@code virDomainGetBlockIoTune}. */
    java.util.List<TypedParameter> getBlockIoTune(String disk, DomainModificationFlag... flags);

    /** A handle for the snapshot {@code name} of this domain, without a lookup. */
    DomainSnapshot snapshot(String name);

    DomainSnapshot snapshotCreateXML(String xml, DomainSnapshotCreateFlag... flags);

    /** {@code virDomainListAllSnapshots}. */
    java.util.List<DomainSnapshot> listAllSnapshots(DomainSnapshotListFlag... flags);

    int snapshotNum(DomainSnapshotListFlag... flags);

    DomainSnapshot snapshotLookupByName(String name);

    boolean hasCurrentSnapshot();

    DomainSnapshot snapshotCurrent();

    /** {@code virDomainGetVcpus}: running vcpus with their affinity over {@code hostCpus} CPUs. */
    java.util.List<VcpuInfo> getVcpus(int hostCpus);

    /** {@code virDomainGetVcpuPinInfo}: each vcpu's affinity over {@code hostCpus} CPUs. */
    java.util.List<java.util.BitSet> getVcpuPinInfo(int hostCpus, DomainModificationFlag... flags);

    java.util.BitSet getEmulatorPinInfo(int hostCpus, DomainModificationFlag... flags);

    /** {@code virDomainGetBlockInfo} of a disk named by target or source path. */
    BlockInfo getBlockInfo(String disk);

    java.util.List<DiskError> getDiskErrors();

    /** {@code virDomainMemoryStats}: at most {@code max} statistics. */
    java.util.List<MemoryStat> memoryStats(int max);

    /** A handle for the checkpoint {@code name} of this domain, without a lookup. */
    DomainCheckpoint checkpoint(String name);

    DomainCheckpoint checkpointCreateXML(String xml, DomainCheckpointCreateFlag... flags);

    java.util.List<DomainCheckpoint> listAllCheckpoints(DomainCheckpointListFlag... flags);

    DomainCheckpoint checkpointLookupByName(String name);

    /** {@code virDomainGetIOThreadInfo}: the IOThreads with their affinity over {@code hostCpus} CPUs. */
    java.util.List<IOThreadInfo> getIOThreadInfo(int hostCpus, DomainModificationFlag... flags);

    void addIOThread(int id, DomainModificationFlag... flags);

    void delIOThread(int id, DomainModificationFlag... flags);

    void pinIOThread(int id, java.util.BitSet cpus, DomainModificationFlag... flags);

    void setIOThreadParams(int id, java.util.List<TypedParameter> params, DomainModificationFlag... flags);

    /** {@code virDomainInterfaceAddresses}: {@code source} is libvirt's number (0 lease, 1 agent, 2 arp). */
    java.util.List<DomainInterfaceAddresses> interfaceAddresses(int source);

    /** {@code virDomainGetFSInfo}. */
    java.util.List<DomainFSInfo> getFSInfo();

    /** {@code virDomainBlockStats} of a disk named by target or source path. */
    BlockStats blockStats(String disk);

    /** {@code virDomainBlockStatsFlags}: every statistic the driver has of a disk (or, {@code ""}, all disks). */
    java.util.List<TypedParameter> blockStatsFlags(String disk);

    /** {@code virDomainSetMemoryStatsPeriod}: the guest's memory statistics every {@code seconds} (0 stops them). */
    void setMemoryStatsPeriod(int seconds, DomainModificationFlag... flags);

    /** {@code virDomainInterfaceStats} of an interface named by target device or MAC. */
    InterfaceStats interfaceStats(String device);

    /** How many host CPUs {@link #getCPUStats} can report on ({@code virDomainGetCPUStats} with no CPUs). */
    int getCPUStatsCount();

    /**
     * {@code virDomainGetCPUStats}: the statistics of {@code ncpus} host CPUs from {@code startCpu},
     * or with {@code startCpu} -1 the domain's totals (one list).
     */
    java.util.List<java.util.List<TypedParameter>> getCPUStats(int startCpu, int ncpus);

    void managedSave();

    boolean hasManagedSaveImage();

    void managedSaveRemove();

    void save(String path);
}
