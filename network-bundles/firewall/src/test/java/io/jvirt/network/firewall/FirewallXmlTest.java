package io.jvirt.network.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The removal a network keeps in its status file, in libvirt 10.x's {@code <firewall>} layout, and back. */
class FirewallXmlTest {
    @Test
    void theRemovalOfANetworkRoundTrips() throws IOException {
        DryRun dry = new DryRun();
        NetworkFirewall nft = new NetworkFirewall(Backend.NFTABLES, dry);
        Firewall removal = nft.add(NetworkFixturesTest.def("isolated"));
        String xml = FirewallXml.format(removal, "fwRemoval", 1);
        assertEquals("  <firewall name='fwRemoval' backend='nftables'>\n"
                + "    <group ignoreErrors='yes'>\n"
                + "      <action layer='ipv6'>\n"
                + "        <args>\n"
                + "          <item>delete</item>\n"
                + "          <item>rule</item>\n"
                + "          <item>ip6</item>\n"
                + "          <item>libvirt_network</item>\n"
                + "          <item>guest_cross</item>\n"
                + "          <item>handle</item>\n"
                + "          <item>5309</item>\n"
                + "        </args>\n"
                + "      </action>\n", xml.substring(0, xml.indexOf("</action>") + 10));
        assertEquals(removal, FirewallXml.parse(xml));
        assertEquals("<firewall backend='iptables'/>\n",
                FirewallXml.format(Firewall.builder(Backend.IPTABLES).build(), null, 0));
    }
}
