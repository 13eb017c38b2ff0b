package io.jvirt.network.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.testsupport.NetNs;

/**
 * {@code clean-traffic} on a veth standing in for a guest's tap: the "guest" (the veth's other end, in
 * a namespace of its own) reaches a peer on the bridge with its own MAC and address; with a forged
 * address or a forged MAC its frames are dropped, and the drops are counted by the rules'
 * counters; with its own again it passes again.
 */
class SpoofingTest {
    static final String MAC = "52:54:00:12:34:56";

    @Test
    void forgedAddressesAndMacsAreDroppedAndCounted() throws Exception {
        Jvirt.requireStockFilters();
        NetNs.requireTools("busybox", "ebtables");
        try (NetNs host = NetNs.create("nwsh"); NetNs guest = NetNs.create("nwsg"); NetNs peer = NetNs.create("nwsp");
                Jvirt jvirt = new Jvirt(host)) {
            BridgedGuest.wire(host, guest, peer, MAC, "10.0.0.5/24");

            Connect c = jvirt.open();
            c.nwfilterBindingCreateXML("<filterbinding><owner><name>g</name><uuid>d3b1f9d2-8f55-4b8d-9d37-1c1b2a3b4c5d"
                    + "</uuid></owner><portdev name='vnet0'/><mac address='" + MAC + "'/><filterref filter='clean-traffic'>"
                    + "<parameter name='IP' value='10.0.0.5'/></filterref></filterbinding>");
            assertTrue(ping(guest), "the guest's own traffic passes");
            long macDrops = drops(host, "I-vnet0-mac");
            long ipDrops = drops(host, "I-vnet0-ipv4-ip") + drops(host, "I-vnet0-arp-ip");

            guest.exec("ip", "addr", "flush", "dev", "eth0");
            guest.exec("ip", "addr", "add", "10.0.0.99/24", "dev", "eth0");
            assertTrue(!ping(guest), "a forged address does not pass");
            long ipDropsNow = drops(host, "I-vnet0-ipv4-ip") + drops(host, "I-vnet0-arp-ip");
            assertTrue(ipDropsNow > ipDrops, "the forged address's frames are counted as dropped:\n" + counters(host));

            guest.exec("ip", "addr", "flush", "dev", "eth0");
            guest.exec("ip", "addr", "add", "10.0.0.5/24", "dev", "eth0");
            guest.exec("ip", "link", "set", "eth0", "address", "52:54:00:de:ad:99");
            assertTrue(!ping(guest), "a forged MAC does not pass");
            assertTrue(drops(host, "I-vnet0-mac") > macDrops, "the forged MAC's frames are counted as dropped:\n"
                    + counters(host));

            guest.exec("ip", "link", "set", "eth0", "address", MAC);
            guest.exec("ip", "neigh", "flush", "dev", "eth0");
            peer.exec("ip", "neigh", "flush", "dev", "eth0");
            assertTrue(ping(guest), "its own MAC and address pass again");

            c.nwfilterBindingLookupByPortDev("vnet0").delete();
            assertEquals("", host.exec("ebtables", "-t", "nat", "-L").replaceAll("(?m)^(Bridge table|Bridge chain: (PREROUTING|OUTPUT|POSTROUTING)).*$|^\\s*$", "").trim(),
                    "nothing is left after the binding's delete");
        }
    }

    static boolean ping(NetNs guest) throws Exception {
        // busybox's ping: Debian's iputils-ping is not among the test packages
        return NetNs.runStatus(java.util.List.of("ip", "netns", "exec", guest.name, "busybox", "ping", "-c", "2", "-W",
                "1", "10.0.0.1")).status() == 0;
    }

    static String counters(NetNs host) throws Exception {
        return host.exec("ebtables", "-t", "nat", "-L", "--Lc");
    }

    /** The packets the chain's final {@code -j DROP} counted. */
    static long drops(NetNs host, String chain) throws Exception {
        String out = host.exec("ebtables", "-t", "nat", "-L", chain, "--Lc");
        Matcher m = Pattern.compile("(?m)^-j DROP , pcnt = (\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
