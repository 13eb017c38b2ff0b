package io.jvirt.registry.connect;

import java.util.List;
import java.util.Map;

import io.jvirt.api.BaselineCPUFlag;
import io.jvirt.api.BitFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.api.NodeCPUMap;
import io.jvirt.api.NodeInfo;
import io.jvirt.api.SecurityModel;
import io.jvirt.spi.HypervisorDriver;

/** The connection's and the host's calls of {@code Connect}, on the hypervisor driver. */
final class HostApi {
    private final ManagedConnection conn;

    HostApi(ManagedConnection conn) {
        this.conn = conn;
    }

    private <R> R hv(String api, java.util.function.Function<HypervisorDriver, R> call) {
        return conn.call(DriverKind.HYPERVISOR, api, call);
    }

    /** As libvirt, a driver without {@code connectGetType} answers with its name ({@code network}, ...). */
    String getType() {
        try {
            return hv("virConnectGetType", HypervisorDriver::connectGetType);
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                return conn.binder().driverName();
            }
            throw e;
        }
    }

    long getVersion() {
        return hv("virConnectGetVersion", HypervisorDriver::connectGetVersion);
    }

    long getLibVersion() {
        long v = hv("virConnectGetLibVersion", HypervisorDriver::connectGetLibVersion);
        return v != 0 ? v : conn.binder().registry().libVersion();
    }

    String getHostname() {
        return hv("virConnectGetHostname", HypervisorDriver::connectGetHostname);
    }

    String getURI() {
        String u = hv("virConnectGetURI", HypervisorDriver::connectGetURI);
        return u != null ? u : conn.binder().uri().toString();
    }

    String getCapabilities() {
        return hv("virConnectGetCapabilities", HypervisorDriver::connectGetCapabilities);
    }

    String getDomainCapabilities(String emulator, String arch, String machine, String virttype, int flags) {
        return hv("virConnectGetDomainCapabilities",
                d -> d.connectGetDomainCapabilities(emulator, arch, machine, virttype, flags));
    }

    NodeInfo nodeGetInfo() {
        return hv("virNodeGetInfo", HypervisorDriver::nodeGetInfo);
    }

    int getMaxVcpus(String type) {
        return hv("virConnectGetMaxVcpus", d -> d.connectGetMaxVcpus(type));
    }

    SecurityModel nodeGetSecurityModel() {
        return hv("virNodeGetSecurityModel", HypervisorDriver::nodeGetSecurityModel);
    }

    long nodeGetFreeMemory() {
        return hv("virNodeGetFreeMemory", HypervisorDriver::nodeGetFreeMemory);
    }

    List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        return hv("virNodeGetCellsFreeMemory", d -> d.nodeGetCellsFreeMemory(startCell, maxCells));
    }

    NodeCPUMap nodeGetCPUMap() {
        return hv("virNodeGetCPUMap", d -> d.nodeGetCPUMap(0));
    }

    List<String> getCPUModelNames(String arch) {
        return hv("virConnectGetCPUModelNames", d -> d.connectGetCPUModelNames(arch, 0));
    }

    String baselineCPU(List<String> xmlCPUs, BaselineCPUFlag... flags) {
        List<String> cpus = List.copyOf(xmlCPUs);
        int mask = BitFlag.mask(List.of(flags));
        return hv("virConnectBaselineCPU", d -> d.connectBaselineCPU(cpus, mask));
    }

    Map<String, Long> nodeGetCPUStats(int cpu) {
        return hv("virNodeGetCPUStats", d -> d.nodeGetCPUStats(cpu, 0));
    }

    String getSysinfo() {
        return hv("virConnectGetSysinfo", d -> d.connectGetSysinfo(0));
    }

    boolean isAlive() {
        return !conn.isClosed() && hv("virConnectIsAlive", HypervisorDriver::connectIsAlive);
    }

    boolean isEncrypted() {
        return hv("virConnectIsEncrypted", HypervisorDriver::connectIsEncrypted);
    }

    boolean isSecure() {
        return hv("virConnectIsSecure", HypervisorDriver::connectIsSecure);
    }
}
