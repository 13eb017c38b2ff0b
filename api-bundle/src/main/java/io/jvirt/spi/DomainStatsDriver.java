package io.jvirt.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Domain statistics: {@code virConnectGetAllDomainStats} and the per-domain block, interface,
 * memory, CPU and vCPU figures. Part of {@link HypervisorDriver}; every method defaults to
 * {@code VIR_ERR_NO_SUPPORT} naming the API.
 */
@ConsumerType
public interface DomainStatsDriver {
    /** {@code domains} empty means all (filtered by {@code flags}). */
    default List<DomainStats> connectGetAllDomainStats(List<DomainRef> domains, int stats, int flags) {
        throw Unsupported.api("virConnectGetAllDomainStats");
    }

    default List<io.jvirt.api.VcpuInfo> domainGetVcpus(DomainRef dom, int hostCpus) {
        throw Unsupported.api("virDomainGetVcpus");
    }

    default List<java.util.BitSet> domainGetVcpuPinInfo(DomainRef dom, int hostCpus, int flags) {
        throw Unsupported.api("virDomainGetVcpuPinInfo");
    }

    default java.util.BitSet domainGetEmulatorPinInfo(DomainRef dom, int hostCpus, int flags) {
        throw Unsupported.api("virDomainGetEmulatorPinInfo");
    }

    default io.jvirt.api.BlockInfo domainGetBlockInfo(DomainRef dom, String disk, int flags) {
        throw Unsupported.api("virDomainGetBlockInfo");
    }

    default List<io.jvirt.api.DiskError> domainGetDiskErrors(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetDiskErrors");
    }

    default List<io.jvirt.api.MemoryStat> domainMemoryStats(DomainRef dom, int max, int flags) {
        throw Unsupported.api("virDomainMemoryStats");
    }

    default io.jvirt.api.BlockStats domainBlockStats(DomainRef dom, String disk) {
        throw Unsupported.api("virDomainBlockStats");
    }

    /** {@code virDomainBlockStatsFlags}: every statistic of one disk (or, {@code ""}, all disks summed), typed. */
    default List<io.jvirt.api.TypedParameter> domainBlockStatsFlags(DomainRef dom, String disk, int flags) {
        throw Unsupported.api("virDomainBlockStatsFlags");
    }

    /** {@code virDomainSetMemoryStatsPeriod}: how often (seconds, 0 = never) the guest's balloon driver reports. */
    default void domainSetMemoryStatsPeriod(DomainRef dom, int period, int flags) {
        throw Unsupported.api("virDomainSetMemoryStatsPeriod");
    }

    default io.jvirt.api.InterfaceStats domainInterfaceStats(DomainRef dom, String device) {
        throw Unsupported.api("virDomainInterfaceStats");
    }

    /** The number of host CPUs the domain's CPU statistics cover. */
    default int domainGetCPUStatsCount(DomainRef dom, int flags) {
        throw Unsupported.api("virDomainGetCPUStats");
    }

    /** Per-CPU statistics of {@code ncpus} CPUs from {@code startCpu}, or ({@code startCpu} -1) the totals. */
    default List<List<io.jvirt.api.TypedParameter>> domainGetCPUStats(DomainRef dom, int startCpu, int ncpus, int flags) {
        throw Unsupported.api("virDomainGetCPUStats");
    }
}
