package io.jvirt.conf.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.Rule.Match;
import io.jvirt.conf.nwfilter.Value.IpAddress;
import io.jvirt.conf.nwfilter.Value.Number;
import io.jvirt.conf.nwfilter.Value.State;
import io.jvirt.conf.nwfilter.Value.States;
import io.jvirt.conf.nwfilter.Value.Text;
import io.jvirt.conf.nwfilter.Value.Variable;

/** The model as an API: what parsing yields, building filters in code, and the defaults. */
class NWFilterDefTest {
    private static final UUID ID = UUID.fromString("01a992d2-f8c8-7c27-f69b-ab0a9d377379");

    @Test
    void parsesIntoTypedValues() {
        NWFilterDef def = NWFilterDef.parse("<filter name='web' chain='ipv4'>"
                + "<rule action='accept' direction='in' priority='200'>"
                + "<tcp srcipaddr='$IP[@1]' dstportstart='0x50' state='NEW' match='no'/></rule>"
                + "<filterref filter='clean-traffic'><parameter name='IP' value='10.0.0.1'/></filterref>"
                + "</filter>");
        assertEquals("web", def.name());
        assertEquals("ipv4", def.chain());
        assertEquals(-700, def.priority(), "the ipv4 family's default priority");
        Rule rule = (Rule) def.entries().get(0);
        assertEquals(Rule.Action.ACCEPT, rule.action());
        assertEquals(Rule.Direction.IN, rule.direction());
        assertEquals(200, rule.priority());
        assertEquals(Protocol.TCP, rule.protocol());
        assertEquals(new Match(new Variable("IP", true, 1), true), rule.matches().get(Field.SRC_IP_ADDR));
        // libvirt: every port takes its match='no' from srcportstart, absent here
        assertEquals(new Match(new Number(0x50, true), false), rule.matches().get(Field.DST_PORT_START));
        assertEquals(new Match(new States(Set.of(State.NEW)), true), rule.matches().get(Field.STATE));
        FilterRef ref = (FilterRef) def.entries().get(1);
        assertEquals(Map.of("IP", List.of("10.0.0.1")), ref.parameters());
    }

    @Test
    void formatsAFilterBuiltInCode() {
        Map<Field, Match> m = new LinkedHashMap<>();
        m.put(Field.COMMENT, new Match(new Text("ssh"), false));
        m.put(Field.DST_PORT_START, new Match(new Number(22, false), false));
        m.put(Field.SRC_IP_ADDR, new Match(new IpAddress(new byte[] {10, 0, 0, 1}), false));
        Rule rule = new Rule(Rule.Action.ACCEPT, Rule.Direction.IN, Rule.DEFAULT_PRIORITY, true, Protocol.TCP, m);
        NWFilterDef def = new NWFilterDef("ssh", NWFilterDef.ROOT_CHAIN, 0, ID,
                List.of(rule, new FilterRef("clean-traffic", Map.of("MAC", List.of("52:54:00:00:00:01")))));
        String xml = def.format();
        assertEquals("<filter name='ssh' chain='root'>\n"
                + "  <uuid>01a992d2-f8c8-7c27-f69b-ab0a9d377379</uuid>\n"
                + "  <rule action='accept' direction='in' priority='500'>\n"
                + "    <tcp srcipaddr='10.0.0.1' dstportstart='22' comment='ssh'/>\n"
                + "  </rule>\n"
                + "  <filterref filter='clean-traffic'>\n"
                + "    <parameter name='MAC' value='52:54:00:00:00:01'/>\n"
                + "  </filterref>\n"
                + "</filter>\n", xml, "attributes come out in libvirt's order whatever the map's order");
        assertEquals(def, NWFilterDef.parse(xml));
    }

    @Test
    void rejectsAttributesOfAnotherProtocol() {
        Map<Field, Match> m = Map.of(Field.VLAN_ID, new Match(new Number(1, false), false));
        assertThrows(IllegalArgumentException.class,
                () -> new Rule(Rule.Action.DROP, Rule.Direction.OUT, 500, true, Protocol.TCP, m));
    }

    @Test
    void generatesAUuidWhenNoneIsGiven() {
        NWFilterDef a = NWFilterDef.parse("<filter name='x'/>");
        NWFilterDef b = NWFilterDef.parse("<filter name='x'><uuid></uuid></filter>");
        assertNotEquals(a.uuid(), b.uuid());
        assertTrue(a.format().matches("(?s).*<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}</uuid>.*"));
    }

    @Test
    void malformedXmlIsAnXmlDetailError() {
        VirtException e = assertThrows(VirtException.class, () -> NWFilterDef.parse("<filter name='x'><rule>"));
        assertEquals(ErrorCode.XML_DETAIL, e.code());
        assertEquals(ErrorDomain.NWFILTER, e.domain());
        VirtException dtd = assertThrows(VirtException.class, () -> NWFilterDef.parse(
                "<!DOCTYPE filter [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><filter name='&x;'/>"));
        // jvirt's own policy (libvirt reads DTDs), worded alike for every dialect
        assertEquals(ErrorCode.XML_ERROR, dtd.code(), "DTDs are refused");
    }
}
