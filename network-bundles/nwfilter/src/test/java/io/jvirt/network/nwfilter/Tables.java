package io.jvirt.network.nwfilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.jvirt.testsupport.NetNs;

/**
 * A namespace's filtering as the tools list it: {@code ebtables -t nat -L}, {@code iptables-save},
 * {@code ip6tables-save}, with packet and byte counters masked and the dump's dated comment lines
 * left out, so two namespaces with the same rules print the same text.
 */
final class Tables {
    private Tables() {
    }

    static String dump(NetNs ns) throws IOException, InterruptedException {
        NetNs.requireTools("ebtables", "iptables-save", "ip6tables-save");
        StringBuilder sb = new StringBuilder();
        sb.append("== ebtables -t nat -L\n").append(ns.exec("ebtables", "-t", "nat", "-L"));
        sb.append("== iptables-save\n").append(mask(ns.exec("iptables-save")));
        sb.append("== ip6tables-save\n").append(mask(ns.exec("ip6tables-save")));
        return sb.toString();
    }

    static String mask(String save) {
        List<String> out = new ArrayList<>();
        for (String l : save.split("\n")) {
            if (l.startsWith("#")) {
                continue;
            }
            out.add(l.replaceAll("\\[\\d+:\\d+\\]", "[0:0]"));
        }
        return String.join("\n", out) + "\n";
    }

    /** A veth pair in the namespace whose first end stands in for a guest's tap, up. */
    static void tap(NetNs ns, String name) throws IOException, InterruptedException {
        ns.exec("ip", "link", "add", name, "type", "veth", "peer", "name", name + "p");
        ns.exec("ip", "link", "set", name, "up");
        ns.exec("ip", "link", "set", name + "p", "up");
    }
}
