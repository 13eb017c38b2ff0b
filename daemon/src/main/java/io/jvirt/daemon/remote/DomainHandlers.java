package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.DomainProcedures.*;

import java.util.List;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainDefineFlag;
import io.jvirt.api.DomainDestroyFlag;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainMetadataType;
import io.jvirt.api.DomainModificationFlag;
import io.jvirt.api.SecurityLabel;
import io.jvirt.api.DomainShutdownFlag;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.DomainUndefineFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.ListAllDomainsFlag;
import io.jvirt.daemon.client.Client;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.RemoteTypes.RemoteDomain;

/** The domain procedures, each one call on the client's {@link Connect}. */
public final class DomainHandlers {
    private DomainHandlers() {
    }

    /** A handle for the domain the client named, without a lookup (as libvirtd's get_nonnull_domain). */
    static Domain dom(Client c, RemoteDomain d) {
        return c.connect().domain(d.name(), d.uuid(), d.id());
    }

    static RemoteDomain remote(Domain d) {
        return new RemoteDomain(d.getName(), d.getUUID(), d.getID());
    }

    /** The API has no way yet to hand a replacement XML to save or restore. */
    private static void noXmlOverride(String dxml) {
        if (dxml != null) {
            throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.ARGUMENT_UNSUPPORTED,
                    io.jvirt.api.ErrorDomain.NONE, "argument unsupported: xml modification unsupported");
        }
    }

    static List<io.jvirt.rpc.remote.TypedParam> wire(List<io.jvirt.api.TypedParameter> params, int max) {
        return params.stream().limit(Math.max(0, max))
                .map(p -> new io.jvirt.rpc.remote.TypedParam(p.field(), p.type().value(), p.value())).toList();
    }

    /** The host's CPU count as the client sizes CPU maps (libvirtd uses the node's CPU map the same way). */
    static int hostCpus(Client c) {
        try {
            return c.connect().nodeGetCPUMap().cpus();
        } catch (io.jvirt.api.VirtException e) {
            return c.connect().nodeGetInfo().cpus();
        }
    }

    static DomainModificationFlag[] modification(int flags, String api) {
        return Flags.of(DomainModificationFlag.class, flags, api);
    }

    public static void register(Dispatcher d) {
        d.on(DOMAIN_IS_UPDATED, (c, a) -> new DomainIsUpdatedRet(Flags.bool(dom(c, a.dom()).isUpdated())));
        d.on(DOMAIN_GET_SCHEDULER_TYPE, (c, a) -> {
            Domain dom = dom(c, a.dom());
            String type = dom.getSchedulerType();
            return new DomainGetSchedulerTypeRet(type, dom.getSchedulerParameters().size());
        });
        d.on(DOMAIN_GET_SCHEDULER_PARAMETERS, (c, a) -> new DomainGetSchedulerParametersRet(
                wire(dom(c, a.dom()).getSchedulerParameters(), a.nparams())));
        d.on(DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS, (c, a) -> new DomainGetSchedulerParametersFlagsRet(
                wire(dom(c, a.dom()).getSchedulerParameters(
                        modification(a.flags() & ~4, "virDomainGetSchedulerParametersFlags")), a.nparams())));
        d.on(DOMAIN_GET_MEMORY_PARAMETERS, (c, a) -> {
            List<io.jvirt.api.TypedParameter> p = dom(c, a.dom())
                    .getMemoryParameters(modification(a.flags() & ~4, "virDomainGetMemoryParameters"));
            return new DomainGetMemoryParametersRet(wire(p, a.nparams()), p.size());
        });
        d.on(DOMAIN_GET_BLKIO_PARAMETERS, (c, a) -> {
            List<io.jvirt.api.TypedParameter> p = dom(c, a.dom())
                    .getBlkioParameters(modification(a.flags() & ~4, "virDomainGetBlkioParameters"));
            return new DomainGetBlkioParametersRet(wire(p, a.nparams()), p.size());
        });
        d.on(DOMAIN_GET_NUMA_PARAMETERS, (c, a) -> {
            List<io.jvirt.api.TypedParameter> p = dom(c, a.dom())
                    .getNumaParameters(modification(a.flags() & ~4, "virDomainGetNumaParameters"));
            return new DomainGetNumaParametersRet(wire(p, a.nparams()), p.size());
        });
        d.on(DOMAIN_GET_BLOCK_IO_TUNE, (c, a) -> {
            List<io.jvirt.api.TypedParameter> p = dom(c, a.dom())
                    .getBlockIoTune(a.disk(), modification(a.flags() & ~4, "virDomainGetBlockIoTune"));
            return new DomainGetBlockIoTuneRet(wire(p, a.nparams()), p.size());
        });
        d.on(io.jvirt.rpc.remote.EventProcedures.DOMAIN_GET_PERF_EVENTS, (c, a) -> new io.jvirt.rpc.remote.EventProcedures
                .DomainGetPerfEventsRet(wire(dom(c, a.dom()).getPerfEvents(
                        modification(a.flags() & ~4, "virDomainGetPerfEvents")), Integer.MAX_VALUE)));
        d.on(io.jvirt.rpc.remote.InterfaceProcedures.DOMAIN_GET_INTERFACE_PARAMETERS, (c, a) -> {
            List<io.jvirt.api.TypedParameter> p = dom(c, a.dom()).getInterfaceParameters(a.device(),
                    modification(a.flags() & ~4, "virDomainGetInterfaceParameters"));
            return new io.jvirt.rpc.remote.InterfaceProcedures.DomainGetInterfaceParametersRet(
                    wire(p, a.nparams()), p.size());
        });
        d.on(CONNECT_LIST_ALL_DOMAINS, (c, a) -> {
            List<Domain> all = c.connect().listAllDomains(
                    Flags.of(ListAllDomainsFlag.class, a.flags(), "virConnectListAllDomains"));
            List<RemoteDomain> out = a.needResults() != 0 ? all.stream().map(DomainHandlers::remote).toList() : List.of();
            return new ConnectListAllDomainsRet(out, all.size());
        });
        d.on(CONNECT_NUM_OF_DOMAINS, (c, a) -> new ConnectNumOfDomainsRet(c.connect().numOfDomains()));
        d.on(CONNECT_NUM_OF_DEFINED_DOMAINS,
                (c, a) -> new ConnectNumOfDefinedDomainsRet(c.connect().numOfDefinedDomains()));
        d.on(CONNECT_LIST_DOMAINS, Legacy.as("virConnectListDomains", (c, a) -> new ConnectListDomainsRet(c.connect()
                .listAllDomains(ListAllDomainsFlag.ACTIVE).stream().map(Domain::getID).sorted()
                .limit(Math.max(0, a.maxids())).toList())));
        d.on(CONNECT_LIST_DEFINED_DOMAINS, Legacy.as("virConnectListDefinedDomains", (c, a) -> new ConnectListDefinedDomainsRet(c.connect()
                .listAllDomains(ListAllDomainsFlag.INACTIVE).stream().map(Domain::getName)
                .limit(Math.max(0, a.maxnames())).toList())));
        d.on(DOMAIN_LOOKUP_BY_ID, (c, a) -> new DomainLookupByIdRet(remote(c.connect().domainLookupByID(a.id()))));
        d.on(DOMAIN_LOOKUP_BY_NAME,
                (c, a) -> new DomainLookupByNameRet(remote(c.connect().domainLookupByName(a.name()))));
        d.on(DOMAIN_LOOKUP_BY_UUID,
                (c, a) -> new DomainLookupByUuidRet(remote(c.connect().domainLookupByUUID(a.uuid()))));
        d.on(DOMAIN_DEFINE_XML, (c, a) -> new DomainDefineXmlRet(remote(c.connect().domainDefineXML(a.xml()))));
        d.on(DOMAIN_DEFINE_XML_FLAGS, (c, a) -> new DomainDefineXmlFlagsRet(remote(c.connect()
                .domainDefineXML(a.xml(), Flags.of(DomainDefineFlag.class, a.flags(), "virDomainDefineXMLFlags")))));
        d.on(DOMAIN_CREATE_XML, (c, a) -> new DomainCreateXmlRet(remote(c.connect()
                .domainCreateXML(a.xmlDesc(), Flags.of(DomainCreateFlag.class, a.flags(), "virDomainCreateXML")))));
        d.on(DOMAIN_UNDEFINE, (c, a) -> {
            dom(c, a.dom()).undefine();
            return null;
        });
        d.on(DOMAIN_UNDEFINE_FLAGS, (c, a) -> {
            dom(c, a.dom()).undefine(Flags.of(DomainUndefineFlag.class, a.flags(), "virDomainUndefineFlags"));
            return null;
        });
        d.on(DOMAIN_CREATE, (c, a) -> {
            dom(c, a.dom()).create();
            return null;
        });
        d.on(DOMAIN_CREATE_WITH_FLAGS, (c, a) -> {
            Domain dom = dom(c, a.dom());
            dom.create(Flags.of(DomainCreateFlag.class, a.flags(), "virDomainCreateWithFlags"));
            return new DomainCreateWithFlagsRet(remote(dom));
        });
        d.on(DOMAIN_DESTROY, (c, a) -> {
            dom(c, a.dom()).destroy();
            return null;
        });
        d.on(DOMAIN_DESTROY_FLAGS, (c, a) -> {
            dom(c, a.dom()).destroy(Flags.of(DomainDestroyFlag.class, a.flags(), "virDomainDestroyFlags"));
            return null;
        });
        d.on(DOMAIN_SHUTDOWN, (c, a) -> {
            dom(c, a.dom()).shutdown();
            return null;
        });
        d.on(DOMAIN_SHUTDOWN_FLAGS, (c, a) -> {
            dom(c, a.dom()).shutdown(Flags.of(DomainShutdownFlag.class, a.flags(), "virDomainShutdownFlags"));
            return null;
        });
        d.on(DOMAIN_REBOOT, (c, a) -> {
            dom(c, a.dom()).reboot(Flags.of(DomainShutdownFlag.class, a.flags(), "virDomainReboot"));
            return null;
        });
        d.on(DOMAIN_SUSPEND, (c, a) -> {
            dom(c, a.dom()).suspend();
            return null;
        });
        d.on(DOMAIN_RESUME, (c, a) -> {
            dom(c, a.dom()).resume();
            return null;
        });
        d.on(DOMAIN_GET_INFO, (c, a) -> {
            DomainInfo i = dom(c, a.dom()).getInfo();
            return new DomainGetInfoRet(i.state().value(), i.maxMemKiB(), i.memoryKiB(), i.nrVirtCpu(), i.cpuTimeNs());
        });
        d.on(DOMAIN_GET_STATE, (c, a) -> {
            Flags.none(a.flags(), "virDomainGetState");
            DomainStateReason s = dom(c, a.dom()).getState();
            return new DomainGetStateRet(s.state().value(), s.reason());
        });
        d.on(DOMAIN_GET_XML_DESC, (c, a) -> new DomainGetXmlDescRet(
                dom(c, a.dom()).getXMLDesc(Flags.of(DomainXMLFlag.class, a.flags(), "virDomainGetXMLDesc"))));
        d.on(DOMAIN_GET_OS_TYPE, (c, a) -> new DomainGetOsTypeRet(dom(c, a.dom()).getOSType()));
        d.on(DOMAIN_GET_AUTOSTART, (c, a) -> new DomainGetAutostartRet(Flags.bool(dom(c, a.dom()).getAutostart())));
        d.on(DOMAIN_SET_AUTOSTART, (c, a) -> {
            dom(c, a.dom()).setAutostart(a.autostart() != 0);
            return null;
        });
        d.on(DOMAIN_GET_MAX_MEMORY, (c, a) -> new DomainGetMaxMemoryRet(dom(c, a.dom()).getMaxMemory()));
        d.on(DOMAIN_SET_MEMORY, (c, a) -> {
            dom(c, a.dom()).setMemory(a.memory());
            return null;
        });
        d.on(DOMAIN_SET_MAX_MEMORY, (c, a) -> {
            dom(c, a.dom()).setMaxMemory(a.memory());
            return null;
        });
        d.on(DOMAIN_SET_MEMORY_FLAGS, (c, a) -> {
            dom(c, a.dom()).setMemory(a.memory(),
                    Flags.of(DomainModificationFlag.class, a.flags(), "virDomainSetMemoryFlags"));
            return null;
        });
        d.on(DOMAIN_SET_VCPUS, (c, a) -> {
            dom(c, a.dom()).setVcpus(a.nvcpus());
            return null;
        });
        d.on(DOMAIN_SET_VCPUS_FLAGS, (c, a) -> {
            dom(c, a.dom()).setVcpus(a.nvcpus(),
                    Flags.of(DomainModificationFlag.class, a.flags() & ~8, "virDomainSetVcpusFlags"));
            return null;
        });
        d.on(DOMAIN_ATTACH_DEVICE, (c, a) -> {
            dom(c, a.dom()).attachDevice(a.xml(), DomainModificationFlag.LIVE); // as libvirt: the old call is live only
            return null;
        });
        d.on(DOMAIN_ATTACH_DEVICE_FLAGS, (c, a) -> {
            dom(c, a.dom()).attachDevice(a.xml(),
                    Flags.of(DomainModificationFlag.class, a.flags(), "virDomainAttachDeviceFlags"));
            return null;
        });
        d.on(DOMAIN_DETACH_DEVICE, (c, a) -> {
            dom(c, a.dom()).detachDevice(a.xml(), DomainModificationFlag.LIVE);
            return null;
        });
        d.on(DOMAIN_DETACH_DEVICE_FLAGS, (c, a) -> {
            dom(c, a.dom()).detachDevice(a.xml(),
                    Flags.of(DomainModificationFlag.class, a.flags(), "virDomainDetachDeviceFlags"));
            return null;
        });
        d.on(CONNECT_GET_DOMAIN_CAPABILITIES, (c, a) -> new ConnectGetDomainCapabilitiesRet(c.connect()
                .getDomainCapabilities(a.emulatorbin(), a.arch(), a.machine(), a.virttype(), a.flags())));
        d.on(DOMAIN_GET_VCPUS_FLAGS, (c, a) -> new DomainGetVcpusFlagsRet(dom(c, a.dom())
                .getVcpusFlags(Flags.of(DomainModificationFlag.class, a.flags() & ~8, "virDomainGetVcpusFlags"))));
        d.on(DOMAIN_GET_SECURITY_LABEL, (c, a) -> {
            SecurityLabel l = dom(c, a.dom()).getSecurityLabel();
            return new DomainGetSecurityLabelRet(l.label(), Flags.bool(l.enforcing()));
        });
        d.on(DOMAIN_GET_SECURITY_LABEL_LIST, (c, a) -> {
            SecurityLabel l = dom(c, a.dom()).getSecurityLabel();
            return new DomainGetSecurityLabelListRet(
                    List.of(new DomainGetSecurityLabelRet(l.label(), Flags.bool(l.enforcing()))), 1);
        });
        d.on(DOMAIN_GET_MESSAGES, (c, a) -> new DomainGetMessagesRet(dom(c, a.dom())
                .getMessages(Flags.of(io.jvirt.api.DomainMessageType.class, a.flags(), "virDomainGetMessages"))));
        d.on(DOMAIN_GET_HOSTNAME, (c, a) -> {
            Flags.none(a.flags() & ~3, "virDomainGetHostname"); // AGENT | LEASE
            return new DomainGetHostnameRet(dom(c, a.dom()).getHostname());
        });
        d.on(DOMAIN_GET_METADATA, (c, a) -> new DomainGetMetadataRet(dom(c, a.dom()).getMetadata(
                DomainMetadataType.fromValue(a.type()), a.uri(),
                Flags.of(DomainModificationFlag.class, a.flags(), "virDomainGetMetadata"))));
        d.on(DOMAIN_SET_METADATA, (c, a) -> {
            dom(c, a.dom()).setMetadata(DomainMetadataType.fromValue(a.type()), a.metadata(), a.key(), a.uri(),
                    Flags.of(DomainModificationFlag.class, a.flags(), "virDomainSetMetadata"));
            return null;
        });
        d.on(DOMAIN_RESET, (c, a) -> {
            Flags.none(a.flags(), "virDomainReset");
            dom(c, a.dom()).reset();
            return null;
        });
        d.on(DOMAIN_INJECT_NMI, (c, a) -> {
            Flags.none(a.flags(), "virDomainInjectNMI");
            dom(c, a.dom()).injectNMI();
            return null;
        });
        d.on(DOMAIN_SEND_KEY, (c, a) -> {
            Flags.none(a.flags(), "virDomainSendKey");
            dom(c, a.dom()).sendKey(a.codeset(), a.holdtime(),
                    a.keycodes().stream().mapToInt(Integer::intValue).toArray());
            return null;
        });
        d.on(DOMAIN_SEND_PROCESS_SIGNAL, (c, a) -> {
            Flags.none(a.flags(), "virDomainSendProcessSignal");
            dom(c, a.dom()).sendProcessSignal(a.pidValue(), a.signum());
            return null;
        });
        d.on(DOMAIN_FSFREEZE, (c, a) -> {
            Flags.none(a.flags(), "virDomainFSFreeze");
            return new DomainFsfreezeRet(dom(c, a.dom()).fsFreeze(a.mountpoints()));
        });
        d.on(DOMAIN_FSTHAW, (c, a) -> {
            Flags.none(a.flags(), "virDomainFSThaw");
            return new DomainFsthawRet(dom(c, a.dom()).fsThaw(a.mountpoints()));
        });
        d.on(DOMAIN_FSTRIM, (c, a) -> {
            Flags.none(a.flags(), "virDomainFSTrim");
            dom(c, a.dom()).fsTrim(a.mountPoint(), a.minimum());
            return null;
        });
        d.on(DOMAIN_SET_USER_PASSWORD, (c, a) -> {
            Flags.none(a.flags() & ~1, "virDomainSetUserPassword"); // ENCRYPTED
            dom(c, a.dom()).setUserPassword(a.user(), a.password(), (a.flags() & 1) != 0);
            return null;
        });
        d.on(DOMAIN_SET_LIFECYCLE_ACTION, (c, a) -> {
            if (a.type() < 0 || a.type() >= io.jvirt.api.DomainLifecycleType.values().length || a.action() < 0
                    || a.action() >= io.jvirt.api.DomainLifecycleAction.values().length) {
                throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.INVALID_ARG, io.jvirt.api.ErrorDomain.NONE,
                        "invalid argument: unknown lifecycle type or action");
            }
            dom(c, a.dom()).setLifecycleAction(io.jvirt.api.DomainLifecycleType.values()[a.type()],
                    io.jvirt.api.DomainLifecycleAction.values()[a.action()],
                    Flags.of(DomainModificationFlag.class, a.flags(), "virDomainSetLifecycleAction"));
            return null;
        });
        d.on(DOMAIN_GET_CONTROL_INFO, (c, a) -> {
            Flags.none(a.flags(), "virDomainGetControlInfo");
            io.jvirt.api.DomainControlInfo i = dom(c, a.dom()).getControlInfo();
            return new DomainGetControlInfoRet(i.state(), i.details(), i.stateTimeMs());
        });
        d.on(DOMAIN_GET_TIME, (c, a) -> {
            Flags.none(a.flags(), "virDomainGetTime");
            io.jvirt.api.DomainTime t = dom(c, a.dom()).getTime();
            return new DomainGetTimeRet(t.seconds(), t.nanoseconds());
        });
        d.on(DOMAIN_SET_TIME, (c, a) -> {
            Flags.none(a.flags() & ~1, "virDomainSetTime"); // SYNC
            dom(c, a.dom()).setTime(new io.jvirt.api.DomainTime(a.seconds(), a.nseconds()), (a.flags() & 1) != 0);
            return null;
        });
        d.on(DOMAIN_RENAME, (c, a) -> {
            Flags.none(a.flags(), "virDomainRename");
            dom(c, a.dom()).rename(a.newName());
            return new DomainRenameRet(0);
        });
        d.onStream(DOMAIN_SCREENSHOT, io.jvirt.daemon.stream.Direction.TO_CLIENT, (c, a, stream) -> {
            Flags.none(a.flags(), "virDomainScreenshot");
            return new DomainScreenshotRet(dom(c, a.dom()).screenshot(stream, a.screen()));
        });
        // consoles and channels carry data both ways until the guest stops or a FORCE open takes them over
        d.onStream(DOMAIN_OPEN_CONSOLE, io.jvirt.daemon.stream.Direction.BOTH, (c, a, stream) -> {
            dom(c, a.dom()).openConsole(a.devName(), stream,
                    Flags.of(io.jvirt.api.DomainConsoleFlag.class, a.flags(), "virDomainOpenConsole"));
            return null;
        });
        d.onStream(DOMAIN_OPEN_CHANNEL, io.jvirt.daemon.stream.Direction.BOTH, (c, a, stream) -> {
            dom(c, a.dom()).openChannel(a.name(), stream,
                    Flags.of(io.jvirt.api.DomainChannelFlag.class, a.flags(), "virDomainOpenChannel"));
            return null;
        });
        d.on(DOMAIN_CORE_DUMP, (c, a) -> {
            dom(c, a.dom()).coreDump(a.to(),
                    Flags.of(io.jvirt.api.DomainCoreDumpFlag.class, a.flags(), "virDomainCoreDump"));
            return null;
        });
        d.on(DOMAIN_GET_VCPUS, (c, a) -> {
            int hostCpus = a.maplen() * 8;
            List<io.jvirt.api.VcpuInfo> all = dom(c, a.dom()).getVcpus(hostCpus);
            List<io.jvirt.api.VcpuInfo> vcpus = all.subList(0, Math.min(all.size(), Math.max(0, a.maxinfo())));
            byte[] maps = new byte[vcpus.size() * a.maplen()];
            for (int i = 0; i < vcpus.size(); i++) {
                byte[] m = vcpus.get(i).affinity().toByteArray();
                System.arraycopy(m, 0, maps, i * a.maplen(), Math.min(m.length, a.maplen()));
            }
            return new DomainGetVcpusRet(vcpus.stream().map(v -> new io.jvirt.rpc.remote.RemoteStructs.VcpuInfo(
                    v.number(), v.state(), v.cpuTimeNs(), v.cpu())).toList(), maps);
        });
        d.on(DOMAIN_GET_VCPU_PIN_INFO, (c, a) -> {
            List<java.util.BitSet> pins = dom(c, a.dom()).getVcpuPinInfo(a.maplen() * 8,
                    modification(a.flags(), "virDomainGetVcpuPinInfo"));
            int n = Math.min(pins.size(), Math.max(0, a.ncpumaps()));
            byte[] maps = new byte[n * a.maplen()];
            for (int i = 0; i < n; i++) {
                byte[] m = pins.get(i).toByteArray();
                System.arraycopy(m, 0, maps, i * a.maplen(), Math.min(m.length, a.maplen()));
            }
            return new DomainGetVcpuPinInfoRet(maps, n);
        });
        d.on(DOMAIN_GET_EMULATOR_PIN_INFO, (c, a) -> {
            java.util.BitSet pin = dom(c, a.dom()).getEmulatorPinInfo(a.maplen() * 8,
                    modification(a.flags(), "virDomainGetEmulatorPinInfo"));
            byte[] map = java.util.Arrays.copyOf(pin.toByteArray(), a.maplen());
            return new DomainGetEmulatorPinInfoRet(map, 1);
        });
        d.on(DOMAIN_GET_BLOCK_INFO, (c, a) -> {
            Flags.none(a.flags(), "virDomainGetBlockInfo");
            io.jvirt.api.BlockInfo b = dom(c, a.dom()).getBlockInfo(a.path());
            return new DomainGetBlockInfoRet(b.allocation(), b.capacity(), b.physical());
        });
        d.on(DOMAIN_GET_DISK_ERRORS, (c, a) -> {
            Flags.none(a.flags(), "virDomainGetDiskErrors");
            List<io.jvirt.api.DiskError> errors = dom(c, a.dom()).getDiskErrors();
            return new DomainGetDiskErrorsRet(errors.stream().limit(Math.max(0, a.maxerrors()))
                    .map(e -> new io.jvirt.rpc.remote.RemoteStructs.DomainDiskError(e.disk(), e.error())).toList(),
                    errors.size());
        });
        d.on(DOMAIN_MEMORY_STATS, (c, a) -> {
            Flags.none(a.flags(), "virDomainMemoryStats");
            return new DomainMemoryStatsRet(dom(c, a.dom()).memoryStats(a.maxStats()).stream()
                    .map(s -> new io.jvirt.rpc.remote.RemoteStructs.DomainMemoryStat(s.tag(), s.value())).toList());
        });
        d.on(DOMAIN_SAVE_IMAGE_GET_XML_DESC, (c, a) -> new DomainSaveImageGetXmlDescRet(c.connect()
                .domainSaveImageGetXMLDesc(a.file(), Flags.of(DomainXMLFlag.class, a.flags(),
                        "virDomainSaveImageGetXMLDesc"))));
        d.on(DOMAIN_SAVE_IMAGE_DEFINE_XML, (c, a) -> {
            Flags.none(a.flags() & ~6, "virDomainSaveImageDefineXML"); // RUNNING | PAUSED
            c.connect().domainSaveImageDefineXML(a.file(), a.dxml());
            return null;
        });
        d.on(DOMAIN_GET_IOTHREAD_INFO, (c, a) -> {
            int hostCpus = hostCpus(c);
            List<io.jvirt.api.IOThreadInfo> info = dom(c, a.dom()).getIOThreadInfo(hostCpus,
                    modification(a.flags(), "virDomainGetIOThreadInfo"));
            int maplen = (hostCpus + 7) / 8;
            return new DomainGetIothreadInfoRet(info.stream().map(i -> new io.jvirt.rpc.remote.RemoteStructs
                    .DomainIothreadInfo(i.id(), java.util.Arrays.copyOf(i.cpumap().toByteArray(), maplen))).toList(),
                    info.size());
        });
        d.on(DOMAIN_ADD_IOTHREAD, (c, a) -> {
            dom(c, a.dom()).addIOThread(a.iothreadId(), modification(a.flags(), "virDomainAddIOThread"));
            return null;
        });
        d.on(DOMAIN_DEL_IOTHREAD, (c, a) -> {
            dom(c, a.dom()).delIOThread(a.iothreadId(), modification(a.flags(), "virDomainDelIOThread"));
            return null;
        });
        d.on(DOMAIN_PIN_IOTHREAD, (c, a) -> {
            dom(c, a.dom()).pinIOThread(a.iothreadsId(), java.util.BitSet.valueOf(a.cpumap()),
                    modification(a.flags(), "virDomainPinIOThread"));
            return null;
        });
        d.on(DOMAIN_SET_IOTHREAD_PARAMS, (c, a) -> {
            dom(c, a.dom()).setIOThreadParams(a.iothreadId(), a.params().stream()
                    .map(p -> new io.jvirt.api.TypedParameter(p.field(),
                            io.jvirt.api.TypedParameterType.fromValue(p.type()), p.value())).toList(),
                    modification(a.flags(), "virDomainSetIOThreadParams"));
            return null;
        });
        d.on(io.jvirt.rpc.remote.InterfaceProcedures.DOMAIN_INTERFACE_ADDRESSES, (c, a) -> {
            Flags.none(a.flags(), "virDomainInterfaceAddresses");
            return new io.jvirt.rpc.remote.InterfaceProcedures.DomainInterfaceAddressesRet(dom(c, a.dom())
                    .interfaceAddresses(a.source()).stream().map(i -> new io.jvirt.rpc.remote.RemoteStructs
                            .DomainInterface(i.name(), i.hwaddr(), i.addrs().stream().map(x -> new io.jvirt.rpc.remote
                                    .RemoteStructs.DomainIpAddr(x.type(), x.addr(), x.prefix())).toList())).toList());
        });
        d.on(DOMAIN_GET_FSINFO, (c, a) -> {
            Flags.none(a.flags(), "virDomainGetFSInfo");
            List<io.jvirt.api.DomainFSInfo> info = dom(c, a.dom()).getFSInfo();
            return new DomainGetFsinfoRet(info.stream().map(f -> new io.jvirt.rpc.remote.RemoteStructs.DomainFsinfo(
                    f.mountpoint(), f.name(), f.fstype(), f.devAliases())).toList(), info.size());
        });
        d.on(DOMAIN_BLOCK_STATS, (c, a) -> {
            io.jvirt.api.BlockStats s = dom(c, a.dom()).blockStats(a.path());
            return new DomainBlockStatsRet(s.rdReq(), s.rdBytes(), s.wrReq(), s.wrBytes(), s.errs());
        });
        d.on(DOMAIN_BLOCK_STATS_FLAGS, (c, a) -> {
            Flags.none(a.flags() & ~4, "virDomainBlockStatsFlags"); // TYPED_PARAM_STRING_OKAY
            List<io.jvirt.api.TypedParameter> stats = dom(c, a.dom()).blockStatsFlags(a.path());
            if (a.nparams() == 0) {
                return new DomainBlockStatsFlagsRet(List.of(), stats.size()); // how many there are
            }
            List<io.jvirt.rpc.remote.TypedParam> wired = wire(stats, a.nparams());
            return new DomainBlockStatsFlagsRet(wired, wired.size());
        });
        d.on(DOMAIN_SET_MEMORY_STATS_PERIOD, (c, a) -> {
            dom(c, a.dom()).setMemoryStatsPeriod(a.period(), modification(a.flags(), "virDomainSetMemoryStatsPeriod"));
            return null;
        });
        d.on(io.jvirt.rpc.remote.InterfaceProcedures.DOMAIN_INTERFACE_STATS, (c, a) -> {
            io.jvirt.api.InterfaceStats s = dom(c, a.dom()).interfaceStats(a.device());
            return new io.jvirt.rpc.remote.InterfaceProcedures.DomainInterfaceStatsRet(s.rxBytes(), s.rxPackets(),
                    s.rxErrs(), s.rxDrop(), s.txBytes(), s.txPackets(), s.txErrs(), s.txDrop());
        });
        d.on(DOMAIN_GET_CPU_STATS, (c, a) -> {
            Flags.none(a.flags() & ~4, "virDomainGetCPUStats"); // TYPED_PARAM_STRING_OKAY
            Domain dom = dom(c, a.dom());
            if (a.nparams() == 0 && a.ncpus() == 0 && a.startCpu() == 0) {
                return new DomainGetCpuStatsRet(List.of(), dom.getCPUStatsCount()); // how many CPUs
            }
            List<List<io.jvirt.api.TypedParameter>> stats = dom.getCPUStats(a.startCpu(), Math.max(1, a.ncpus()));
            int perCpu = stats.isEmpty() ? 0 : stats.get(0).size();
            if (a.nparams() == 0) {
                return new DomainGetCpuStatsRet(List.of(), perCpu); // how many parameters per CPU
            }
            int n = Math.min(a.nparams(), perCpu);
            List<io.jvirt.rpc.remote.TypedParam> flat = new java.util.ArrayList<>();
            for (List<io.jvirt.api.TypedParameter> cpu : stats) {
                flat.addAll(wire(cpu, n));
            }
            return new DomainGetCpuStatsRet(flat, n);
        });
        d.on(CONNECT_GET_ALL_DOMAIN_STATS, (c, a) -> {
            List<Domain> doms = a.doms().stream().map(r -> dom(c, r)).toList();
            return new ConnectGetAllDomainStatsRet(c.connect().getAllDomainStats(doms, a.stats(), a.flags()).stream()
                    .map(r -> new io.jvirt.rpc.remote.RemoteStructs.DomainStatsRecord(remote(r.domain()),
                            wire(r.params(), Integer.MAX_VALUE))).toList());
        });
        d.on(DOMAIN_MANAGED_SAVE, (c, a) -> {
            Flags.none(a.flags() & ~7, "virDomainManagedSave");
            dom(c, a.dom()).managedSave();
            return null;
        });
        d.on(DOMAIN_MANAGED_SAVE_REMOVE, (c, a) -> {
            Flags.none(a.flags(), "virDomainManagedSaveRemove");
            dom(c, a.dom()).managedSaveRemove();
            return null;
        });
        d.on(DOMAIN_SAVE, (c, a) -> {
            dom(c, a.dom()).save(a.to());
            return null;
        });
        d.on(DOMAIN_SAVE_FLAGS, (c, a) -> {
            Flags.none(a.flags(), "virDomainSaveFlags");
            noXmlOverride(a.dxml());
            dom(c, a.dom()).save(a.to());
            return null;
        });
        d.on(DOMAIN_RESTORE, (c, a) -> {
            c.connect().domainRestore(a.from());
            return null;
        });
        d.on(DOMAIN_RESTORE_FLAGS, (c, a) -> {
            Flags.none(a.flags(), "virDomainRestoreFlags");
            noXmlOverride(a.dxml());
            c.connect().domainRestore(a.from());
            return null;
        });
        d.on(DOMAIN_GET_MAX_VCPUS, (c, a) -> new DomainGetMaxVcpusRet(dom(c, a.dom()).getMaxVcpus()));
        d.on(DOMAIN_IS_ACTIVE, (c, a) -> new DomainIsActiveRet(Flags.bool(dom(c, a.dom()).isActive())));
        d.on(DOMAIN_IS_PERSISTENT, (c, a) -> new DomainIsPersistentRet(Flags.bool(dom(c, a.dom()).isPersistent())));
        d.on(DOMAIN_HAS_MANAGED_SAVE_IMAGE, (c, a) -> {
            Flags.none(a.flags(), "virDomainHasManagedSaveImage");
            return new DomainHasManagedSaveImageRet(Flags.bool(dom(c, a.dom()).hasManagedSaveImage()));
        });
    }
}
