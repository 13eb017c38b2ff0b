package io.jvirt.network.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.conf.network.NetworkDef;
import io.jvirt.testsupport.NetNs;

/**
 * The nftables backend on the real nft in a network namespace this test creates (libvirt 9.0 has
 * no nftables backend to compare with, so the fixtures are the reference): every network of
 * {@code networkxml2firewalldata} is applied, the command lines nft accepted are the fixture's, the
 * rules are in the ruleset, and the removal built from the handles nft echoed leaves the ruleset as
 * it was before the network.
 */
class NftablesNamespaceTest {
    @Test
    void fixtureRulesApplyAndGoAwayByHandle() throws Exception {
        NetNs.requireRoot("nft in a network namespace");
        NetNs.requireTools("ip", "nft");
        List<String> names = NetworkFixturesTest.cases().map(a -> (String) a.get()[0]).distinct().toList();
        try (NetNs ns = NetNs.create("nft")) {
            // iif/oif name devices by index: the bridge must exist (the network driver creates it first)
            ns.exec("ip", "link", "add", "virbr0", "type", "bridge");
            Recording rec = new Recording(CommandRunner.system(ns.launcher()));
            NetworkFirewall fw = new NetworkFirewall(Backend.NFTABLES, rec);
            fw.setupGlobalChains(false);
            assertEquals(Files.readString(NetworkFixturesTest.dir().resolve("base.nftables")),
                    rec.dryRun.toString(), "the global chains, created by real nft");
            rec.take();
            String empty = ruleset(ns);
            assertTrue(empty.contains("chain guest_nat"), empty);
            for (String name : names) {
                NetworkDef def = NetworkDef.parse(Files.readString(NetworkFixturesTest.dir().resolve(name + ".xml")));
                Firewall removal = fw.add(def);
                assertEquals(NetworkFixturesTest.expected(name, Backend.NFTABLES), rec.dryRun.toString(), name);
                int rules = rec.take().size();
                String with = ruleset(ns);
                assertEquals(rules, count(with, "counter") - count(empty, "counter"), name + ":\n" + with);
                fw.remove(def, removal);
                assertEquals(rules, rec.take().size(), name + ": one delete by handle per rule");
                assertEquals(empty, ruleset(ns), name + ": the ruleset after the removal");
            }
        }
    }

    private static String ruleset(NetNs ns) throws Exception {
        return ns.exec("nft", "list", "ruleset");
    }

    private static int count(String s, String word) {
        int n = 0;
        for (int i = s.indexOf(word); i >= 0; i = s.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }
}
