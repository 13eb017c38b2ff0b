package io.jvirt.network.firewall.net;

import java.util.List;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.network.IpAddress;
import io.jvirt.conf.network.IpDef;
import io.jvirt.conf.network.NetworkDef;

/** What both backends read from a network definition, as libvirt's helpers give it. */
public final class NetFacts {
    private NetFacts() {
    }

    /** The bridge the rules name; the driver has filled it in before any rule is made. */
    public static String bridge(NetworkDef def) {
        String b = def.bridge().name();
        if (b == null) {
            throw new IllegalArgumentException("network '" + def.name() + "' has no bridge name yet");
        }
        return b;
    }

    /** virNetworkDefForwardIf(def, 0): the first forward device, or null. */
    public static String forwardDev(NetworkDef def) {
        var ifs = def.forward().interfaces();
        return ifs.isEmpty() ? null : ifs.get(0).dev();
    }

    public static List<IpDef> ips(NetworkDef def, Boolean v6) {
        return def.ips().stream().filter(ip -> v6 == null || ip.address().v6() == v6).toList();
    }

    /** The first IPv4 address with DHCP (and, when asked, TFTP) service, or null. */
    public static IpDef dhcp4(NetworkDef def, boolean orTftp) {
        for (IpDef ip : ips(def, false)) {
            if (!ip.dhcp().ranges().isEmpty() || !ip.dhcp().hosts().isEmpty() || (orTftp && ip.tftpRoot() != null)) {
                return ip;
            }
        }
        return null;
    }

    /** The prefix of an address, or libvirt's error when it has none. */
    public static int prefix(NetworkDef def, IpDef ip) {
        int prefix = ip.effectivePrefix();
        if (prefix < 0) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                    "Invalid prefix or netmask for '" + def.bridge().name() + "'");
        }
        return prefix;
    }

    /** virSocketAddrFormatWithPrefix(addr, prefix, true): {@code 192.168.122.0/24}. */
    public static String network(IpAddress addr, int prefix) {
        return addr.mask(IpAddress.netmask(addr.v6(), prefix)) + "/" + prefix;
    }
}
