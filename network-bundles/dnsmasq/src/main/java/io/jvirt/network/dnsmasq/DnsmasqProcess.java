package io.jvirt.network.dnsmasq;

import java.nio.file.Path;

/**
 * A running dnsmasq of a network: its pid and start time (clock ticks since boot, from
 * {@code /proc/PID/stat}), which together name one process for the life of the host, and the
 * configuration file on its command line.
 */
public record DnsmasqProcess(String network, long pid, long startTicks, Path conf) {
}
