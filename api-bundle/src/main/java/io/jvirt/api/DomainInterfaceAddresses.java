package io.jvirt.api;

import java.util.List;

/** {@code virDomainInterface}: a guest interface with its MAC and IP addresses. */
public record DomainInterfaceAddresses(String name, String hwaddr, List<IpAddress> addrs) {
    /** {@code virDomainIPAddress}: {@code type} 0 = IPv4, 1 = IPv6. */
    public record IpAddress(int type, String addr, int prefix) {
    }

    public DomainInterfaceAddresses {
        addrs = List.copyOf(addrs);
    }
}
