package io.jvirt.network.firewall.nftables;

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
 * libvirt 10.x's nftables rules for virtual networks: a table {@code libvirt_network} per family
 * of its own (default accept, so nothing opens DHCP or DNS to the host), a forward chain jumping to
 * guest_output, guest_input and guest_cross, and a postrouting chain guest_nat. Rules are inserted
 * at the head of their chain as in the iptables backend; each is removed again by the handle nft
 * echoes ({@code -ae}).
 */
public final class NftablesRules implements NetworkRules {
    public static final String TABLE = "libvirt_network";
    static final String FORWARD = "forward";
    static final String FWD_IN = "guest_input";
    static final String FWD_OUT = "guest_output";
    static final String FWD_X = "guest_cross";
    static final String NAT = "guest_nat";

    private static final String MULTICAST4 = "224.0.0.0/24";
    private static final String MULTICAST6 = "ff02::/16";
    private static final String BROADCAST = "255.255.255.255/32";

    private record Chain(String parent, String name, String hook) {
    }

    private static final List<Chain> CHAINS = List.of(
            new Chain(null, FORWARD, "{ type filter hook forward priority 0; policy accept; }"),
            new Chain(FORWARD, FWD_OUT, null),
            new Chain(FORWARD, FWD_IN, null),
            new Chain(FORWARD, FWD_X, null),
            new Chain(null, NAT, "{ type nat hook postrouting priority 100; policy accept; }"));

    @Override
    public Backend backend() {
        return Backend.NFTABLES;
    }

    @Override
    public Firewall globalChains(Layer layer) {
        return Firewall.builder(Backend.NFTABLES).transaction(false, false)
                .query(layer, NftablesRules::missing, "list", "table", layer.family(), TABLE).build();
    }

    /** From {@code nft list table}: the table, chains and jumps that are not there yet. */
    private static List<Command> missing(Layer layer, List<String> lines) {
        String family = layer.family();
        String tableLine = "table " + family + " " + TABLE + " {";
        boolean table = false;
        Set<String> chains = new HashSet<>();
        Map<String, String> from = new HashMap<>();
        String chain = null;
        for (String raw : lines) {
            String line = raw.stripLeading();
            int jump;
            if (line.equals(tableLine)) {
                table = true;
            } else if (line.startsWith("chain ")) {
                String rest = line.substring(6);
                int sp = rest.indexOf(' ');
                if (sp > 0) {
                    chain = rest.substring(0, sp);
                    chains.add(chain);
                }
            } else if ((jump = line.indexOf("jump ")) >= 0 && chain != null) {
                from.put(line.substring(jump + 5), chain);
            }
        }
        List<Command> out = new ArrayList<>();
        if (!table) {
            out.add(Command.of(layer, "add", "table", family, TABLE));
        }
        for (Chain c : CHAINS) {
            if (!(table && chains.contains(c.name))) {
                List<String> a = new ArrayList<>(List.of("add", "chain", family, TABLE, c.name));
                if (c.hook != null) {
                    a.add(c.hook);
                }
                out.add(new Command(layer, a, false, null));
            }
            if (c.parent != null && !c.parent.equals(from.get(c.name))) {
                out.add(Command.of(layer, "insert", "rule", family, TABLE, c.parent, "counter", "jump", c.name));
            }
        }
        return out;
    }

    /** Rules of one network, in the order they are inserted. */
    private static final class Rules {
        final List<Command> list = new ArrayList<>();

        void rule(Layer l, String chain, List<String> match) {
            List<String> a = new ArrayList<>(List.of("insert", "rule", l.family(), TABLE, chain));
            a.addAll(match);
            list.add(new Command(l, a, false, null));
        }

        void rejectOut(Layer l, String br) {
            rule(l, FWD_OUT, List.of("iif", br, "counter", "reject"));
        }

        void rejectIn(Layer l, String br) {
            rule(l, FWD_IN, List.of("oif", br, "counter", "reject"));
        }

        void cross(Layer l, String br) {
            rule(l, FWD_X, List.of("iif", br, "oif", br, "counter", "accept"));
        }

        void allowOut(Layer l, String net, String br, String dev) {
            List<String> m = new ArrayList<>(List.of(l.family(), "saddr", net, "iif", br));
            if (dev != null && !dev.isEmpty()) {
                m.addAll(List.of("oifname", dev));
            }
            m.addAll(List.of("counter", "accept"));
            rule(l, FWD_OUT, m);
        }

        void allowRelatedIn(Layer l, String net, String br, String dev) {
            List<String> m = new ArrayList<>();
            if (dev != null && !dev.isEmpty()) {
                m.addAll(List.of("iifname", dev));
            }
            m.addAll(List.of("oif", br, l.family(), "daddr", net, "ct", "state", "related,established", "counter",
                    "accept"));
            rule(l, FWD_IN, m);
        }

        void allowIn(Layer l, String net, String br, String dev) {
            List<String> m = new ArrayList<>(List.of(l.family(), "daddr", net));
            if (dev != null && !dev.isEmpty()) {
                m.addAll(List.of("iifname", dev));
            }
            m.addAll(List.of("oif", br, "counter", "accept"));
            rule(l, FWD_IN, m);
        }

        void masquerade(Layer l, String net, String dev, Nat nat, String protocol) {
            List<String> m = new ArrayList<>();
            if (protocol != null) {
                m.addAll(List.of("meta", "l4proto", protocol));
            }
            m.addAll(List.of(l.family(), "saddr", net, l.family(), "daddr", "!=", net));
            if (dev != null && !dev.isEmpty()) {
                m.addAll(List.of("oifname", dev));
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
                ports = ":" + start + "-" + end;
            }
            String first = nat.start() != null && nat.start().v6() == (l == Layer.IPV6) ? nat.start().toString() : null;
            if (first != null) {
                String last = nat.end() != null && nat.end().v6() == (l == Layer.IPV6) ? nat.end().toString() : null;
                String range = (last != null ? first + "-" + last : first) + (ports != null ? ports : "");
                m.addAll(List.of("counter", "snat", "to", range));
            } else {
                m.addAll(List.of("counter", "masquerade"));
                if (ports != null) {
                    m.addAll(List.of("to", ports));
                }
            }
            rule(l, NAT, m);
        }

        void dontMasquerade(Layer l, String net, String dev, String dest) {
            List<String> m = new ArrayList<>();
            if (dev != null && !dev.isEmpty()) {
                m.addAll(List.of("oifname", dev));
            }
            m.addAll(List.of(l.family(), "saddr", net, l.family(), "daddr", dest, "counter", "return"));
            rule(l, NAT, m);
        }
    }

    @Override
    public Firewall add(NetworkDef def) {
        String br = NetFacts.bridge(def);
        Rules r = new Rules();
        r.rejectOut(Layer.IPV4, br);
        r.rejectIn(Layer.IPV4, br);
        r.cross(Layer.IPV4, br);
        if (!NetFacts.ips(def, true).isEmpty() || def.ipv6()) {
            r.rejectOut(Layer.IPV6, br);
            r.rejectIn(Layer.IPV6, br);
            r.cross(Layer.IPV6, br);
        }
        for (IpDef ip : def.ips()) {
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
        Firewall.Builder fw = Firewall.builder(Backend.NFTABLES).transaction(false, true);
        r.list.forEach(c -> fw.add(c.layer(), c.args()));
        return fw.build();
    }

    private static void masquerading(Rules r, NetworkDef def, IpDef ip, String br) {
        Layer l = ip.address().v6() ? Layer.IPV6 : Layer.IPV4;
        String net = NetFacts.network(ip.address(), NetFacts.prefix(def, ip));
        String dev = NetFacts.forwardDev(def);
        Nat nat = def.forward().nat();
        r.allowOut(l, net, br, dev);
        r.allowRelatedIn(l, net, br, dev);
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
        r.allowIn(l, net, br, dev);
    }

    @Override
    public Firewall remove(NetworkDef def) {
        return null;
    }
}
