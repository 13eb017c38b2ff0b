package io.jvirt.network.dnsmasq.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.network.Dhcp;
import io.jvirt.conf.network.Dns;
import io.jvirt.conf.network.ForwardMode;
import io.jvirt.conf.network.IpAddress;
import io.jvirt.conf.network.IpDef;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.network.dnsmasq.DnsmasqConfig;

/**
 * Writes a network's dnsmasq files with libvirt's directives in libvirt's order: DNS (forwarders,
 * domain, PTR and plain-name rules), the listening interface, isolation, records, then per family
 * the first address with DHCP (ranges, static hosts, boot file), TFTP, the lease limit, the hosts
 * files, MTU, router advertisements and the dnsmasq namespace options last.
 */
public final class ConfWriter {
    private ConfWriter() {
    }

    public static DnsmasqConfig write(NetworkDef def, Path stateDir, Path pidFile) {
        noLineBreaks(def);
        StringBuilder c = new StringBuilder();
        header(c, def.name());
        Dns dns = def.dns();
        boolean wantDns = !Boolean.FALSE.equals(dns.enable());
        String bridge = def.bridge().name();
        c.append("strict-order\n");
        if (!wantDns) {
            // port 0: dnsmasq does not listen for DNS at all
            c.append("port=0\n");
        }
        if (wantDns && !dns.forwarders().isEmpty()) {
            // no-resolv once a forwarder takes all queries that name no domain
            boolean noResolv = false;
            for (Dns.Forwarder f : dns.forwarders()) {
                c.append("server=");
                if (f.domain() != null) {
                    c.append('/').append(f.domain()).append('/');
                }
                if (f.addr() != null) {
                    c.append(f.addr()).append('\n');
                    noResolv |= f.domain() == null;
                } else {
                    c.append("#\n"); // do not forward this domain
                }
            }
            if (noResolv) {
                c.append("no-resolv\n");
            }
        }
        if (def.domainName() != null) {
            if (Boolean.TRUE.equals(def.domainLocalOnly())) {
                c.append("local=/").append(def.domainName()).append("/\n");
            }
            c.append("domain=").append(def.domainName()).append('\n').append("expand-hosts\n");
        }
        if (wantDns) {
            for (IpDef ip : def.ips()) {
                if (Boolean.TRUE.equals(ip.localPtr())) {
                    c.append("local=/").append(PtrDomains.of(ip)).append("/\n");
                }
            }
        }
        if (wantDns && Boolean.FALSE.equals(dns.forwardPlainNames())) {
            c.append("domain-needed\n").append("local=//\n");
        }
        if (pidFile != null) {
            c.append("pid-file=").append(pidFile).append('\n');
        }
        // bind-dynamic with only interface=: answers only queries that arrive on the bridge (CVE-2012-3411)
        c.append("except-interface=lo\n").append("bind-dynamic\n").append("interface=").append(bridge).append('\n');
        if (def.forward().mode() == ForwardMode.NONE) {
            // isolated: no default route (option 3 empty, RA route lifetime 0), nothing forwarded upstream
            c.append("dhcp-option=3\n").append("no-resolv\n").append("ra-param=*,0,0\n");
        }
        if (wantDns) {
            for (Dns.Txt t : dns.txts()) {
                c.append("txt-record=").append(t.name()).append(',').append(t.value()).append('\n');
            }
            for (Dns.Srv s : dns.srvs()) {
                srv(c, s);
            }
        }
        IpDef dhcp4 = null;
        IpDef dhcp6 = null;
        boolean tftp = false;
        for (IpDef ip : def.ips()) {
            boolean serves = !ip.dhcp().ranges().isEmpty() || !ip.dhcp().hosts().isEmpty();
            if (!ip.address().v6()) {
                if (serves) {
                    if (dhcp4 != null) {
                        throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.NETWORK,
                                "For IPv4, multiple DHCP definitions cannot be specified.");
                    }
                    dhcp4 = ip;
                }
                if (ip.tftpRoot() != null) {
                    if (!tftp) {
                        c.append("enable-tftp\n");
                        tftp = true;
                    }
                    c.append("tftp-root=").append(ip.tftpRoot()).append('\n');
                }
            } else if (serves) {
                if (dhcp6 != null) {
                    throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.NETWORK,
                            "For IPv6, multiple DHCP definitions cannot be specified.");
                }
                dhcp6 = ip;
            }
        }
        StringBuilder hosts = new StringBuilder();
        long leases = dhcp(c, hosts, dhcp4, bridge) + dhcp(c, hosts, dhcp6, bridge);
        if (leases > 0) {
            c.append("dhcp-lease-max=").append(leases).append('\n');
        }
        if (dhcp4 != null || dhcp6 != null) {
            // written even without hosts, so hosts can be added at run time
            c.append("dhcp-hostsfile=").append(stateDir.resolve(def.name() + ".hostsfile")).append('\n');
        }
        if (wantDns) {
            c.append("addn-hosts=").append(stateDir.resolve(def.name() + ".addnhosts")).append('\n');
        }
        if (def.mtu() > 0) {
            c.append("dhcp-option=option:mtu,").append(def.mtu()).append('\n');
        }
        if (dhcp6 != null) {
            c.append("enable-ra\n");
        } else {
            for (IpDef ip : def.ips()) {
                if (ip.address().v6() && ip.dhcp().ranges().isEmpty() && ip.dhcp().hosts().isEmpty()) {
                    c.append("dhcp-range=").append(ip.address()).append(",ra-only\n");
                }
            }
        }
        for (String o : def.dnsmasqOptions()) {
            c.append(o).append('\n');
        }
        return new DnsmasqConfig(c.toString(), hosts.toString(), addnHosts(dns));
    }

    /**
     * dnsmasq reads one directive a line, so a value with a line break would add directives of its
     * own (libvirt writes it as it is; jvirt refuses the network).
     */
    private static void noLineBreaks(NetworkDef def) {
        List<String> values = new ArrayList<>(List.of(def.name()));
        values.add(def.bridge().name());
        values.add(def.domainName());
        values.addAll(def.dnsmasqOptions());
        for (IpDef ip : def.ips()) {
            values.add(ip.tftpRoot());
            values.add(ip.dhcp().bootFile());
            for (Dhcp.Host h : ip.dhcp().hosts()) {
                values.addAll(Arrays.asList(h.mac(), h.id(), h.name()));
            }
        }
        Dns dns = def.dns();
        dns.forwarders().forEach(f -> values.add(f.domain()));
        dns.txts().forEach(t -> values.addAll(List.of(t.name(), t.value())));
        dns.srvs().forEach(v -> values.addAll(Arrays.asList(v.service(), v.protocol(), v.domain(), v.target())));
        dns.hosts().forEach(h -> values.addAll(h.hostnames()));
        for (String v : values) {
            if (v != null && (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0)) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.NETWORK, "network '"
                        + def.name().replaceAll("\\p{Cntrl}", "?") + "': a line break in '"
                        + v.replaceAll("\\p{Cntrl}", "?") + "' cannot go into dnsmasq's configuration");
            }
        }
    }

    /** jvirt's own comment header; the network name is shown without control characters. */
    private static void header(StringBuilder c, String name) {
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        c.append("## dnsmasq configuration of the virtual network '").append(shown).append("', written by jvirt.\n")
                .append("## jvirt rewrites this file: change the network instead (virsh net-edit ").append(shown)
                .append(",\n## or any other client of the libvirt API).\n");
    }

    /** RFC 2782 SRV: {@code _service._proto[.domain][,target[,port[,priority[,weight]]]]}. */
    private static void srv(StringBuilder c, Dns.Srv s) {
        c.append("srv-host=_").append(s.service()).append("._").append(s.protocol());
        if (s.domain() != null) {
            c.append('.').append(s.domain());
        }
        // no target or "." means the service is not available: the numbers do not matter then
        if (s.target() != null && !s.target().equals(".")) {
            c.append(',').append(s.target());
            // positional: an unset port before a set priority or weight is dnsmasq's default 1
            if (s.port() != 0 || s.priority() != 0 || s.weight() != 0) {
                c.append(',').append(s.port() != 0 ? s.port() : 1);
            }
            if (s.priority() != 0 || s.weight() != 0) {
                c.append(',').append(s.priority());
            }
            if (s.weight() != 0) {
                c.append(',').append(s.weight());
            }
        }
        c.append('\n');
    }

    /** The DHCP directives of one address; returns the number of addresses its ranges lease. */
    private static long dhcp(StringBuilder c, StringBuilder hosts, IpDef ip, String bridge) {
        if (ip == null) {
            return 0;
        }
        int prefix = ip.effectivePrefix();
        if (prefix < 0) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                    "bridge '" + bridge + "' has an invalid prefix");
        }
        boolean v6 = ip.address().v6();
        long count = 0;
        for (Dhcp.Range r : ip.dhcp().ranges()) {
            c.append("dhcp-range=").append(r.start()).append(',').append(r.end()).append(',');
            // dnsmasq wants a netmask for IPv4, a prefix length for IPv6
            c.append(v6 ? Integer.toString(prefix) : IpAddress.netmask(false, prefix).toString());
            if (r.lease() != null) {
                c.append(',').append(leaseTime(r.lease()));
            }
            c.append('\n');
            count += r.end().value().subtract(r.start().value()).longValue() + 1;
        }
        Dhcp d = ip.dhcp();
        if (d.ranges().isEmpty() && !d.hosts().isEmpty()) {
            // static hosts only: a "static" range turns the DHCP service on
            c.append("dhcp-range=").append(ip.address()).append(",static");
            if (v6) {
                c.append(',').append(prefix);
            }
            c.append('\n');
        }
        for (Dhcp.Host h : d.hosts()) {
            if (h.ip() != null) {
                hosts.append(hostLine(h, v6)).append('\n');
            }
        }
        if (!v6) {
            if (!d.ranges().isEmpty() || !d.hosts().isEmpty()) {
                c.append("dhcp-no-override\n").append("dhcp-authoritative\n");
            }
            if (d.bootFile() != null) {
                c.append("dhcp-boot=").append(d.bootFile());
                if (d.bootServer() != null) {
                    c.append(",,").append(d.bootServer());
                }
                c.append('\n');
            }
        }
        return count;
    }

    /** A lease time as dnsmasq reads it: {@code infinite}, or the number and the unit's first letter. */
    static String leaseTime(Dhcp.Lease l) {
        return l.expiry() == 0 ? "infinite" : Long.toUnsignedString(l.expiry()) + l.unit().charAt(0);
    }

    /** A {@code dhcp-hostsfile} line: {@code mac,ip[,name]} or {@code name,ip}; IPv6 {@code [id:ID][,name],[ip]}. */
    static String hostLine(Dhcp.Host h, boolean v6) {
        StringBuilder b = new StringBuilder();
        if (v6) {
            if (h.name() != null && h.id() != null) {
                b.append("id:").append(h.id()).append(',').append(h.name());
            } else if (h.name() != null) {
                b.append(h.name());
            } else if (h.id() != null) {
                b.append("id:").append(h.id());
            }
            b.append(",[").append(h.ip()).append(']');
        } else if (h.name() != null && h.mac() != null) {
            b.append(h.mac()).append(',').append(h.ip()).append(',').append(h.name());
        } else if (h.name() != null) {
            b.append(h.name()).append(',').append(h.ip());
        } else {
            b.append(h.mac()).append(',').append(h.ip());
        }
        if (h.lease() != null) {
            b.append(',').append(leaseTime(h.lease()));
        }
        return b.toString();
    }

    /** The {@code addn-hosts} file: one line per address, its names after it, each followed by a tab. */
    static String addnHosts(Dns dns) {
        Map<String, StringBuilder> byIp = new LinkedHashMap<>();
        for (Dns.Host h : dns.hosts()) {
            StringBuilder line = byIp.computeIfAbsent(h.ip().toString(), ip -> new StringBuilder(ip).append('\t'));
            for (String n : h.hostnames()) {
                line.append(n).append('\t');
            }
        }
        StringBuilder out = new StringBuilder();
        byIp.values().forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
