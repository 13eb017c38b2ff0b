package io.jvirt.spi;

import java.util.List;

import io.jvirt.api.NodeInfo;
import io.jvirt.api.SecurityModel;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The host and the connection's description, as one hypervisor connection reports them
 * (libvirt's {@code virConnectGet*} and {@code virNode*} entries of {@code virHypervisorDriver}).
 * Part of {@link HypervisorDriver}; every method defaults to {@code VIR_ERR_NO_SUPPORT} naming the API.
 */
@ConsumerType
public interface HostDriver {
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

    default String connectGetSysinfo(int flags) {
        throw Unsupported.api("virConnectGetSysinfo");
    }
}
