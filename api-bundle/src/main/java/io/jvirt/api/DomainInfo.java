package io.jvirt.api;

/**
 * {@code virDomainInfo}: memory in KiB, CPU time in nanoseconds.
 */
public record DomainInfo(DomainState state, long maxMemKiB, long memoryKiB, int nrVirtCpu, long cpuTimeNs) {
}
