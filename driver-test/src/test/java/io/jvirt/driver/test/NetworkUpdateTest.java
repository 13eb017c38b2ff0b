package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.Network;
import io.jvirt.api.NetworkUpdateFlag;
import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * {@code virNetworkUpdate} on every section, with the results and errors libvirt 9.0's test driver
 * gives. Each expectation was printed by one {@code virsh -q -c test:///default "CMD; CMD; ..."}
 * run (one state for the whole sequence), written above it; the API-only cases (command and
 * section numbers virsh cannot send) by libvirt-python's {@code virNetwork.update} on
 * {@code test:///default}. Every error is VIR_FROM_NETWORK.
 */
class NetworkUpdateTest {
    private static final int MODIFY = 1;
    private static final int DELETE = 2;
    private static final int ADD_LAST = 3;
    private static final int ADD_FIRST = 4;
    private static final int BRIDGE = 1;
    private static final int DOMAIN = 2;
    private static final int IP = 3;
    private static final int DHCP_HOST = 4;
    private static final int DHCP_RANGE = 5;
    private static final int FORWARD = 6;
    private static final int FORWARD_INTERFACE = 7;
    private static final int FORWARD_PF = 8;
    private static final int PORTGROUP = 9;
    private static final int DNS_HOST = 10;
    private static final int DNS_TXT = 11;
    private static final int DNS_SRV = 12;

    private static final String HEAD = "<network>\n  <name>default</name>\n  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n"
            + "  <forward mode='nat'/>\n  <bridge name='virbr0' stp='on' delay='0'/>\n";
    private static final String IP_DHCP = "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n    <dhcp>\n"
            + "      <range start='192.168.122.2' end='192.168.122.254'/>\n";
    private static final String IP_END = "    </dhcp>\n  </ip>\n";
    private static final String DEFAULT = HEAD + IP_DHCP + IP_END + "</network>\n";

    private final Virt virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");
    private Connect conn;
    private Network net;

    @BeforeEach
    void open() {
        conn = virt.open("test:///default");
        net = conn.networkLookupByName("default");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private static void invalid(String message, org.junit.jupiter.api.function.Executable call) {
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.NETWORK, "Requested operation is not valid: " + message, call);
    }

    private static void unsupported(String message, org.junit.jupiter.api.function.Executable call) {
        error(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.NETWORK, "Operation not supported: " + message, call);
    }

    /** A refused update leaves the definition as it was. */
    private void unchanged(String before) {
        assertEquals(before, net.getXMLDesc());
    }

    @Test
    void dhcpHosts() {
        // net-update default add ip-dhcp-host "<host mac='52:54:00:00:00:01' ip='192.168.122.10'/>"
        net.update(ADD_LAST, DHCP_HOST, -1, "<host mac='52:54:00:00:00:01' ip='192.168.122.10'/>");
        String one = HEAD + IP_DHCP + "      <host mac='52:54:00:00:00:01' ip='192.168.122.10'/>\n" + IP_END + "</network>\n";
        assertEquals(one, net.getXMLDesc());
        // ... add ip-dhcp-host "<host mac='52:54:00:00:00:01' ip='192.168.122.11'/>": the MAC is taken
        invalid("there is an existing dhcp host entry in network 'default' that matches "
                + "\"<host mac='52:54:00:00:00:01' name='(null)' ip='192.168.122.11'/>\"",
                () -> net.update(ADD_LAST, DHCP_HOST, -1, "<host mac='52:54:00:00:00:01' ip='192.168.122.11'/>"));
        // ... add ip-dhcp-host "<host mac='52:54:00:00:00:02' name='b' ip='192.168.122.10'/>": the address is taken
        invalid("there is an existing dhcp host entry in network 'default' that matches "
                + "\"<host mac='52:54:00:00:00:02' name='b' ip='192.168.122.10'/>\"",
                () -> net.update(ADD_FIRST, DHCP_HOST, -1, "<host mac='52:54:00:00:00:02' name='b' ip='192.168.122.10'/>"));
        // ... add ip-dhcp-host "<host mac='52:54:00:00:00:03'/>"
        error(ErrorCode.XML_ERROR, ErrorDomain.NETWORK,
                "XML error: Missing IP address in static host definition for network 'default'",
                () -> net.update(ADD_LAST, DHCP_HOST, -1, "<host mac='52:54:00:00:00:03'/>"));
        // ... modify ip-dhcp-host "<host mac='52:54:00:00:00:09' ip='192.168.122.12'/>"
        invalid("couldn't locate an existing dhcp host entry with \"mac='52:54:00:00:00:09'\" \"name='(null)'\" "
                + "\"ip='192.168.122.12'\" in network 'default'",
                () -> net.update(MODIFY, DHCP_HOST, -1, "<host mac='52:54:00:00:00:09' ip='192.168.122.12'/>"));
        // ... delete ip-dhcp-host "<host mac='52:54:00:00:00:09'/>" (a delete names only what identifies the host)
        invalid("couldn't locate a matching dhcp host entry in network 'default'",
                () -> net.update(DELETE, DHCP_HOST, -1, "<host mac='52:54:00:00:00:09'/>"));
        unchanged(one);
        net.update(ADD_FIRST, DHCP_HOST, -1, "<host name='b' ip='192.168.122.20'/>");
        net.update(MODIFY, DHCP_HOST, -1, "<host mac='52:54:00:00:00:01' ip='192.168.122.46'/>");
        assertEquals(HEAD + IP_DHCP + "      <host name='b' ip='192.168.122.20'/>\n"
                + "      <host mac='52:54:00:00:00:01' ip='192.168.122.46'/>\n" + IP_END + "</network>\n", net.getXMLDesc());
        // ... delete ip-dhcp-host "<host mac='52:54:00:00:00:01'/>"; net-dumpxml default: a host without a MAC
        // matches any MAC, so libvirt deletes the first one, 'b'
        net.update(DELETE, DHCP_HOST, -1, "<host mac='52:54:00:00:00:01'/>");
        assertEquals(one.replace("192.168.122.10", "192.168.122.46"), net.getXMLDesc());
        // ... delete ip-dhcp-host "<host name='b'/>"
        invalid("couldn't locate a matching dhcp host entry in network 'default'",
                () -> net.update(DELETE, DHCP_HOST, -1, "<host name='b'/>"));
        net.update(DELETE, DHCP_HOST, -1, "<host ip='192.168.122.46'/>");
        assertEquals(DEFAULT, net.getXMLDesc());
    }

    @Test
    void dhcpHostErrors() {
        String host = "<host mac='52:54:00:00:00:01' ip='192.168.122.10'/>";
        // net-update default add ip-dhcp-host "<host .../>" --parent-index 1
        invalid("couldn't update dhcp host entry - no <ip> element found at index 1 in network 'default'",
                () -> net.update(ADD_LAST, DHCP_HOST, 1, host));
        // ... add ip-dhcp-host "<host mac='52:54:00:00:00:01' ip='fd00::10'/>"
        invalid("the address family of a host entry IP must match the address family of the dhcp element's parent",
                () -> net.update(ADD_LAST, DHCP_HOST, -1, "<host mac='52:54:00:00:00:01' ip='fd00::10'/>"));
        // ... add ip-dhcp-host "<range mac='52:54:00:00:00:01' ip='192.168.122.10'/>"
        error(ErrorCode.XML_ERROR, ErrorDomain.NETWORK,
                "XML error: unexpected element <range>, expecting <host>, while updating network 'default'",
                () -> net.update(ADD_LAST, DHCP_HOST, -1, "<range mac='52:54:00:00:00:01' ip='192.168.122.10'/>"));
        // libvirt-python: update(DELETE, IP_DHCP_HOST, -1, "<host mac='zz' />")
        error(ErrorCode.XML_ERROR, ErrorDomain.NETWORK, "XML error: Cannot parse MAC address 'zz' in network 'default'",
                () -> net.update(DELETE, DHCP_HOST, -1, "<host mac='zz' />"));
        // libvirt-python: update(DELETE, IP_DHCP_HOST, -1, "<host ip='1.2.3.4.5' />")
        error(ErrorCode.XML_ERROR, ErrorDomain.NETWORK,
                "XML error: Invalid IP address in static host definition for network 'default'",
                () -> net.update(DELETE, DHCP_HOST, -1, "<host ip='1.2.3.4.5' />"));
        // ... add ip-dhcp-host "<host mac='52:54:00:00:00:01' ip='192.168.122.10'" (libxml2's words differ from ours)
        error(ErrorCode.XML_DETAIL, ErrorDomain.NETWORK, null,
                () -> net.update(ADD_LAST, DHCP_HOST, -1, "<host mac='52:54:00:00:00:01' ip='192.168.122.10'"));
        // libvirt-python: update(0 or 5, IP_DHCP_HOST, ...)
        unsupported("unrecognized network update command code 0", () -> net.update(0, DHCP_HOST, -1, host));
        unsupported("unrecognized network update command code 5", () -> net.update(5, DHCP_HOST, -1, host));
        unchanged(DEFAULT);
    }

    @Test
    void dhcpRanges() {
        String range = "<range start='192.168.122.2' end='192.168.122.254'/>";
        // net-update default add ip-dhcp-range "<range start='192.168.122.2' end='192.168.122.254'/>"
        invalid("there is an existing dhcp range entry in network 'default' that matches "
                + "\"<range start='192.168.122.2' end='192.168.122.254'/>\"", () -> net.update(ADD_LAST, DHCP_RANGE, -1, range));
        // ... modify ip-dhcp-range "<range .../>"
        unsupported("dhcp ranges cannot be modified, only added or deleted", () -> net.update(MODIFY, DHCP_RANGE, -1, range));
        // ... delete ip-dhcp-range "<range start='192.168.122.2' end='192.168.122.250'/>"
        invalid("couldn't locate a matching dhcp range entry in network 'default'", () -> net.update(DELETE, DHCP_RANGE, -1,
                "<range start='192.168.122.2' end='192.168.122.250'/>"));
        // ... add ip-dhcp-range "<range start='10.0.0.2' end='10.0.0.3'/>"
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                "internal error: range 10.0.0.2 - 10.0.0.3 is not entirely within network 192.168.122.1/24",
                () -> net.update(ADD_LAST, DHCP_RANGE, -1, "<range start='10.0.0.2' end='10.0.0.3'/>"));
        // ... add ip-dhcp-range "<host start='10.0.0.2' end='10.0.0.3'/>"
        error(ErrorCode.XML_ERROR, ErrorDomain.NETWORK,
                "XML error: unexpected element <host>, expecting <range>, while updating network 'default'",
                () -> net.update(ADD_LAST, DHCP_RANGE, -1, "<host start='10.0.0.2' end='10.0.0.3'/>"));
        unchanged(DEFAULT);
        // ... add-first ip-dhcp-range "<range start='192.168.122.2' end='192.168.122.3'/>"
        net.update(ADD_FIRST, DHCP_RANGE, -1, "<range start='192.168.122.2' end='192.168.122.3'/>");
        assertEquals(HEAD + "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n    <dhcp>\n"
                + "      <range start='192.168.122.2' end='192.168.122.3'/>\n"
                + "      <range start='192.168.122.2' end='192.168.122.254'/>\n" + IP_END + "</network>\n", net.getXMLDesc());
        net.update(DELETE, DHCP_RANGE, -1, "<range start='192.168.122.2' end='192.168.122.3'/>");
        net.update(ADD_LAST, DHCP_RANGE, -1, "<range start='192.168.122.2' end='192.168.122.3'/>");
        assertEquals(HEAD + IP_DHCP + "      <range start='192.168.122.2' end='192.168.122.3'/>\n" + IP_END + "</network>\n",
                net.getXMLDesc());
        // ... delete ip-dhcp-range of each: the last one takes <dhcp> with it
        net.update(DELETE, DHCP_RANGE, -1, range);
        net.update(DELETE, DHCP_RANGE, -1, "<range start='192.168.122.2' end='192.168.122.3'/>");
        assertEquals(HEAD + "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n  </ip>\n</network>\n",
                net.getXMLDesc());
    }

    @Test
    void dhcpOfSeveralAddresses() {
        // virsh "net-create iso.xml; net-update iso add ip-dhcp-host ...; ... --parent-index 1; ...; net-dumpxml iso"
        Network iso = conn.networkCreateXML("<network><name>iso</name><uuid>11111111-2222-3333-4444-555555555555</uuid>"
                + "<bridge name='virbr7'/><ip address='10.1.0.1' prefix='24'/>"
                + "<ip family='ipv6' address='fd00::1' prefix='64'/></network>");
        iso.update(ADD_LAST, DHCP_HOST, -1, "<host mac='52:54:00:00:00:01' ip='10.1.0.5'/>");
        iso.update(ADD_LAST, DHCP_HOST, 1, "<host id='0:1' name='h6' ip='fd00::5'/>");
        // no index: the first <ip> with DHCP, the IPv4 one
        invalid("the address family of a host entry IP must match the address family of the dhcp element's parent",
                () -> iso.update(ADD_LAST, DHCP_HOST, -1, "<host name='h7' ip='fd00::7'/>"));
        iso.update(ADD_FIRST, DHCP_RANGE, -1, "<range start='10.1.0.100' end='10.1.0.120'/>");
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                "internal error: mismatch of address family in range fd00::100 - fd00::120 for network 10.1.0.1",
                () -> iso.update(ADD_LAST, DHCP_RANGE, -1, "<range start='fd00::100' end='fd00::120'/>"));
        iso.update(ADD_LAST, DHCP_RANGE, 1, "<range start='fd00::100' end='fd00::120'/>");
        assertEquals("<network>\n  <name>iso</name>\n  <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
                + "  <bridge name='virbr7' stp='on' delay='0'/>\n  <ip address='10.1.0.1' prefix='24'>\n    <dhcp>\n"
                + "      <range start='10.1.0.100' end='10.1.0.120'/>\n      <host mac='52:54:00:00:00:01' ip='10.1.0.5'/>\n"
                + "    </dhcp>\n  </ip>\n  <ip family='ipv6' address='fd00::1' prefix='64'>\n    <dhcp>\n"
                + "      <range start='fd00::100' end='fd00::120'/>\n      <host id='0:1' name='h6' ip='fd00::5'/>\n"
                + "    </dhcp>\n  </ip>\n</network>\n", iso.getXMLDesc());
        // ... net-update iso add dns-txt "<txt name='a' value='b'/>" --config
        invalid("cannot change persistent config of a transient network",
                () -> iso.update(ADD_LAST, DNS_TXT, -1, "<txt name='a' value='b'/>", NetworkUpdateFlag.AFFECT_CONFIG));
    }

    @Test
    void dnsHosts() {
        // net-update default add dns-host "<host ip='192.168.122.5'><hostname>a</hostname><hostname>b</hostname></host>"
        net.update(ADD_LAST, DNS_HOST, -1, "<host ip='192.168.122.5'><hostname>a</hostname><hostname>b</hostname></host>");
        String ab = HEAD + "  <dns>\n    <host ip='192.168.122.5'>\n      <hostname>a</hostname>\n"
                + "      <hostname>b</hostname>\n    </host>\n  </dns>\n" + IP_DHCP + IP_END + "</network>\n";
        assertEquals(ab, net.getXMLDesc());
        // ... add dns-host "<host ip='192.168.122.5'><hostname>c</hostname></host>": the same address
        invalid("there is already at least one DNS HOST record with a matching field in network default",
                () -> net.update(ADD_LAST, DNS_HOST, -1, "<host ip='192.168.122.5'><hostname>c</hostname></host>"));
        // ... modify dns-host ...: libvirt 9.0 modifies no DNS record
        unsupported("DNS HOST records cannot be modified, only added or deleted",
                () -> net.update(MODIFY, DNS_HOST, -1, "<host ip='192.168.122.5'><hostname>z</hostname></host>"));
        // ... add dns-host "<host ip='192.168.122.5'/>"
        error(ErrorCode.XML_DETAIL, ErrorDomain.NETWORK, "Missing hostname in network 'default' DNS HOST record",
                () -> net.update(ADD_LAST, DNS_HOST, -1, "<host ip='192.168.122.6'/>"));
        // libvirt-python: update(DELETE, DNS_HOST, -1, "<host ip='zz'><hostname>q</hostname></host>")
        error(ErrorCode.XML_DETAIL, ErrorDomain.NETWORK, "Invalid IP address in network 'default' DNS HOST record",
                () -> net.update(DELETE, DNS_HOST, -1, "<host ip='zz'><hostname>q</hostname></host>"));
        unchanged(ab);
        // ... add-first dns-host "<host ip='192.168.122.6'><hostname>a</hostname></host>": a name may repeat
        net.update(ADD_FIRST, DNS_HOST, -1, "<host ip='192.168.122.6'><hostname>a</hostname></host>");
        // ... delete dns-host "<host><hostname>a</hostname></host>": both carry it
        invalid("multiple matching DNS HOST records were found in network default",
                () -> net.update(DELETE, DNS_HOST, -1, "<host><hostname>a</hostname></host>"));
        invalid("couldn't locate a matching DNS HOST record in network default",
                () -> net.update(DELETE, DNS_HOST, -1, "<host ip='192.168.122.9'/>"));
        // ... delete dns-host "<host ip='192.168.122.6'/>", then by a name only the other has
        net.update(DELETE, DNS_HOST, -1, "<host ip='192.168.122.6'/>");
        assertEquals(ab, net.getXMLDesc());
        net.update(DELETE, DNS_HOST, -1, "<host><hostname>b</hostname></host>");
        assertEquals(DEFAULT, net.getXMLDesc());
    }

    @Test
    void dnsTxt() {
        // net-update default add dns-txt "<txt name='t1' value='v1'/>"; ... add-first dns-txt "<txt name='t0' value='v0'/>"
        net.update(ADD_LAST, DNS_TXT, -1, "<txt name='t1' value='v1'/>");
        net.update(ADD_FIRST, DNS_TXT, -1, "<txt name='t0' value='v0'/>");
        String both = HEAD + "  <dns>\n    <txt name='t0' value='v0'/>\n    <txt name='t1' value='v1'/>\n  </dns>\n"
                + IP_DHCP + IP_END + "</network>\n";
        assertEquals(both, net.getXMLDesc());
        invalid("there is already a DNS TXT record with name 't1' in network default",
                () -> net.update(ADD_LAST, DNS_TXT, -1, "<txt name='t1' value='x'/>"));
        // libvirt-python: update(MODIFY, DNS_TXT, -1, "<host/>"): refused before the element is looked at
        unsupported("DNS TXT records cannot be modified, only added or deleted",
                () -> net.update(MODIFY, DNS_TXT, -1, "<host/>"));
        invalid("couldn't locate a matching DNS TXT record in network default",
                () -> net.update(DELETE, DNS_TXT, -1, "<txt name='t9'/>"));
        // libvirt-python: update(DELETE, DNS_TXT, -1, "<txt/>")
        error(ErrorCode.XML_DETAIL, ErrorDomain.NETWORK, "missing required name attribute in DNS TXT record of network default",
                () -> net.update(DELETE, DNS_TXT, -1, "<txt/>"));
        unchanged(both);
        net.update(DELETE, DNS_TXT, -1, "<txt name='t0'/>");
        assertEquals(HEAD + "  <dns>\n    <txt name='t1' value='v1'/>\n  </dns>\n" + IP_DHCP + IP_END + "</network>\n",
                net.getXMLDesc());
    }

    @Test
    void dnsSrv() {
        String full = "<srv service='name' protocol='tcp' domain='test-domain-name' target='.' port='1024' priority='10' weight='10'/>";
        // net-update default add dns-srv "<srv service='name' protocol='tcp' domain=... weight='10'/>";
        //   ... add dns-srv "<srv service='name' protocol='udp'/>"
        net.update(ADD_LAST, DNS_SRV, -1, full);
        net.update(ADD_LAST, DNS_SRV, -1, "<srv service='name' protocol='udp'/>");
        String both = HEAD + "  <dns>\n    " + full + "\n    <srv service='name' protocol='udp'/>\n  </dns>\n" + IP_DHCP
                + IP_END + "</network>\n";
        assertEquals(both, net.getXMLDesc());
        invalid("there is already at least one DNS SRV record matching all specified fields in network default",
                () -> net.update(ADD_LAST, DNS_SRV, -1, "<srv service='name' protocol='tcp'/>"));
        unsupported("DNS SRV records cannot be modified, only added or deleted",
                () -> net.update(MODIFY, DNS_SRV, -1, "<srv service='name' protocol='tcp'/>"));
        invalid("multiple DNS SRV records matching all specified fields were found in network default",
                () -> net.update(DELETE, DNS_SRV, -1, "<srv service='name'/>"));
        // libvirt-python: update(DELETE, DNS_SRV, -1, "<srv service='a'/>")
        invalid("couldn't locate a matching DNS SRV record in network default",
                () -> net.update(DELETE, DNS_SRV, -1, "<srv service='a'/>"));
        // libvirt-python: update(ADD_LAST, DNS_SRV, -1, "<srv service='a' protocol='tcp' port='1024'/>")
        error(ErrorCode.XML_DETAIL, ErrorDomain.NETWORK,
                "DNS SRV port attribute not permitted without target for service 'a' in network 'default'",
                () -> net.update(ADD_LAST, DNS_SRV, -1, "<srv service='a' protocol='tcp' port='1024'/>"));
        unchanged(both);
        net.update(DELETE, DNS_SRV, -1, "<srv service='name' protocol='udp'/>");
        assertEquals(HEAD + "  <dns>\n    " + full + "\n  </dns>\n" + IP_DHCP + IP_END + "</network>\n", net.getXMLDesc());
    }

    @Test
    void forwardInterfaces() {
        // net-update default add forward-interface "<interface dev='eth5'/>"
        net.update(ADD_LAST, FORWARD_INTERFACE, -1, "<interface dev='eth5'/>");
        String eth5 = "<network>\n  <name>default</name>\n  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n"
                + "  <forward dev='eth5' mode='nat'>\n    <interface dev='eth5'/>\n  </forward>\n"
                + "  <bridge name='virbr0' stp='on' delay='0'/>\n" + IP_DHCP + IP_END + "</network>\n";
        assertEquals(eth5, net.getXMLDesc());
        // ... add forward-interface "<interface dev='eth9'/>": NAT forwards through one device
        error(ErrorCode.XML_ERROR, ErrorDomain.NETWORK,
                "XML error: multiple forwarding interfaces specified for network 'default', only one is supported",
                () -> net.update(ADD_LAST, FORWARD_INTERFACE, -1, "<interface dev='eth9'/>"));
        unchanged(eth5);

        // virsh "net-define br.xml; net-update br delete forward-interface \"<interface dev='eth1'/>\" --config; ..."
        Network br = conn.networkDefineXML("<network><name>br</name><uuid>4d06d844-0e7f-49bd-a107-2d839af961e5</uuid>"
                + "<forward mode='bridge'><interface dev='eth1'/><interface dev='eth2'/></forward></network>");
        String brHead = "<network>\n  <name>br</name>\n  <uuid>4d06d844-0e7f-49bd-a107-2d839af961e5</uuid>\n";
        br.update(DELETE, FORWARD_INTERFACE, -1, "<interface dev='eth1'/>", NetworkUpdateFlag.AFFECT_CONFIG);
        assertEquals(brHead + "  <forward dev='eth2' mode='bridge'>\n    <interface dev='eth2'/>\n  </forward>\n</network>\n",
                br.getXMLDesc());
        br.update(DELETE, FORWARD_INTERFACE, -1, "<interface dev='eth2'/>");
        assertEquals(brHead + "  <forward mode='bridge'/>\n</network>\n", br.getXMLDesc());
        br.update(ADD_FIRST, FORWARD_INTERFACE, -1, "<interface dev='eth9'/>");
        br.update(ADD_FIRST, FORWARD_INTERFACE, -1, "<interface dev='eth8'/>");
        String twoDevs = brHead + "  <forward dev='eth8' mode='bridge'>\n    <interface dev='eth8'/>\n"
                + "    <interface dev='eth9'/>\n  </forward>\n</network>\n";
        assertEquals(twoDevs, br.getXMLDesc());
        unsupported("forward interface entries cannot be modified, only added or deleted",
                () -> br.update(MODIFY, FORWARD_INTERFACE, -1, "<interface dev='eth8'/>"));
        invalid("couldn't find an interface entry in network 'br' matching <interface dev='eth7'>",
                () -> br.update(DELETE, FORWARD_INTERFACE, -1, "<interface dev='eth7'/>"));
        invalid("there is an existing interface entry in network 'br' that matches \"<interface dev='eth8'>\"",
                () -> br.update(ADD_LAST, FORWARD_INTERFACE, -1, "<interface dev='eth8'/>"));
        // libvirt-python: update(ADD_LAST, FORWARD_INTERFACE, -1, "<interface/>")
        error(ErrorCode.XML_ERROR, ErrorDomain.NETWORK, "XML error: missing dev attribute in <interface> element",
                () -> br.update(ADD_LAST, FORWARD_INTERFACE, -1, "<interface/>"));
        assertEquals(twoDevs, br.getXMLDesc());
    }

    @Test
    void forwardInterfaceOfAnIsolatedNetworkIsAcceptedAndNotKept() {
        // virsh "net-create iso.xml; net-update iso add forward-interface \"<interface dev='eth3'/>\"; net-dumpxml iso"
        Network iso = conn.networkCreateXML("<network><name>iso</name><uuid>11111111-2222-3333-4444-555555555555</uuid>"
                + "<bridge name='virbr7'/></network>");
        String before = iso.getXMLDesc();
        iso.update(ADD_LAST, FORWARD_INTERFACE, -1, "<interface dev='eth3'/>");
        assertEquals(before, iso.getXMLDesc());
    }

    @Test
    void portgroups() {
        // net-update default add portgroup "<portgroup name='p1' default='yes'><vlan><tag id='42'/></vlan></portgroup>";
        //   ... add-first portgroup "<portgroup name='p0'/>"; net-dumpxml default
        net.update(ADD_LAST, PORTGROUP, -1, "<portgroup name='p1' default='yes'><vlan><tag id='42'/></vlan></portgroup>");
        net.update(ADD_FIRST, PORTGROUP, -1, "<portgroup name='p0'/>");
        String both = HEAD + IP_DHCP + IP_END + "  <portgroup name='p0'>\n  </portgroup>\n"
                + "  <portgroup name='p1' default='yes'>\n    <vlan>\n      <tag id='42'/>\n    </vlan>\n  </portgroup>\n"
                + "</network>\n";
        assertEquals(both, net.getXMLDesc());
        invalid("there is an existing portgroup entry in network 'default' that matches \"<portgroup name='p1'>\"",
                () -> net.update(ADD_LAST, PORTGROUP, -1, "<portgroup name='p1'/>"));
        String onlyOneDefault = "a different portgroup entry in network 'default' is already set as the default. "
                + "Only one default is allowed.";
        invalid(onlyOneDefault, () -> net.update(ADD_LAST, PORTGROUP, -1, "<portgroup name='p2' default='yes'/>"));
        invalid(onlyOneDefault, () -> net.update(MODIFY, PORTGROUP, -1, "<portgroup name='p0' default='yes'/>"));
        invalid("couldn't find a portgroup entry in network 'default' matching <portgroup name='p9'>",
                () -> net.update(MODIFY, PORTGROUP, -1, "<portgroup name='p9'/>"));
        invalid("couldn't find a portgroup entry in network 'default' matching <portgroup name='p9'>",
                () -> net.update(DELETE, PORTGROUP, -1, "<portgroup name='p9'/>"));
        // libvirt-python: update(ADD_LAST, PORTGROUP, -1, "<portgroup/>")
        error(ErrorCode.XML_ERROR, ErrorDomain.NETWORK, "XML error: Missing required name attribute in portgroup",
                () -> net.update(ADD_LAST, PORTGROUP, -1, "<portgroup/>"));
        unchanged(both);
        // ... modify portgroup "<portgroup name='p1'/>"; delete portgroup "<portgroup name='p0'/>"; net-dumpxml default
        net.update(MODIFY, PORTGROUP, -1, "<portgroup name='p1'/>");
        net.update(DELETE, PORTGROUP, -1, "<portgroup name='p0'/>");
        assertEquals(HEAD + IP_DHCP + IP_END + "  <portgroup name='p1'>\n  </portgroup>\n</network>\n", net.getXMLDesc());
    }

    @Test
    void sectionsLibvirtDoesNotUpdate() {
        // net-update default add bridge|domain|ip|forward|forward-pf "<...>"
        unsupported("can't update 'bridge' section of network 'default'",
                () -> net.update(ADD_LAST, BRIDGE, -1, "<bridge name='x'/>"));
        unsupported("can't update 'domain' section of network 'default'",
                () -> net.update(ADD_LAST, DOMAIN, -1, "<domain name='x'/>"));
        unsupported("can't update 'ip' section of network 'default'",
                () -> net.update(ADD_LAST, IP, -1, "<ip address='10.0.0.1'/>"));
        unsupported("can't update 'forward' section of network 'default'",
                () -> net.update(ADD_LAST, FORWARD, -1, "<forward mode='nat'/>"));
        unsupported("can't update 'forward pf' section of network 'default'",
                () -> net.update(ADD_LAST, FORWARD_PF, -1, "<pf dev='eth0'/>"));
        // libvirt-python: update(ADD_LAST, 0 / 13 / 99, -1, "<x/>")
        for (int section : new int[] { 0, 13, 99 }) {
            unsupported("can't update unrecognized section of network", () -> net.update(ADD_LAST, section, -1, "<x/>"));
        }
        unchanged(DEFAULT);
    }

    @Test
    void liveAndPersistentDefinitions() {
        String txt = "<txt name='t1' value='v1'/>";
        String withTxt = HEAD + "  <dns>\n    " + txt + "\n  </dns>\n" + IP_DHCP + IP_END + "</network>\n";
        // net-update default add dns-txt "<txt .../>" --config; net-dumpxml default: the running network is as it was
        net.update(ADD_LAST, DNS_TXT, -1, txt, NetworkUpdateFlag.AFFECT_CONFIG);
        assertEquals(DEFAULT, net.getXMLDesc());
        // net-update default add dns-txt "<txt .../>" --live; net-dumpxml default
        net.update(ADD_LAST, DNS_TXT, -1, txt, NetworkUpdateFlag.AFFECT_LIVE);
        assertEquals(withTxt, net.getXMLDesc());

        Network other = conn.networkDefineXML("<network><name>n2</name><uuid>22222222-2222-3333-4444-555555555555</uuid>"
                + "<bridge name='virbr8'/></network>");
        String n2 = "<network>\n  <name>n2</name>\n  <uuid>22222222-2222-3333-4444-555555555555</uuid>\n"
                + "  <bridge name='virbr8' stp='on' delay='0'/>\n";
        // net-destroy default; net-update default add dns-txt "<txt .../>" --live
        invalid("network is not running", () -> other.update(ADD_LAST, DNS_TXT, -1, txt, NetworkUpdateFlag.AFFECT_LIVE));
        // net-destroy default; net-update default add dns-txt "<txt .../>"; net-dumpxml default: the persistent definition
        other.update(ADD_LAST, DNS_TXT, -1, txt);
        assertEquals(n2 + "  <dns>\n    " + txt + "\n  </dns>\n</network>\n", other.getXMLDesc());
    }
}
