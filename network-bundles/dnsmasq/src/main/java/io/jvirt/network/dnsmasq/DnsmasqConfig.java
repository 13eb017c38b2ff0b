package io.jvirt.network.dnsmasq;

import java.nio.file.Path;

import io.jvirt.conf.network.ForwardMode;
import io.jvirt.conf.network.IpDef;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.network.dnsmasq.conf.ConfWriter;

/**
 * What dnsmasq reads for one network, as libvirt 9.0 writes it: the configuration file (its
 * directives are libvirt's, byte for byte; the comment header is jvirt's), the DHCP hosts file
 * ({@code dhcp-hostsfile}: the static hosts of the DHCP addresses) and the DNS hosts file
 * ({@code addn-hosts}: the {@code <dns><host>} records).
 *
 * @param hostsFile empty when the network has no static DHCP hosts (still written, for runtime additions)
 */
public record DnsmasqConfig(String conf, String hostsFile, String addnHosts) {

    /**
     * The files of a network.
     *
     * @param stateDir where the hosts files are (the configuration names them)
     * @param pidFile  the {@code pid-file} dnsmasq writes (libvirt 9.0 names one), or null for none
     * @throws io.jvirt.api.VirtException libvirt's errors: two DHCP addresses of a family, a PTR
     *                                    domain that cannot be made for a prefix
     */
    public static DnsmasqConfig of(NetworkDef def, Path stateDir, Path pidFile) {
        return ConfWriter.write(def, stateDir, pidFile);
    }

    /**
     * Whether the network runs a dnsmasq, as libvirt decides: a mode with a bridge of its own
     * (isolated, nat, route, open), an address, and DHCP (ranges or hosts), TFTP or DNS to serve.
     */
    public static boolean needed(NetworkDef def) {
        ForwardMode m = def.forward().mode();
        if (!(m == ForwardMode.NONE || m == ForwardMode.NAT || m == ForwardMode.ROUTE || m == ForwardMode.OPEN)) {
            return false;
        }
        if (def.ips().isEmpty()) {
            return false;
        }
        boolean service = false;
        for (IpDef ip : def.ips()) {
            service |= !ip.dhcp().ranges().isEmpty() || !ip.dhcp().hosts().isEmpty() || ip.tftpRoot() != null;
        }
        return service || !Boolean.FALSE.equals(def.dns().enable());
    }
}
