package io.jvirt.conf.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NetworkXMLFlag;
import io.jvirt.api.VirtException;

class NetworkDefTest {
    private static final String DNSMASQ = """
            <network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>
              <name>dm</name>
              <uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid>
              <dnsmasq:options>
                <dnsmasq:option value='foo=bar'/>
                <dnsmasq:option value="cname=*.foo.example.com,master.example.com"/>
              </dnsmasq:options>
            </network>
            """;

    @Test
    void dnsmasqOptionsAreKeptWhenTheNamespaceIsRegistered() {
        NetworkDef def = NetworkDef.parse(DNSMASQ, true);
        assertEquals(List.of("foo=bar", "cname=*.foo.example.com,master.example.com"), def.dnsmasqOptions());
        assertEquals("""
                <network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>
                  <name>dm</name>
                  <uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid>
                  <bridge stp='on' delay='0'/>
                  <dnsmasq:options>
                    <dnsmasq:option value='foo=bar'/>
                    <dnsmasq:option value='cname=*.foo.example.com,master.example.com'/>
                  </dnsmasq:options>
                </network>
                """, def.format());
    }

    @Test
    void dnsmasqOptionsAreDroppedLikeTheTestDriverDoes() {
        NetworkDef def = NetworkDef.parse(DNSMASQ);
        assertEquals(List.of(), def.dnsmasqOptions());
        assertEquals("""
                <network>
                  <name>dm</name>
                  <uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid>
                  <bridge stp='on' delay='0'/>
                </network>
                """, def.format());
    }

    @Test
    void dnsmasqOptionWithoutValueIsRefused() {
        VirtException e = assertThrows(VirtException.class, () -> NetworkDef.parse(
                DNSMASQ.replace("value='foo=bar'", ""), true));
        assertEquals(ErrorCode.XML_ERROR, e.code());
        assertEquals("XML error: No dnsmasq options value specified", e.getMessage());
    }

    @Test
    void connectionsArePrintedUnlessInactive() {
        NetworkDef def = NetworkDef.parse("<network><name>c</name><uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid>"
                + "<forward mode='bridge' dev='eth0'/></network>");
        NetworkDef used = new NetworkDef(def.name(), def.uuid(), def.ipv6(), def.trustGuestRxFilters(),
                def.metadata(), def.forward(), def.bridge(), def.mtu(), def.mac(), def.domainName(),
                def.domainLocalOnly(), def.dns(), def.vlan(), def.bandwidth(), def.portIsolated(), def.ips(),
                def.routes(), def.virtualPort(), def.portGroups(), def.dnsmasqOptions(), 3);
        assertEquals("<network connections='3'>\n", used.format().lines().findFirst().get() + "\n");
        assertEquals("<network>\n", used.format(EnumSet.of(NetworkXMLFlag.INACTIVE)).lines().findFirst().get() + "\n");
    }

    @Test
    void errorsCarryLibvirtsCodeAndDomain() {
        VirtException noName = assertThrows(VirtException.class, () -> NetworkDef.parse("<network/>"));
        assertEquals(ErrorCode.NO_NAME, noName.code());
        assertEquals(ErrorDomain.NETWORK, noName.domain());

        VirtException badRoot = assertThrows(VirtException.class, () -> NetworkDef.parse("<pool/>"));
        assertEquals(ErrorCode.XML_ERROR, badRoot.code());
        assertEquals(ErrorDomain.XML, badRoot.domain());
        assertEquals("XML error: expecting root element of 'network', not 'pool'", badRoot.getMessage());

        VirtException malformed = assertThrows(VirtException.class, () -> NetworkDef.parse("<network><name>"));
        assertEquals(ErrorCode.XML_DETAIL, malformed.code());
        assertEquals(ErrorDomain.NETWORK, malformed.domain());

        VirtException range = assertThrows(VirtException.class, () -> NetworkDef.parse(
                "<network><name>r</name><ip address='192.168.1.1' prefix='24'><dhcp>"
                        + "<range start='192.168.2.2' end='192.168.2.9'/></dhcp></ip></network>"));
        assertEquals(ErrorCode.INTERNAL_ERROR, range.code());
        assertEquals(ErrorDomain.NONE, range.domain());

        VirtException address = assertThrows(VirtException.class, () -> NetworkDef.parse(
                "<network><name>r</name><ip address='192.168.1.1' prefix='24'><dhcp>"
                        + "<range start='192.168.1.x' end='192.168.1.9'/></dhcp></ip></network>"));
        assertEquals(ErrorCode.SYSTEM_ERROR, address.code());
        assertEquals("Cannot parse socket address '192.168.1.x': Name or service not known", address.getMessage());

        VirtException mode = assertThrows(VirtException.class, () -> NetworkDef.parse(
                "<network><name>m</name><forward mode='tunnel'/></network>"));
        assertEquals(ErrorCode.CONFIG_UNSUPPORTED, mode.code());
        assertEquals(ErrorDomain.NETWORK, mode.domain());
        assertEquals("unsupported configuration: unknown forwarding type 'tunnel'", mode.getMessage());
    }

    @Test
    void addressesParseAndPrintLikeGlibc() {
        assertEquals("10.0.0.1", IpAddress.tryParse("10.1").toString());
        assertEquals("8.16.0.3", IpAddress.tryParse("010.0x10.3").toString());
        assertEquals("::ffff:1.2.3.4", IpAddress.tryParse("0:0:0:0:0:ffff:102:304").toString());
        assertEquals("::100", IpAddress.tryParse("::0.0.1.0").toString());
        assertEquals("1::1:0:0:1:1", IpAddress.tryParse("1:0:0:1:0:0:1:1").toString());
        assertEquals("2001:db8::", IpAddress.tryParse("2001:DB8:0:0:0:0:0:0").toString());
        assertEquals(null, IpAddress.tryParse("1.2.3.4.5"));
        assertEquals(null, IpAddress.tryParse("::1.2.3.04"));
        assertEquals(null, IpAddress.tryParse("1:2:3:4:5:6:7:8:9"));
    }
}
