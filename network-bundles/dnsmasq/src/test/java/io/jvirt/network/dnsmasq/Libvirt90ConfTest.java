package io.jvirt.network.dnsmasq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * libvirt 9.0 is the behaviour reference: every network of {@code networkxml2confdata} is started
 * (net-create) in a real libvirtd 9.0 running in a network namespace of its own, and the dnsmasq
 * files it writes there equal jvirt's for the same definition with libvirt's paths: the directives
 * (9.0 adds {@code pid-file=/run/libvirt/network/NAME.pid}, which is jvirt's too when it names a
 * pid file), the DHCP hosts file and the DNS hosts file. A network that needs no dnsmasq gets no
 * files in either. jvirt's own networks in {@code src/test/resources/networks} add what the dev
 * fixtures do not show (isolated mode, TXT records, PTR domains, static-only DHCP, boot servers,
 * lease times, forwarders without an address, the dnsmasq namespace).
 */
class Libvirt90ConfTest {
    @Test
    void libvirtdWritesWhatJvirtWrites() throws Exception {
        NetNs.requireRoot("libvirtd's network driver in a network namespace");
        NetNs.requireTools("ip", "dnsmasq", "iptables");
        List<String> compared = new ArrayList<>();
        try (NetNs ns = NetNs.create("lvconf"); Libvirtd lv = Libvirtd.startIn(ns)) {
            String uri = lv.uri("qemu", "system");
            Path state = lv.dir.resolve("ov/_var_lib/upper/libvirt/dnsmasq");
            for (Path xml : networks()) {
                String name = xml.getFileName().toString().replace(".xml", "");
                NetworkDef def = NetworkDef.parse(Files.readString(xml), true);
                Virsh.Result r = Virsh.run(uri, "net-create", xml.toString());
                Path conf = state.resolve(def.name() + ".conf");
                try {
                    if (!DnsmasqConfig.needed(def)) {
                        assertEquals(0, r.exit(), name + ": " + r.err());
                        assertFalse(Files.exists(conf), name + ": libvirtd wrote a configuration jvirt would not");
                        compared.add(name + " (no dnsmasq)");
                        continue;
                    }
                    if (r.exit() != 0) {
                        // dnsmasq itself refuses to serve (netboot-network: its TFTP root is not there),
                        // after libvirtd wrote the files
                        assertTrue(r.err().contains("unexpected exit status 3: \ndnsmasq: TFTP directory"),
                                name + ": " + r.err());
                    }
                    DnsmasqConfig ours = DnsmasqConfig.of(def, Path.of("/var/lib/libvirt/dnsmasq"),
                            Path.of("/run/libvirt/network/" + def.name() + ".pid"));
                    assertEquals(ConfFixturesTest.directives(Files.readString(conf)),
                            ConfFixturesTest.directives(ours.conf()), name);
                    assertEquals(Files.readString(state.resolve(def.name() + ".hostsfile")), ours.hostsFile(), name);
                    assertEquals(Files.readString(state.resolve(def.name() + ".addnhosts")), ours.addnHosts(), name);
                    compared.add(name);
                } finally {
                    if (r.exit() == 0) {
                        Virsh.run(uri, "net-destroy", def.name());
                    }
                    Files.deleteIfExists(conf);
                }
            }
        }
        System.out.println("Libvirt90ConfTest compared with libvirtd 9.0: " + compared);
        assertEquals(networks().size(), compared.size());
    }

    /** The dev fixtures, then jvirt's own networks. */
    static List<Path> networks() throws Exception {
        List<Path> all = new ArrayList<>();
        for (String n : ConfFixturesTest.names().toList()) {
            all.add(ConfFixturesTest.dir().resolve(n + ".xml"));
        }
        Path own = Path.of(Libvirt90ConfTest.class.getResource("/networks").toURI());
        try (var files = Files.list(own)) {
            files.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(all::add);
        }
        return all;
    }
}
