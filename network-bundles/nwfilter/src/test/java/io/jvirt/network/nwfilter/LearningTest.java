package io.jvirt.network.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.testsupport.NetNs;

/**
 * {@code CTRL_IP_LEARNING}: a {@code clean-traffic} binding without {@code $IP} learns the guest's
 * address from its traffic on the tap (a veth standing in for it, bridged to a peer). With
 * {@code dhcp}, only DHCP passes until dnsmasq on the peer acknowledges a lease to the guest's
 * (busybox udhcpc) MAC; then the rules are those of the leased address, and the guest, with that
 * address, reaches the peer. With {@code any}, the source address of the guest's first IPv4 packet
 * is taken: the guest keeps talking (as a booting guest does) until the rules are those of that
 * address, the same as a binding that gives it.
 */
class LearningTest {
    static final String MAC = "52:54:00:12:34:58";

    @Test
    void dhcpLearnsTheLeasedAddress() throws Exception {
        Jvirt.requireStockFilters();
        NetNs.requireTools("busybox", "ebtables", "dnsmasq");
        try (NetNs host = NetNs.create("nwlh"); NetNs guest = NetNs.create("nwlg"); NetNs peer = NetNs.create("nwlp");
                Jvirt jvirt = new Jvirt(host)) {
            BridgedGuest.wire(host, guest, peer, MAC, null);
            Process dnsmasq = new ProcessBuilder("ip", "netns", "exec", peer.name, "dnsmasq", "--no-daemon",
                    "--conf-file=/dev/null", "--port=0", "--interface=eth0", "--bind-interfaces", "--leasefile-ro",
                    "--dhcp-range=10.0.0.50,10.0.0.50,12h", "--pid-file=").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                Connect c = jvirt.open();
                c.nwfilterBindingCreateXML(binding("dhcp"));
                // the snooper must see the whole exchange, however soon the guest starts it
                assertTrue(listening(host, "vnet0"), "the snooper listens on vnet0 when the create returns:\n"
                        + host.exec("cat", "/proc/net/packet"));
                String before = host.exec("ebtables", "-t", "nat", "-L");
                assertTrue(!before.contains("--ip-src 10.0.0.50"), "nothing learned yet:\n" + before);

                // udhcpc asks for a lease (DISCOVER, OFFER, REQUEST, ACK) and configures it
                NetNs.Result dhcp = NetNs.runStatus(List.of("ip", "netns", "exec", guest.name, "busybox", "udhcpc",
                        "-i", "eth0", "-n", "-q", "-t", "5", "-T", "2", "-s", "/bin/true"));
                assertEquals(0, dhcp.status(), "the DHCP exchange passes the DHCP-only rules:\n" + dhcp.output());
                String learned = await(host, "--ip-src 10.0.0.50");
                assertTrue(learned.contains("-p IPv4 --ip-src 10.0.0.50 -j RETURN"), learned);
                guest.exec("ip", "addr", "add", "10.0.0.50/24", "dev", "eth0");
                assertTrue(SpoofingTest.ping(guest) || SpoofingTest.ping(guest), "the guest with its leased address reaches "
                        + "the peer:\n" + SpoofingTest.counters(host) + Tables.dump(host));
                c.nwfilterBindingLookupByPortDev("vnet0").delete();
            } finally {
                dnsmasq.destroy();
                dnsmasq.waitFor();
            }
        }
    }

    @Test
    void anyLearnsTheSourceOfTheGuestsFirstPacket() throws Exception {
        Jvirt.requireStockFilters();
        NetNs.requireTools("busybox", "ebtables", "iptables-save");
        try (NetNs host = NetNs.create("nwah"); NetNs guest = NetNs.create("nwag"); NetNs peer = NetNs.create("nwap");
                Jvirt jvirt = new Jvirt(host)) {
            BridgedGuest.wire(host, guest, peer, MAC, "10.0.0.77/24");

            Connect c = jvirt.open();
            c.nwfilterBindingCreateXML(binding("any"));
            assertTrue(listening(host, "vnet0"), "the learner listens on vnet0 when the create returns:\n"
                    + host.exec("cat", "/proc/net/packet"));
            String before = host.exec("ebtables", "-t", "nat", "-L");
            assertTrue(!before.contains("--ip-src 10.0.0.77"), "nothing learned before the guest talks:\n" + before);

            // the guest talks (ARP, then ICMP from 10.0.0.77) until its address is learned
            String learned = await(host, "-p IPv4 --ip-src 10.0.0.77 -j RETURN", () -> NetNs.runStatus(List.of("ip",
                    "netns", "exec", guest.name, "busybox", "ping", "-c", "1", "-W", "1", "10.0.0.1")));
            assertTrue(learned.contains("-p ARP --arp-ip-src 10.0.0.77 -j RETURN"), learned);
            assertTrue(SpoofingTest.ping(guest) || SpoofingTest.ping(guest), "the guest reaches the peer from its "
                    + "learned address:\n" + SpoofingTest.counters(host));
            guest.exec("ip", "addr", "flush", "dev", "eth0");
            guest.exec("ip", "addr", "add", "10.0.0.99/24", "dev", "eth0");
            assertTrue(!SpoofingTest.ping(guest), "another address does not pass once 10.0.0.77 is learned");
            String tables = Tables.dump(host);

            // the same as a binding that gives the address
            c.nwfilterBindingLookupByPortDev("vnet0").delete();
            c.nwfilterBindingCreateXML(binding("any").replace("</filterref>",
                    "<parameter name='IP' value='10.0.0.77'/></filterref>"));
            assertEquals(Tables.dump(host), tables, "the learned address's rules are those of IP='10.0.0.77'");
            c.nwfilterBindingLookupByPortDev("vnet0").delete();
        }
    }

    static String binding(String learning) {
        return "<filterbinding><owner><name>g</name><uuid>d3b1f9d2-8f55-4b8d-9d37-1c1b2a3b4c5d</uuid></owner>"
                + "<portdev name='vnet0'/><mac address='" + MAC + "'/><filterref filter='clean-traffic'>"
                + "<parameter name='CTRL_IP_LEARNING' value='" + learning + "'/></filterref></filterbinding>";
    }

    /** Whether a packet socket of the namespace is bound to the device (its {@code /proc/net/packet}). */
    static boolean listening(NetNs ns, String dev) throws Exception {
        String ifindex = ns.exec("cat", "/sys/class/net/" + dev + "/ifindex").trim();
        for (String l : ns.exec("cat", "/proc/net/packet").split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (f.length > 4 && f[4].equals(ifindex)) {
                return true;
            }
        }
        return false;
    }

    /** The ebtables listing once it holds {@code text} (the learner instantiates from its own thread). */
    static String await(NetNs host, String text) throws Exception {
        return await(host, text, () -> { });
    }

    /** What a test does in each round of {@link #await(NetNs, String, Round)}: the guest talking. */
    interface Round {
        void run() throws Exception;
    }

    /** The ebtables listing once it holds {@code text}, doing {@code round} before each look. */
    static String await(NetNs host, String text, Round round) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        String now;
        do {
            round.run();
            // a listing while the learner's thread changes the chains may fail (ebtables-nft): ask again
            NetNs.Result r = NetNs.runStatus(List.of("ip", "netns", "exec", host.name, "ebtables", "-t", "nat", "-L"));
            now = r.output();
            if (r.status() == 0 && now.contains(text)) {
                return now;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        throw new AssertionError("not learned in 30 s (" + text + "):\n" + now);
    }
}
