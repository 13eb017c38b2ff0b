package io.jvirt.api;

/** {@code virNodeInfo}: the host's CPU model, memory in KiB and CPU topology. */
public record NodeInfo(String model, long memoryKiB, int cpus, int mhz, int nodes, int sockets, int cores,
        int threads) {
}
