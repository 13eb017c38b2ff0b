package io.jvirt.network.dnsmasq;

/**
 * A DHCP lease as the lease helper records it (libvirt's lease status object).
 *
 * @param iaid       the DHCPv6 identity association, or null (IPv4)
 * @param clientId   the DHCP client identifier (the client's DUID for IPv6), or null
 * @param hostname   the name the client gave, or null
 * @param serverDuid dnsmasq's DUID (IPv6), or null
 * @param expiryTime seconds since the epoch when it ends, 0 for never
 */
public record Lease(String ip, String mac, String iaid, String clientId, String hostname, String serverDuid,
        long expiryTime) {
    public boolean ipv6() {
        return ip.indexOf(':') >= 0;
    }

    /** Whether it has ended at {@code epochSeconds} (libvirt does not report those). */
    public boolean expiredAt(long epochSeconds) {
        return expiryTime > 0 && expiryTime < epochSeconds;
    }
}
