package io.jvirt.daemon.remote;

import static io.jvirt.rpc.remote.ConnectProcedures.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.jvirt.api.NodeInfo;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.Virt;
import io.jvirt.daemon.dispatch.Dispatcher;
import io.jvirt.rpc.remote.EventProcedures;

/** The connection procedures: auth, open/close, features, host information. */
public final class ConnectHandlers {
    /** libvirt's {@code VIR_DRV_FEATURE_*} numbers the daemon answers itself. */
    static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    /** Typed parameters may be strings: jvirt's API carries them, as libvirt's test and QEMU drivers do. */
    static final int FEATURE_TYPED_PARAM_STRING = 9;
    static final int FEATURE_REMOTE_EVENT_CALLBACK = 14;
    static final int FEATURE_REMOTE_CLOSE_CALLBACK = 15;

    private ConnectHandlers() {
    }

    public static void register(Dispatcher d, Virt virt) {
        d.on(AUTH_LIST, (c, a) -> new AuthListRet(List.of(0))); // auth none
        d.on(CONNECT_SUPPORTS_FEATURE, (c, a) -> {
            int f = a.feature();
            if (f == FEATURE_PROGRAM_KEEPALIVE) {
                c.requestKeepalive();
            }
            boolean yes = f == FEATURE_PROGRAM_KEEPALIVE || f == FEATURE_REMOTE_CLOSE_CALLBACK
                    || f == FEATURE_REMOTE_EVENT_CALLBACK || f == FEATURE_TYPED_PARAM_STRING;
            return new ConnectSupportsFeatureRet(Flags.bool(yes));
        });
        d.on(CONNECT_OPEN, (c, a) -> {
            Set<OpenFlag> flags = EnumSet.noneOf(OpenFlag.class);
            for (OpenFlag f : Flags.of(OpenFlag.class, a.flags(), "virConnectOpen")) {
                flags.add(f);
            }
            if (c.readOnlySocket()) {
                flags.add(OpenFlag.READONLY);
            }
            c.setConnect(virt.openAuth(a.name(), null, flags));
            return null;
        });
        d.on(CONNECT_CLOSE, (c, a) -> {
            c.closeConnect();
            return null;
        });
        d.on(EventProcedures.CONNECT_REGISTER_CLOSE_CALLBACK, (c, a) -> {
            c.connect();
            return null;
        });
        d.on(EventProcedures.CONNECT_UNREGISTER_CLOSE_CALLBACK, (c, a) -> {
            c.connect();
            return null;
        });
        d.on(CONNECT_GET_TYPE, (c, a) -> new ConnectGetTypeRet(c.connect().getType()));
        d.on(CONNECT_GET_VERSION, (c, a) -> new ConnectGetVersionRet(c.connect().getVersion()));
        d.on(CONNECT_GET_LIB_VERSION, (c, a) -> new ConnectGetLibVersionRet(c.connect().getLibVersion()));
        d.on(CONNECT_GET_HOSTNAME, (c, a) -> new ConnectGetHostnameRet(c.connect().getHostname()));
        d.on(CONNECT_GET_CAPABILITIES, (c, a) -> new ConnectGetCapabilitiesRet(c.connect().getCapabilities()));
        d.on(CONNECT_GET_URI, (c, a) -> new ConnectGetUriRet(c.connect().getURI()));
        d.on(CONNECT_IS_SECURE, (c, a) -> new ConnectIsSecureRet(
                Flags.bool(c.transport().encrypted() || c.connect().isSecure())));
        d.on(NODE_GET_INFO, (c, a) -> {
            NodeInfo n = c.connect().nodeGetInfo();
            return new NodeGetInfoRet(n.model(), n.memoryKiB(), n.cpus(), n.mhz(), n.nodes(), n.sockets(), n.cores(),
                    n.threads());
        });
        d.on(CONNECT_GET_MAX_VCPUS, (c, a) -> new ConnectGetMaxVcpusRet(c.connect().getMaxVcpus(a.type())));
        d.on(NODE_GET_SECURITY_MODEL, (c, a) -> {
            io.jvirt.api.SecurityModel m = c.connect().nodeGetSecurityModel();
            return new NodeGetSecurityModelRet(m.model(), m.doi());
        });
        d.on(NODE_GET_FREE_MEMORY, (c, a) -> new NodeGetFreeMemoryRet(c.connect().nodeGetFreeMemory()));
        d.on(NODE_GET_CELLS_FREE_MEMORY, (c, a) -> new NodeGetCellsFreeMemoryRet(
                c.connect().nodeGetCellsFreeMemory(a.startCell(), a.maxcells())));
        d.on(NODE_GET_CPU_MAP, (c, a) -> {
            Flags.none(a.flags(), "virNodeGetCPUMap");
            io.jvirt.api.NodeCPUMap m = c.connect().nodeGetCPUMap();
            byte[] map = new byte[0];
            if (a.needMap() != 0) {
                map = java.util.Arrays.copyOf(m.online().toByteArray(), (m.cpus() + 7) / 8);
            }
            return new NodeGetCpuMapRet(map, a.needOnline() != 0 ? m.onlineCount() : 0, m.cpus());
        });
        d.on(CONNECT_BASELINE_CPU, (c, a) -> new ConnectBaselineCpuRet(c.connect().baselineCPU(a.xmlCPUs(),
                Flags.of(io.jvirt.api.BaselineCPUFlag.class, a.flags(), "virConnectBaselineCPU"))));
        d.on(CONNECT_GET_CPU_MODEL_NAMES, (c, a) -> {
            Flags.none(a.flags(), "virConnectGetCPUModelNames");
            List<String> models = c.connect().getCPUModelNames(a.arch());
            return new ConnectGetCpuModelNamesRet(a.needResults() != 0 ? models : List.of(), models.size());
        });
        d.on(NODE_GET_CPU_STATS, (c, a) -> {
            Flags.none(a.flags(), "virNodeGetCPUStats");
            java.util.Map<String, Long> stats = c.connect().nodeGetCPUStats(a.cpuNum());
            List<io.jvirt.rpc.remote.RemoteStructs.NodeGetCpuStats> out = stats.entrySet().stream()
                    .limit(Math.max(0, a.nparams()))
                    .map(e -> new io.jvirt.rpc.remote.RemoteStructs.NodeGetCpuStats(e.getKey(), e.getValue())).toList();
            return new NodeGetCpuStatsRet(out, stats.size());
        });
        d.on(CONNECT_GET_SYSINFO, (c, a) -> {
            Flags.none(a.flags(), "virConnectGetSysinfo");
            return new ConnectGetSysinfoRet(c.connect().getSysinfo());
        });
    }
}
