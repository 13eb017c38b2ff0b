package io.jvirt.api;

import java.util.BitSet;

/** {@code virNodeGetCPUMap}: which of the host's {@code cpus} CPUs are online, and how many. */
public record NodeCPUMap(int cpus, BitSet online, int onlineCount) {
}
