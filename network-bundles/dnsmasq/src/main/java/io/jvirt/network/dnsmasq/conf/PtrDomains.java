package io.jvirt.network.dnsmasq.conf;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.network.IpDef;

/**
 * The reverse DNS zone of an address's network ({@code <ip localPtr='yes'>}): whole octets
 * ({@code in-addr.arpa}) or nibbles ({@code ip6.arpa}), so the prefix must be a multiple of 8 or 4.
 */
final class PtrDomains {
    private PtrDomains() {
    }

    static String of(IpDef ip) {
        int prefix = ip.effectivePrefix();
        boolean v6 = ip.address().v6();
        int unit = v6 ? 4 : 8;
        if (prefix <= 0 || prefix >= ip.address().bits() || prefix % unit != 0) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.NETWORK, "PTR domain for "
                    + (v6 ? "IPv6" : "IPv4") + " network with prefix " + prefix + " cannot be automatically created");
        }
        int bits = ip.address().bits();
        StringBuilder b = new StringBuilder();
        for (int i = prefix / unit; i > 0; i--) {
            int shift = bits - i * unit;
            int v = ip.address().value().shiftRight(shift).intValue() & ((1 << unit) - 1);
            b.append(v6 ? Integer.toHexString(v) : Integer.toString(v)).append('.');
        }
        return b.append(v6 ? "ip6.arpa" : "in-addr.arpa").toString();
    }
}
