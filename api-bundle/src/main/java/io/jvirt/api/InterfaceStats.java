package io.jvirt.api;

/** {@code virDomainInterfaceStatsStruct}. */
public record InterfaceStats(long rxBytes, long rxPackets, long rxErrs, long rxDrop, long txBytes, long txPackets,
        long txErrs, long txDrop) {
}
