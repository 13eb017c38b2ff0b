package io.jvirt.network.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.conf.network.NetworkDef;
import io.jvirt.testsupport.Shared;

/**
 * Every dev fixture of libvirt's {@code networkxml2firewalldata} with both backends, as
 * {@code networkxml2firewalltest} runs them: the network's commands in a dry run (nft's {@code -ae}
 * answered with handle 5309), after the global chains of {@code base.iptables}/{@code base.nftables}
 * that the first network of an instance creates, equal byte for byte to {@code NAME-linux.BACKEND}.
 */
class NetworkFixturesTest {
    static Path dir() {
        return Shared.conformance().resolve("libvirt-10.7.0/tests/networkxml2firewalldata");
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                String name = xml.getFileName().toString().replace(".xml", "");
                for (Backend b : Backend.values()) {
                    out.add(Arguments.of(name, b));
                }
            }
        }
        return out.stream();
    }

    static String expected(String name, Backend b) throws IOException {
        return Files.readString(dir().resolve(name + "-linux." + b.configName()));
    }

    static NetworkDef def(String name) throws IOException {
        return NetworkDef.parse(Files.readString(dir().resolve(name + ".xml")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void commandsEqualTheFixture(String name, Backend backend) throws IOException {
        DryRun dry = new DryRun();
        NetworkFirewall fw = new NetworkFirewall(backend, dry);
        fw.add(def(name));
        String actual = dry.take();
        String base = Files.readString(dir().resolve("base." + backend.configName()));
        assertTrue(actual.startsWith(base), "the first network of an instance creates the global chains first:\n"
                + actual);
        assertEquals(expected(name, backend), actual.substring(base.length()));
    }

    @Test
    void everyDevCaseHasBothBackends() throws IOException {
        List<String> names = cases().map(a -> (String) a.get()[0]).distinct().toList();
        assertFalse(names.isEmpty(), "no fixtures in " + dir());
        for (String n : names) {
            for (Backend b : Backend.values()) {
                assertTrue(Files.isRegularFile(dir().resolve(n + "-linux." + b.configName())), n + " " + b);
            }
        }
    }

    @Test
    void theGlobalChainsAreSetUpOncePerInstance() throws IOException {
        for (Backend b : Backend.values()) {
            DryRun dry = new DryRun();
            NetworkFirewall fw = new NetworkFirewall(b, dry);
            fw.add(def("isolated"));
            dry.take();
            fw.add(def("nat-no-dhcp"));
            assertEquals(expected("nat-no-dhcp", b), dry.take(), b + ": a second network creates no chains");
            fw.setupGlobalChains(true);
            assertTrue(dry.take().startsWith(Files.readString(dir().resolve("base." + b.configName()))),
                    b + ": a forced setup lists and creates again");
        }
    }

    @Test
    void chainsThatExistAreNotCreatedAgain() {
        // what iptables --list-rules prints once libvirt's chains are there
        String filter = "-P INPUT ACCEPT\n-N LIBVIRT_INP\n-N LIBVIRT_OUT\n-N LIBVIRT_FWO\n-N LIBVIRT_FWI\n"
                + "-N LIBVIRT_FWX\n-A INPUT -j LIBVIRT_INP\n-A FORWARD -j LIBVIRT_FWX\n-A FORWARD -j LIBVIRT_FWI\n"
                + "-A FORWARD -j LIBVIRT_FWO\n-A OUTPUT -j LIBVIRT_OUT\n";
        String post = "-P POSTROUTING ACCEPT\n-N LIBVIRT_PRT\n-A POSTROUTING -j LIBVIRT_PRT\n";
        DryRun dry = new DryRun(argv -> argv.contains("filter") ? filter : post);
        new NetworkFirewall(Backend.IPTABLES, dry).setupGlobalChains(false);
        assertEquals(6, dry.argvs.size(), "only the six listings:\n" + dry.text);

        // nft list table, as nft prints an existing libvirt_network table of family ip
        String nft = "table ip libvirt_network {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n"
                + "\t\tcounter packets 0 bytes 0 jump guest_cross\n\t\tcounter packets 0 bytes 0 jump guest_input\n"
                + "\t\tcounter packets 0 bytes 0 jump guest_output\n\t}\n\tchain guest_output {\n\t}\n"
                + "\tchain guest_input {\n\t}\n\tchain guest_cross {\n\t}\n\tchain guest_nat {\n"
                + "\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t}\n}\n";
        DryRun dryNft = new DryRun(argv -> argv.contains("ip") ? nft : "");
        new NetworkFirewall(Backend.NFTABLES, dryNft).setupGlobalChains(false);
        List<List<String>> ip6 = dryNft.argvs.stream().filter(a -> a.contains("ip6")).toList();
        assertEquals(2, dryNft.argvs.size() - ip6.size() + 1, "ip: the listing only:\n" + dryNft.text);
        assertEquals(10, ip6.size(), "ip6 (no table yet): listing, table, 5 chains, 3 jumps:\n" + dryNft.text);
    }

    @Test
    void theRemovalUndoesWhatWasAdded() throws IOException {
        DryRun dry = new DryRun();
        NetworkFirewall ipt = new NetworkFirewall(Backend.IPTABLES, dry);
        ipt.setupGlobalChains(false);
        dry.take();
        Firewall removal = ipt.add(def("nat-port-range-ipv6"));
        List<List<String>> added = List.copyOf(dry.argvs);
        dry.take();
        ipt.remove(def("nat-port-range-ipv6"), removal);
        assertEquals(added.size(), dry.argvs.size(), dry.text.toString());
        for (int i = 0; i < added.size(); i++) {
            List<String> undo = new ArrayList<>(added.get(added.size() - 1 - i));
            undo.set(undo.indexOf("--insert"), "--delete");
            assertEquals(undo, dry.argvs.get(i), "removal in the reverse order of the insertions");
        }

        DryRun dryNft = new DryRun();
        NetworkFirewall nft = new NetworkFirewall(Backend.NFTABLES, dryNft);
        Firewall nftRemoval = nft.add(def("isolated"));
        dryNft.take();
        nft.remove(def("isolated"), nftRemoval);
        assertEquals("nft \\\ndelete \\\nrule \\\nip6 \\\nlibvirt_network \\\nguest_cross \\\nhandle \\\n5309\n",
                dryNft.text.substring(0, dryNft.text.indexOf("5309\n") + 5));
        assertEquals(6, dryNft.argvs.size());
    }
}
