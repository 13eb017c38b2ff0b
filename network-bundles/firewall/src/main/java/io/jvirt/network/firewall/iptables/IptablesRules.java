package io.jvirt.network.firewall.iptables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.network.ForwardMode;
import io.jvirt.conf.network.IpDef;
import io.jvirt.conf.network.Nat;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.network.firewall.Backend;
import io.jvirt.network.firewall.Command;
import io.jvirt.network.firewall.Firewall;
import io.jvirt.network.firewall.Layer;
import io.jvirt.network.firewall.NetworkRules;
import io.jvirt.network.firewall.net.NetFacts;

/**
 * libvirt's iptables rules for virtual networks (9.0's behaviour): private chains LIBVIRT_INP/OUT
 * (filter INPUT/OUTPUT), LIBVIRT_FWO/FWI/FWX (FORWARD) and LIBVIRT_PRT (nat and mangle
 * POSTROUTING); every rule is inserted at the head of its chain, so what must match first is
 * added last.
 */
public final class IptablesRules implements NetworkRules {
    static final String INPUT = "LIBVIRT_INP";
    static final String OUTPUT = "LIBVIRT_OUT";
    static final String FWD_IN = "LIBVIRT_FWI";
    static final String FWD_OUT = "LIBVIRT_FWO";
    static final String FWD_X = "LIBVIRT_FWX";
    static final String POSTROUTE = "LIBVIRT_PRT";

    private static final String MULTICAST4 = "224.0.0.0/24";
    private static final String MULTICAST6 = "ff02::/16";
    private static final String BROADCAST = "255.255.255.255/32";

    @Override
    public Backend backend() {
        return Backend.IPTABLES;
    }

    private record Link(String parent, String child) {
    }

    private static final List<Link> FILTER = List.of(new Link("INPUT", INPUT), new Link("OUTPUT", OUTPUT),
            new Link("FORWARD", FWD_OUT), new Link("FORWARD", FWD_IN), new Link("FORWARD", FWD_X));
    private static final List<Link> POST = List.of(new Link("POSTROUTING", POSTROUTE));

    @Override
    public Firewall globalChains(Layer layer) {
        Firewall.Builder fw = Firewall.builder(Backend.IPTABLES).transaction(false, false);
        for (String table : List.of("filter", "nat", "mangle")) {
            List<Link> links = table.equals("filter") ? FILTER : POST;
            fw.query(layer, (l, lines) -> missing(l, table, links, lines), "--table", table, "--list-rules");
        }
        return fw.build();
    }

    /** From {@code --list-rules} output: the chains to create and the jumps to insert. */
    private static List<Command> missing(Layer layer, String table, List<Link> links, List<String> lines) {
        Set<String> chains = new HashSet<>();
        Map<String, String> from = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("-N ")) {
                chains.add(line.substring(3));
            } else if (line.startsWith("-A ")) {
                String rest = line.substring(3);
                int sp = rest.indexOf(' ');
                if (sp > 0 && rest.startsWith("-j ", sp + 1)) {
                    from.put(rest.substring(sp + 4), rest.substring(0, sp));
                }
            }
        }
        List<Command> out = new ArrayList<>();
        for (Link k : links) {
            if (!chains.contains(k.child)) {
                out.add(Command.of(layer, "--table", table, "--new-chain", k.child));
            }
            if (!k.parent.equals(from.get(k.child))) {
                out.add(Command.of(layer, "--table", table, "--insert", k.parent, "--jump", k.child));
            }
        }
        return out;
    }

    /** Builds a rule list for adding ({@code --insert}) or removing ({@code --delete}). */
    private static final class Rules {
        final String action;
        final List<Command> list = new ArrayList<>();

        Rules(String action) {
            this.action = action;
        }

        void add(Layer layer, String table, String chain, String... rest) {
            List<String> a = new ArrayList<>(List.of("--table", table, action, chain));
            a.addAll(List.of(rest));
            list.add(new Command(layer, a, false, null));
        }

        void input(Layer l, String br, int port, boolean tcp) {
            add(l, "filter", INPUT, "--in-interface", br, "--protocol", tcp ? "tcp" : "udp", "--destination-port",
                    Integer.toString(port), "--jump", "ACCEPT");
        }

        void output(Layer l, String br, int port, boolean tcp) {
            add(l, "filter", OUTPUT, "--out-interface", br, "--protocol", tcp ? "tcp" : "udp", "--destination-port",
                    Integer.toString(port), "--jump", "ACCEPT");
        }

        void rejectOut(Layer l, String br) {
            add(l, "filter", FWD_OUT, "--in-interface", br, "--jump", "REJECT");
        }

        void rejectIn(Layer l, String br) {
            add(l, "filter", FWD_IN, "--out-interface", br, "--jump", "REJECT");
        }

        void cross(Layer l, String br) {
            add(l, "filter", FWD_X, "--in-interface", br, "--out-interface", br, "--jump", "ACCEPT");
        }

        void allowOut(Layer l, String net, String br, String dev) {
            if (dev != null && !dev.isEmpty()) {
                add(l, "filter", FWD_OUT, "--source", net, "--in-interface", br, "--out-interface", dev, "--jump",
                        "ACCEPT");
            } else {
                add(l, "filter", FWD_OUT, "--source", net, "--in-interface", br, "--jump", "ACCEPT");
            }
        }

        void allowIn(Layer l, String net, String br, String dev, boolean related) {
            List<String> a = new ArrayList<>(List.of("--destination", net));
            if (dev != null && !dev.isEmpty()) {
                a.addAll(List.of("--in-interface", dev));
            }
            a.addAll(List.of("--out-interface", br));
            if (related) {
                a.addAll(List.of("--match", "conntrack", "--ctstate", "ESTABLISHED,RELATED"));
            }
            a.addAll(List.of("--jump", "ACCEPT"));
            add(l, "filter", FWD_IN, a.toArray(String[]::new));
        }

        void masquerade(Layer l, String net, String dev, Nat nat, String protocol) {
            List<String> a = new ArrayList<>(List.of("--source", net));
            if (protocol != null) {
                a.addAll(List.of("-p", protocol));
            }
            a.addAll(List.of("!", "--destination", net));
            if (dev != null && !dev.isEmpty()) {
                a.addAll(List.of("--out-interface", dev));
            }
            String ports = null;
            if (protocol != null) {
                long start = nat.portStart();
                long end = nat.portEnd();
                if (start == 0 && end == 0) {
                    start = 1024;
                    end = 65535;
                }
                if (!(start < end && end < 65536)) {
                    throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                            "Invalid port range '" + start + "-" + end + "'.");
                }
                ports = start + "-" + end;
            }
            // a public address range applies to IPv4 only (the <nat><address> of the definition)
            String first = nat.start() != null && nat.start().v6() == (l == Layer.IPV6) ? nat.start().toString() : null;
            if (first != null) {
                String last = nat.end() != null && nat.end().v6() == (l == Layer.IPV6) ? nat.end().toString() : null;
                String range = (last != null ? first + "-" + last : first) + (ports != null ? ":" + ports : "");
                a.addAll(List.of("--jump", "SNAT", "--to-source", range));
            } else {
                a.addAll(List.of("--jump", "MASQUERADE"));
                if (ports != null) {
                    a.addAll(List.of("--to-ports", ports));
                }
            }
            add(l, "nat", POSTROUTE, a.toArray(String[]::new));
        }

        void dontMasquerade(Layer l, String net, String dev, String dest) {
            if (dev != null && !dev.isEmpty()) {
                add(l, "nat", POSTROUTE, "--out-interface", dev, "--source", net, "--destination", dest, "--jump",
                        "RETURN");
            } else {
                add(l, "nat", POSTROUTE, "--source", net, "--destination", dest, "--jump", "RETURN");
            }
        }

        void checksum(String br) {
            add(Layer.IPV4, "mangle", POSTROUTE, "--out-interface", br, "--protocol", "udp", "--destination-port",
                    "68", "--jump", "CHECKSUM", "--checksum-fill");
        }
    }

    private static boolean hasIpv6(NetworkDef def) {
        return !NetFacts.ips(def, true).isEmpty();
    }

    @Override
    public Firewall add(NetworkDef def) {
        String br = NetFacts.bridge(def);
        Rules r = new Rules("--insert");
        // IPv4: DHCP and DNS to and from dnsmasq, TFTP when served, isolation, guest to guest
        IpDef dhcp = NetFacts.dhcp4(def, true);
        r.input(Layer.IPV4, br, 67, true);
        r.input(Layer.IPV4, br, 67, false);
        r.output(Layer.IPV4, br, 68, true);
        r.output(Layer.IPV4, br, 68, false);
        r.input(Layer.IPV4, br, 53, true);
        r.input(Layer.IPV4, br, 53, false);
        r.output(Layer.IPV4, br, 53, true);
        r.output(Layer.IPV4, br, 53, false);
        if (dhcp != null && dhcp.tftpRoot() != null) {
            r.input(Layer.IPV4, br, 69, false);
            r.output(Layer.IPV4, br, 69, false);
        }
        r.rejectOut(Layer.IPV4, br);
        r.rejectIn(Layer.IPV4, br);
        r.cross(Layer.IPV4, br);
        // IPv6: the same isolation when the network has an IPv6 address or guest-to-guest IPv6
        if (hasIpv6(def) || def.ipv6()) {
            r.rejectOut(Layer.IPV6, br);
            r.rejectIn(Layer.IPV6, br);
            r.cross(Layer.IPV6, br);
            if (hasIpv6(def)) {
                r.input(Layer.IPV6, br, 53, true);
                r.input(Layer.IPV6, br, 53, false);
                r.output(Layer.IPV6, br, 53, true);
                r.output(Layer.IPV6, br, 53, false);
                r.input(Layer.IPV6, br, 547, false);
                r.output(Layer.IPV6, br, 546, false);
            }
        }
        for (IpDef ip : def.ips()) {
            ipSpecific(r, def, ip, br);
        }
        Firewall.Builder fw = Firewall.builder(Backend.IPTABLES).transaction(false, true);
        r.list.forEach(c -> fw.add(c.layer(), c.args()));
        fw.transaction(true, true);
        if (NetFacts.dhcp4(def, false) != null) {
            // fixes the checksum of DHCP replies to guests; not every iptables can, so errors are ignored
            Rules ck = new Rules("--insert");
            ck.checksum(br);
            ck.list.forEach(c -> fw.add(c.layer(), c.args()));
        }
        return fw.build();
    }

    /** NAT masquerades IPv4 (and IPv6 with {@code <nat ipv6='yes'>}) and routes the rest; route routes. */
    private static void ipSpecific(Rules r, NetworkDef def, IpDef ip, String br) {
        ForwardMode mode = def.forward().mode();
        boolean v6 = ip.address().v6();
        if (mode == ForwardMode.NAT) {
            if (!v6 || Boolean.TRUE.equals(def.forward().nat().ipv6())) {
                masquerading(r, def, ip, br);
            } else {
                routing(r, def, ip, br);
            }
        } else if (mode == ForwardMode.ROUTE) {
            routing(r, def, ip, br);
        }
    }

    private static void masquerading(Rules r, NetworkDef def, IpDef ip, String br) {
        Layer l = ip.address().v6() ? Layer.IPV6 : Layer.IPV4;
        String net = NetFacts.network(ip.address(), NetFacts.prefix(def, ip));
        String dev = NetFacts.forwardDev(def);
        Nat nat = def.forward().nat();
        r.allowOut(l, net, br, dev);
        r.allowIn(l, net, br, dev, true);
        // inserted in reverse of the order they must match in: multicast, broadcast, tcp, udp, any
        r.masquerade(l, net, dev, nat, null);
        r.masquerade(l, net, dev, nat, "udp");
        r.masquerade(l, net, dev, nat, "tcp");
        if (l == Layer.IPV4) {
            r.dontMasquerade(l, net, dev, BROADCAST);
        }
        r.dontMasquerade(l, net, dev, l == Layer.IPV4 ? MULTICAST4 : MULTICAST6);
    }

    private static void routing(Rules r, NetworkDef def, IpDef ip, String br) {
        Layer l = ip.address().v6() ? Layer.IPV6 : Layer.IPV4;
        String net = NetFacts.network(ip.address(), NetFacts.prefix(def, ip));
        String dev = NetFacts.forwardDev(def);
        r.allowOut(l, net, br, dev);
        r.allowIn(l, net, br, dev, false);
    }

    @Override
    public Firewall remove(NetworkDef def) {
        String br = NetFacts.bridge(def);
        Firewall.Builder fw = Firewall.builder(Backend.IPTABLES).transaction(true, false);
        if (NetFacts.dhcp4(def, false) != null) {
            Rules ck = new Rules("--delete");
            ck.checksum(br);
            ck.list.forEach(c -> fw.add(c.layer(), c.args()));
        }
        fw.transaction(true, false);
        Rules r = new Rules("--delete");
        for (IpDef ip : def.ips()) {
            ForwardMode mode = def.forward().mode();
            boolean v6 = ip.address().v6();
            if (ip.effectivePrefix() < 0) {
                continue;
            }
            if (mode == ForwardMode.NAT && (!v6 || Boolean.TRUE.equals(def.forward().nat().ipv6()))) {
                Layer l = v6 ? Layer.IPV6 : Layer.IPV4;
                String net = NetFacts.network(ip.address(), ip.effectivePrefix());
                String dev = NetFacts.forwardDev(def);
                Nat nat = def.forward().nat();
                r.dontMasquerade(l, net, dev, l == Layer.IPV4 ? MULTICAST4 : MULTICAST6);
                if (l == Layer.IPV4) {
                    r.dontMasquerade(l, net, dev, BROADCAST);
                }
                r.masquerade(l, net, dev, nat, "tcp");
                r.masquerade(l, net, dev, nat, "udp");
                r.masquerade(l, net, dev, nat, null);
                r.allowIn(l, net, br, dev, true);
                r.allowOut(l, net, br, dev);
            } else if (mode == ForwardMode.NAT || mode == ForwardMode.ROUTE) {
                Layer l = v6 ? Layer.IPV6 : Layer.IPV4;
                String net = NetFacts.network(ip.address(), ip.effectivePrefix());
                String dev = NetFacts.forwardDev(def);
                r.allowIn(l, net, br, dev, false);
                r.allowOut(l, net, br, dev);
            }
        }
        IpDef dhcp = NetFacts.dhcp4(def, true);
        r.cross(Layer.IPV4, br);
        r.rejectIn(Layer.IPV4, br);
        r.rejectOut(Layer.IPV4, br);
        if (dhcp != null && dhcp.tftpRoot() != null) {
            r.input(Layer.IPV4, br, 69, false);
            r.output(Layer.IPV4, br, 69, false);
        }
        r.input(Layer.IPV4, br, 53, false);
        r.input(Layer.IPV4, br, 53, true);
        r.output(Layer.IPV4, br, 53, false);
        r.output(Layer.IPV4, br, 53, true);
        r.output(Layer.IPV4, br, 68, false);
        r.output(Layer.IPV4, br, 68, true);
        r.input(Layer.IPV4, br, 67, false);
        r.input(Layer.IPV4, br, 67, true);
        if (hasIpv6(def) || def.ipv6()) {
            if (hasIpv6(def)) {
                r.output(Layer.IPV6, br, 546, false);
                r.input(Layer.IPV6, br, 547, false);
                r.output(Layer.IPV6, br, 53, false);
                r.output(Layer.IPV6, br, 53, true);
                r.input(Layer.IPV6, br, 53, false);
                r.input(Layer.IPV6, br, 53, true);
            }
            r.cross(Layer.IPV6, br);
            r.rejectIn(Layer.IPV6, br);
            r.rejectOut(Layer.IPV6, br);
        }
        r.list.forEach(c -> fw.add(c.layer(), c.args()));
        return fw.build();
    }
}
