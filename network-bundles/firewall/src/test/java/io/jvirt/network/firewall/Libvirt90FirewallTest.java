package io.jvirt.network.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.conf.network.NetworkDef;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.NetNs;
import io.jvirt.testsupport.Virsh;

/**
 * libvirt 9.0 is the behaviour reference of the iptables backend. A real libvirtd 9.0 runs in a
 * network namespace of its own with its firewall commands logged (virt-admin sets the log filter);
 * jvirt's firewall runs in a second namespace. For every network of {@code networkxml2firewalldata},
 * started and then destroyed in both: the commands are the same, one by one (the global chains
 * included, which the first network creates), and so are {@code iptables-save} and
 * {@code ip6tables-save} (counters and comment lines masked) after start and after destroy.
 * jvirt's own networks in {@code src/test/resources/networks} add what the fixtures do not show
 * (route mode, SNAT to an address range, TFTP, {@code ipv6='yes'} without IPv6 addresses, open mode).
 */
class Libvirt90FirewallTest {
    private static final String APPLYING = "Applying rule '";

    @Test
    void iptablesCommandsAndTablesEqualLibvirtds() throws Exception {
        NetNs.requireRoot("iptables in network namespaces");
        NetNs.requireTools("ip", "iptables", "ip6tables", "iptables-save", "ip6tables-save", "dnsmasq", "virt-admin");
        List<Path> networks = new ArrayList<>();
        NetworkFixturesTest.cases().map(a -> (String) a.get()[0]).distinct()
                .forEach(n -> networks.add(NetworkFixturesTest.dir().resolve(n + ".xml")));
        try (var own = Files.list(Path.of(Libvirt90FirewallTest.class.getResource("/networks").toURI()))) {
            own.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(networks::add);
        }
        try (NetNs lvNs = NetNs.create("lvfw"); NetNs ours = NetNs.create("jvfw"); Libvirtd lv = Libvirtd.startIn(lvNs)) {
            Path log = lv.dir.resolve("logs/firewall.log");
            String admin = "libvirtd:///system?socket=" + lv.dir.resolve("run/libvirt-admin-sock");
            NetNs.run(List.of("virt-admin", "-c", admin, "daemon-log-filters", "1:util.firewall"));
            NetNs.run(List.of("virt-admin", "-c", admin, "daemon-log-outputs", "1:file:" + log));
            String uri = lv.uri("qemu", "system");
            Recording rec = new Recording(CommandRunner.system(ours.launcher()));
            NetworkFirewall jvirt = new NetworkFirewall(Backend.IPTABLES, rec);
            int seen = 0;
            List<String> report = new ArrayList<>();
            for (Path xml : networks) {
                String name = xml.getFileName().toString().replace(".xml", "");
                NetworkDef def = NetworkDef.parse(Files.readString(xml));

                Virsh.Result r = Virsh.run(uri, "net-create", xml.toString());
                assertEquals(0, r.exit(), name + ": " + r.err() + "\n" + lv.logTail());
                List<String> libvirtAdd = applied(log, seen);
                seen += libvirtAdd.size();
                Firewall removal = jvirt.add(def);
                assertEquals(libvirtAdd, rec.take(), name + ": the commands of net-start");
                assertEquals(tables(lvNs), tables(ours), name + ": the tables after net-start");

                r = Virsh.run(uri, "net-destroy", def.name());
                assertEquals(0, r.exit(), name + ": " + r.err());
                List<String> libvirtRemove = applied(log, seen);
                seen += libvirtRemove.size();
                // libvirt 9.0 removes by the definition; the removal jvirt keeps does the same in reverse
                Recording dry = new Recording(new DryRun());
                new NetworkFirewall(Backend.IPTABLES, dry).remove(def, null);
                assertEquals(libvirtRemove, dry.take().stream().map(l -> l.replaceFirst("^(ip6?tables)", "/usr/sbin/$1"))
                        .toList(), name + ": the commands of net-destroy");
                jvirt.remove(def, removal);
                rec.take();
                assertEquals(tables(lvNs), tables(ours), name + ": the tables after net-destroy");
                report.add(name + " " + libvirtAdd.size() + "+" + libvirtRemove.size());
            }
            System.out.println("Libvirt90FirewallTest: commands (start+destroy) equal to libvirtd 9.0's: " + report);
        }
    }

    /** The command lines libvirtd logged after the first {@code skip} ones. */
    private static List<String> applied(Path log, int skip) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            int at = l.indexOf(APPLYING);
            if (at >= 0) {
                out.add(l.substring(at + APPLYING.length(), l.length() - 1));
            }
        }
        return out.subList(skip, out.size());
    }

    /** iptables-save and ip6tables-save of a namespace without comments and counters. */
    static String tables(NetNs ns) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String tool : List.of("iptables-save", "ip6tables-save")) {
            for (String l : ns.exec(tool).split("\n")) {
                if (!l.startsWith("#")) {
                    b.append(l.replaceAll("\\[\\d+:\\d+\\]", "[0:0]")).append('\n');
                }
            }
        }
        return b.toString();
    }
}
