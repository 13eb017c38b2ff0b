package io.jvirt.api;

import java.util.BitSet;

/** {@code virDomainIOThreadInfo}: an IOThread's ID and CPU affinity. */
public record IOThreadInfo(int id, BitSet cpumap) {
}
