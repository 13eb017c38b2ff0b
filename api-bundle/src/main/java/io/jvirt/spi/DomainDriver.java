package io.jvirt.spi;

import java.util.List;
import java.util.UUID;

import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.SecurityLabel;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Domains: enumeration, lookup, creation, description, accessors, devices and lifecycle, and
 * their events (libvirt's {@code virDomain*} entries of {@code virHypervisorDriver}). Part of
 * {@link HypervisorDriver}; every method defaults to {@code VIR_ERR_NO_SUPPORT} naming the API.
 */
@ConsumerType
public interface DomainDriver {
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

    /** {@code virDomainGetMessages}; {@code flags} are {@link io.jvirt.api.DomainMessageType} bits. */
    default java.util.List<String> domainGetMessages(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetMessages");
    }

    /** {@code type} is libvirt's {@code virDomainMetadataType} number. */
    default String domainGetMetadata(DomainRef dom, int type, String uri, int flags) {
        throw Unsupported.api("virDomainGetMetadata");
    }

    default void domainSetMetadata(DomainRef dom, int type, String metadata, String key, String uri, int flags) {
        throw Unsupported.api("virDomainSetMetadata");
    }

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

    default String domainSaveImageGetXMLDesc(String file, int flags) {
        throw Unsupported.api("virDomainSaveImageGetXMLDesc");
    }

    default void domainSaveImageDefineXML(String file, String xml, int flags) {
        throw Unsupported.api("virDomainSaveImageDefineXML");
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
