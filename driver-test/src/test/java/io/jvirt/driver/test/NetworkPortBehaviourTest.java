package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.Network;
import io.jvirt.api.NetworkPort;
import io.jvirt.api.NetworkPortCreateFlag;
import io.jvirt.api.TypedParameter;
import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * The ports of the test driver's networks. libvirt's test driver has none: every expectation here
 * was measured on libvirtd 9.0's network driver (the anchor kit in a network namespace, virsh
 * net-port-* and libvirt-python), on networks like these.
 */
class NetworkPortBehaviourTest {
    static final String PORT = """
            <networkport>
              <uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>
              <owner>
                <name>memtest</name>
                <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>
              </owner>
              <mac address='52:54:00:7b:35:93'/>
            </networkport>
            """;
    static final String UUID1 = "5d744f21-ba4a-4d6e-bdb2-30a35ff3207d";

    private final Virt virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");
    private Connect conn;
    private Network def;

    @BeforeEach
    void open() {
        conn = virt.open("test:///default");
        def = conn.networkLookupByName("default");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    static String port(String uuidHead, String extra) {
        return PORT.replace("5d744f21", uuidHead).replace("</networkport>", extra + "</networkport>");
    }

    static String plugged(String uuid, String body) {
        return "<networkport>\n  <uuid>" + uuid + "</uuid>\n  <owner>\n    <name>memtest</name>\n"
                + "    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>\n  </owner>\n"
                + "  <mac address='52:54:00:7b:35:93'/>\n" + body + "</networkport>\n";
    }

    @Test
    void aPortIsPluggedIntoTheNetworksBridgeAndCounted() {
        NetworkPort p = def.portCreateXML(PORT);
        assertEquals(UUID.fromString(UUID1), p.getUUID());
        assertSame(def, p.getNetwork());
        assertEquals(plugged(UUID1, "  <plug type='network' bridge='virbr0'/>\n"), p.getXMLDesc());
        assertTrue(def.getXMLDesc().startsWith("<network connections='1'>\n"), def.getXMLDesc());
        assertEquals(List.of(UUID1), def.listAllPorts().stream().map(NetworkPort::getUUIDString).toList());
        assertEquals(p.getXMLDesc(), def.portLookupByUUID(p.getUUID()).getXMLDesc());
        assertEquals(List.of(), p.getParameters());

        error(ErrorCode.NETWORK_PORT_EXIST, ErrorDomain.NETWORK, "network port Network port with UUID " + UUID1
                + " already exists exists already", () -> def.portCreateXML(PORT));
        p.delete();
        assertTrue(def.getXMLDesc().startsWith("<network>\n"));
        String missing = "network port not found: Network port with UUID " + UUID1 + " does not exist";
        error(ErrorCode.NO_NETWORK_PORT, ErrorDomain.NETWORK, missing, p::delete);
        error(ErrorCode.NO_NETWORK_PORT, ErrorDomain.NETWORK, missing, p::getXMLDesc);
        error(ErrorCode.NO_NETWORK_PORT, ErrorDomain.NETWORK, missing, () -> def.portLookupByUUID(p.getUUID()));
        assertEquals(List.of(), def.listAllPorts());
    }

    @Test
    void reclaimTakesThePlugAsGivenAndOnlyWithAPlug() {
        error(ErrorCode.INVALID_ARG, ErrorDomain.NETWORK, "invalid argument: Port reclaim requested but plug type is none",
                () -> def.portCreateXML(PORT, NetworkPortCreateFlag.RECLAIM));
        error(ErrorCode.INVALID_ARG, ErrorDomain.NETWORK, "invalid argument: Port reclaim requested but plug type is none",
                () -> def.portCreateXML(port("5d744f21", "<plug type='none'/>"), NetworkPortCreateFlag.RECLAIM));
        String other = port("a1744f21", "<plug type='network' bridge='xx0'/>");
        error(ErrorCode.INVALID_ARG, ErrorDomain.NETWORK,
                "invalid argument: Port reclaim not requested but plug type is not none", () -> def.portCreateXML(other));
        NetworkPort p = def.portCreateXML(other, NetworkPortCreateFlag.RECLAIM);
        assertEquals(plugged("a1744f21-ba4a-4d6e-bdb2-30a35ff3207d", "  <plug type='network' bridge='xx0'/>\n"),
                p.getXMLDesc());
        NetworkPort b = def.portCreateXML(port("a3744f21", "<plug type='bridge' bridge='virbr0'/>"),
                NetworkPortCreateFlag.RECLAIM);
        assertTrue(b.getXMLDesc().contains("<plug type='bridge' bridge='virbr0'/>"));
        assertTrue(def.getXMLDesc().startsWith("<network connections='2'>"));
    }

    @Test
    void portsLiveWhileTheirNetworkIsActive() {
        Network n1 = conn.networkDefineXML(NetworkStorageBehaviourTest.N1);
        String notActive = "Requested operation is not valid: network 'n1' is not active";
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.NETWORK, notActive, () -> n1.portCreateXML(PORT));
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.NETWORK, notActive, n1::listAllPorts);
        error(ErrorCode.NO_NETWORK_PORT, ErrorDomain.NETWORK, null, () -> n1.portLookupByUUID(UUID.fromString(UUID1)));
        n1.create();
        NetworkPort p = n1.portCreateXML(PORT);
        assertTrue(p.getXMLDesc().contains("<plug type='network' bridge='virbr9'/>"));
        // the same UUID on another network is another port
        NetworkPort same = def.portCreateXML(PORT);
        n1.destroy();
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.NETWORK, notActive, n1::listAllPorts);
        error(ErrorCode.NO_NETWORK_PORT, ErrorDomain.NETWORK, null, p::getXMLDesc);
        error(ErrorCode.NO_NETWORK_PORT, ErrorDomain.NETWORK, null, p::delete);
        n1.create();
        assertEquals(List.of(), n1.listAllPorts());
        assertTrue(n1.getXMLDesc().startsWith("<network>"), n1.getXMLDesc());
        assertEquals(1, def.listAllPorts().size());
        same.delete();
        n1.destroy();
        n1.undefine();
    }

    @Test
    void bandwidthParametersWithLibvirtsNamesAndRules() {
        NetworkPort p = def.portCreateXML(port("9d744f21", "<bandwidth><inbound average='1000' peak='4000' "
                + "burst='1024'/><outbound average='128'/></bandwidth>"));
        assertEquals(List.of(TypedParameter.ofUInt("inbound.average", 1000), TypedParameter.ofUInt("inbound.peak", 4000),
                TypedParameter.ofUInt("inbound.floor", 0), TypedParameter.ofUInt("inbound.burst", 1024),
                TypedParameter.ofUInt("outbound.average", 128), TypedParameter.ofUInt("outbound.peak", 0),
                TypedParameter.ofUInt("outbound.burst", 0)), p.getParameters());
        // an outbound rate without average is dropped, the rest replaced
        p.setParameters(List.of(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_IN_AVERAGE, 2000),
                TypedParameter.ofUInt(NetworkPort.BANDWIDTH_OUT_PEAK, 800), TypedParameter.ofUInt("bogus", 1)));
        assertEquals(List.of(TypedParameter.ofUInt("inbound.average", 2000), TypedParameter.ofUInt("inbound.peak", 0),
                TypedParameter.ofUInt("inbound.floor", 0), TypedParameter.ofUInt("inbound.burst", 0)), p.getParameters());
        assertTrue(p.getXMLDesc().contains("  <bandwidth>\n    <inbound average='2000'/>\n  </bandwidth>\n"));
        String noQos = "Operation not supported: Invalid use of 'floor' on interface with MAC address 52:54:00:7b:35:93"
                + " - network 'default' has no inbound QoS set";
        error(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.NETWORK, noQos,
                () -> p.setParameters(List.of(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_IN_FLOOR, 100))));
        assertTrue(p.getXMLDesc().contains("<inbound average='2000'/>"), "a refused change changes nothing");
        error(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.NETWORK, noQos,
                () -> def.portCreateXML(port("a7744f21", "<bandwidth><inbound floor='100'/></bandwidth>")));
        p.setParameters(List.of());
        assertEquals(List.of(), p.getParameters());
    }

    @Test
    void floorsAreCheckedAgainstTheNetworksInboundRate() {
        Network q = conn.networkCreateXML("<network><name>qos</name><bridge name='qbr0'/>"
                + "<bandwidth><inbound average='1000'/></bandwidth></network>");
        NetworkPort a = q.portCreateXML(port("d1744f21", "<bandwidth><inbound floor='600'/></bandwidth>"));
        assertTrue(a.getXMLDesc().contains("<bandwidth classID='3'>\n    <inbound floor='600'/>"), a.getXMLDesc());
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.NETWORK, "Requested operation is not valid: Cannot plug "
                + "'52:54:00:7b:35:93' interface into 'qbr0' because new combined inbound floor=1100 would overcommit "
                + "average=1000 on network 'qos'",
                () -> q.portCreateXML(port("d2744f21", "<bandwidth><inbound average='10' floor='500'/></bandwidth>")));
        NetworkPort b = q.portCreateXML(port("d3744f21", "<bandwidth><inbound average='10' floor='400'/></bandwidth>"));
        assertTrue(b.getXMLDesc().contains("classID='4'"));
        a.delete();
        NetworkPort c = q.portCreateXML(port("d4744f21", "<bandwidth><inbound floor='100'/></bandwidth>"));
        assertTrue(c.getXMLDesc().contains("classID='3'"), "a deleted port's class id is given again");
        q.destroy();
    }

    @Test
    void theNetworkAndItsPortGroupFillInWhatThePortLeavesOpen() {
        Network n = conn.networkCreateXML("""
                <network><name>pg</name><bridge name='qbr0'/><port isolated='yes'/>
                  <portgroup name='web' default='yes' trustGuestRxFilters='no'>
                    <bandwidth><outbound average='50'/></bandwidth>
                  </portgroup>
                  <portgroup name='db' trustGuestRxFilters='yes'/>
                </network>""");
        NetworkPort web = n.portCreateXML(port("d4744f21", ""));
        assertEquals(plugged("d4744f21-ba4a-4d6e-bdb2-30a35ff3207d", """
                  <bandwidth>
                    <outbound average='50'/>
                  </bandwidth>
                  <port isolated='yes'/>
                  <rxfilters trustGuest='no'/>
                  <plug type='network' bridge='qbr0'/>
                """), web.getXMLDesc());
        NetworkPort db = n.portCreateXML(port("d5744f21", "<group>db</group><port isolated='no'/>"));
        assertTrue(db.getXMLDesc().contains("  <group>db</group>\n"), db.getXMLDesc());
        assertTrue(db.getXMLDesc().endsWith("  <port isolated='no'/>\n  <rxfilters trustGuest='yes'/>\n"
                + "  <plug type='network' bridge='qbr0'/>\n</networkport>\n"), db.getXMLDesc());
        NetworkPort unknown = n.portCreateXML(port("d6744f21", "<group>nogroup</group>"));
        assertTrue(unknown.getXMLDesc().contains("<group>nogroup</group>"));
        n.destroy();
    }

    @Test
    void forwardModesDecideThePlug() {
        error(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.NETWORK, "unsupported configuration: <virtualport "
                + "type='openvswitch'> not supported for network 'default' which uses IP forwarding",
                () -> def.portCreateXML(port("a9744f21", "<virtualport type='openvswitch'/>")));
        error(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.NETWORK, "unsupported configuration: <virtualport "
                + "type='none'> not supported for network 'default' which uses IP forwarding",
                () -> def.portCreateXML(port("a9744f21", "<virtualport><parameters profileid='x'/></virtualport>")));
        Network br = conn.networkCreateXML("<network><name>hostbr</name><forward mode='bridge'/>"
                + "<bridge name='hostbr0'/></network>");
        assertTrue(br.portCreateXML(PORT).getXMLDesc().contains("<plug type='bridge' bridge='hostbr0'/>"));
        Network dir = conn.networkCreateXML("<network><name>pdir</name><forward mode='vepa'>"
                + "<interface dev='eth0'/><interface dev='eth2'/></forward></network>");
        assertTrue(dir.portCreateXML(PORT).getXMLDesc().contains("<plug type='direct' dev='eth0' mode='vepa'/>"));
        assertTrue(dir.portCreateXML(port("c1744f21", "")).getXMLDesc().contains("dev='eth2'"),
                "the least used device");
        NetworkPort qbg = dir.portCreateXML(port("c5744f21", "<virtualport type='802.1Qbg'><parameters managerid='11' "
                + "typeid='1193047' typeidversion='2' instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/></virtualport>"));
        assertTrue(qbg.getXMLDesc().contains("<virtualport type='802.1Qbg'>"));
        NetworkPort reclaimed = dir.portCreateXML(port("c2744f21", "<plug type='direct' dev='eth0'/>"),
                NetworkPortCreateFlag.RECLAIM);
        assertTrue(reclaimed.getXMLDesc().contains("<plug type='direct' dev='eth0' mode='vepa'/>"));
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                "internal error: Unexpectedly got a network port without a network bridge",
                () -> dir.portCreateXML(port("c4744f21", "<plug type='network' bridge='x'/>"), NetworkPortCreateFlag.RECLAIM));
        error(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.NETWORK, "Operation not supported: Invalid use of 'floor' on "
                + "interface with MAC address 52:54:00:7b:35:93 - 'floor' is only supported for interface type "
                + "'network' with forward type 'nat', 'route', 'open' or none",
                () -> dir.portCreateXML(port("d7744f21", "<bandwidth><inbound floor='100'/></bandwidth>")));
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                "internal error: network 'pnet' doesn't have PCI device 0000:03:00.1 in use by network port".replace(
                        "pnet", "default"), () -> def.portCreateXML(port("e1744f21", "<plug type='hostdev-pci'>"
                        + "<address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x1'/></plug>"),
                        NetworkPortCreateFlag.RECLAIM));
        Network pass = conn.networkCreateXML("<network><name>pass</name><forward mode='passthrough'>"
                + "<interface dev='eth3'/></forward></network>");
        pass.portCreateXML(PORT);
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK, "internal error: network 'pass' requires exclusive access "
                + "to interfaces, but none are available", () -> pass.portCreateXML(port("f1744f21", "")));
        for (Network n : List.of(br, dir, pass)) {
            n.destroy();
        }
    }

    @Test
    void badDocumentsGetConfsErrorsAndChangeNothing() {
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK, "internal error: network port has no mac",
                () -> def.portCreateXML(PORT.replace("<mac address='52:54:00:7b:35:93'/>", "")));
        error(ErrorCode.XML_INVALID_SCHEMA, ErrorDomain.XML, null,
                () -> def.portCreateXML(port("a5744f21", "<foo/>"), NetworkPortCreateFlag.VALIDATE));
        assertEquals(List.of(), def.listAllPorts());
        def.portCreateXML(port("a5744f21", "<foo/>")).delete(); // unknown elements are dropped without VALIDATE
    }

    @Test
    void aReadOnlyConnectionLooksButDoesNotChange() {
        NetworkPort p = def.portCreateXML(PORT);
        try (Connect ro = virt.openReadOnly("test:///default")) {
            Network n = ro.networkLookupByName("default");
            error(ErrorCode.OPERATION_DENIED, ErrorDomain.NETWORK,
                    "operation forbidden: read only access prevents virNetworkPortCreateXML", () -> n.portCreateXML(PORT));
            NetworkPort rp = n.portLookupByUUID(p.getUUID());
            assertEquals(p.getXMLDesc(), rp.getXMLDesc());
            error(ErrorCode.OPERATION_DENIED, ErrorDomain.NETWORK,
                    "operation forbidden: read only access prevents virNetworkPortDelete", rp::delete);
            error(ErrorCode.OPERATION_DENIED, ErrorDomain.NETWORK,
                    "operation forbidden: read only access prevents virNetworkPortSetParameters",
                    () -> rp.setParameters(List.of()));
        }
        p.delete();
    }
}
