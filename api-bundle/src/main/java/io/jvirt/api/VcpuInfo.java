package io.jvirt.api;

import java.util.BitSet;

/** {@code virVcpuInfo} with the vcpu's CPU affinity: state is libvirt's {@code virVcpuState} (1 = running). */
public record VcpuInfo(int number, int state, long cpuTimeNs, int cpu, BitSet affinity) {
}
