package io.jvirt.network.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.jvirt.api.Connect;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.NetNs;
import io.jvirt.testsupport.Virsh;

/**
 * jvirt's driver and libvirtd 9.0's nwfilter driver, each in a network namespace of its own with
 * interfaces of the same names: the same filters and bindings give the same
 * {@code ebtables -t nat -L}, {@code iptables-save} and {@code ip6tables-save} (counters masked),
 * after binding, after a filter update under bound interfaces, and after the bindings are deleted;
 * and the same errors. libvirtd gets them through real virsh.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibvirtdDifferentialTest {
    static NetNs lvNs;
    static NetNs jvNs;
    static Libvirtd libvirtd;
    static Jvirt jvirt;
    static Connect jv;
    static Path work;

    /** A filter with layer 3/4 rules of every kind libvirt's iptables side knows, lists, states, a reference. */
    static final String MIXED = """
            <filter name='jv-mixed' chain='root'>
              <uuid>6d4a0c8e-3b1f-4f2a-9c55-0e6f1a2b3c4d</uuid>
              <filterref filter='allow-dhcp-server'>
                <parameter name='DHCPSERVER' value='10.0.0.1'/>
              </filterref>
              <rule action='accept' direction='in' priority='200'>
                <tcp dstportstart='21' dstportend='22' state='NEW' comment='ssh and ftp'/>
              </rule>
              <rule action='accept' direction='out' priority='300'>
                <udp dstportstart='53' srcipaddr='$IP'/>
              </rule>
              <rule action='accept' direction='inout' priority='400'>
                <icmp type='8'/>
              </rule>
              <rule action='drop' direction='out' priority='410'>
                <tcp connlimit-above='4' dstportstart='80'/>
              </rule>
              <rule action='return' direction='out' statematch='false'>
                <all-ipv6 dstipaddr='fe80::1' dstipmask='64'/>
              </rule>
              <rule action='accept' direction='in'>
                <udp-ipv6 srcportstart='547' dstportstart='546'/>
              </rule>
              <rule action='continue' direction='inout' priority='600'>
                <mac protocolid='ipv6'/>
              </rule>
              <rule action='reject' direction='inout' priority='900'>
                <all/>
              </rule>
            </filter>
            """;

    @BeforeAll
    static void up() throws Exception {
        Virsh.require();
        Jvirt.requireStockFilters();
        lvNs = NetNs.create("nwlv");
        jvNs = NetNs.create("nwjv");
        for (NetNs ns : new NetNs[] {lvNs, jvNs}) {
            Tables.tap(ns, "vnet0");
            Tables.tap(ns, "vnet1");
        }
        libvirtd = Libvirtd.startIn(lvNs);
        jvirt = new Jvirt(jvNs);
        jv = jvirt.open();
        work = Files.createTempDirectory(Path.of("/tmp"), "jvnwd");
    }

    @AfterAll
    static void down() throws Exception {
        if (jvirt != null) {
            jvirt.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
        for (NetNs ns : new NetNs[] {lvNs, jvNs}) {
            if (ns != null) {
                ns.close();
            }
        }
    }

    static String lvUri() {
        return libvirtd.uri("nwfilter", "system");
    }

    static String lv(String... args) throws IOException, InterruptedException {
        Virsh.Result r = Virsh.run(lvUri(), args);
        return r.exit() == 0 ? "" : r.err().trim();
    }

    static Path file(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text);
    }

    /** Does the same on both: libvirtd through virsh, jvirt through its API; the errors must match too. */
    static void both(String what, String xml, String virshCommand) throws Exception {
        Path f = file(what + ".xml", xml);
        String lvErr = lv(virshCommand, f.toString());
        String jvErr = "";
        try {
            if (virshCommand.equals("nwfilter-define")) {
                jv.nwfilterDefineXML(xml);
            } else {
                jv.nwfilterBindingCreateXML(xml);
            }
        } catch (VirtException e) {
            jvErr = e.getMessage();
        }
        // virsh prints the message without the tool's final newline
        assertEquals(lvErr.isEmpty() ? "" : lvErr.substring(lvErr.lastIndexOf("error: ") + 7), jvErr.strip(), what);
    }

    static void sameTables(String when) throws Exception {
        assertEquals(Tables.dump(lvNs), Tables.dump(jvNs), when);
    }

    static String binding(String dev, String mac, String filter, String params) {
        return "<filterbinding><owner><name>g-" + dev + "</name><uuid>" + (dev.equals("vnet0")
                ? "d3b1f9d2-8f55-4b8d-9d37-1c1b2a3b4c5d" : "e3b1f9d2-8f55-4b8d-9d37-1c1b2a3b4c5e")
                + "</uuid></owner><portdev name='" + dev + "'/><mac address='" + mac + "'/><filterref filter='"
                + filter + "'>" + params + "</filterref></filterbinding>";
    }

    @Test
    @Order(1)
    void cleanTrafficWithAnAddressList() throws Exception {
        both("ct", binding("vnet0", "52:54:00:11:22:33", "clean-traffic",
                "<parameter name='IP' value='10.0.0.5'/><parameter name='IP' value='10.0.0.6'/>"), "nwfilter-binding-create");
        sameTables("clean-traffic bound to vnet0");
        assertTrue(Tables.dump(jvNs).contains("-p ARP --arp-ip-src 10.0.0.6 -j RETURN"), Tables.dump(jvNs));
        assertEquals(Virsh.run(lvUri(), "nwfilter-binding-dumpxml", "vnet0").out().strip(),
                jv.nwfilterBindingLookupByPortDev("vnet0").getXMLDesc().strip(), "the binding as kept (MAC added)");
    }

    @Test
    @Order(2)
    void layerThreeAndFourRules() throws Exception {
        both("mixed", MIXED, "nwfilter-define");
        both("mixed-bind", binding("vnet1", "52:54:00:44:55:66", "jv-mixed",
                "<parameter name='IP' value='10.0.0.7'/>"), "nwfilter-binding-create");
        sameTables("jv-mixed bound to vnet1");
        assertTrue(Tables.dump(jvNs).contains("--dport 21:22"), Tables.dump(jvNs));
    }

    @Test
    @Order(3)
    void filterUpdateWhileBound() throws Exception {
        both("mixed2", MIXED.replace("dstportstart='53'", "dstportstart='5353'").replace("'10.0.0.1'", "'10.0.0.2'"),
                "nwfilter-define");
        sameTables("jv-mixed changed while bound");
        assertTrue(Tables.dump(jvNs).contains("5353"), Tables.dump(jvNs));
        // a referenced stock filter changes under both bindings: each side's own definition, edited
        String lvDef = Virsh.run(lvUri(), "nwfilter-dumpxml", "no-mac-spoofing").out();
        assertEquals("", lv("nwfilter-define", file("nms.xml", lvDef.replace("action='drop'", "action='reject'")).toString()));
        jv.nwfilterDefineXML(jv.nwfilterLookupByName("no-mac-spoofing").getXMLDesc().replace("action='drop'",
                "action='reject'"));
        sameTables("a referenced filter changed");
    }

    @Test
    @Order(4)
    void errors() throws Exception {
        both("missing-filter", binding("vnet1", "52:54:00:44:55:66", "jv-nothere", ""), "nwfilter-binding-create");
        both("unresolvable", binding("vnet0", "52:54:00:11:22:33", "clean-traffic",
                "<parameter name='CTRL_IP_LEARNING' value='none'/>"), "nwfilter-binding-create");
        both("bad-learning", binding("vnet0", "52:54:00:11:22:33", "clean-traffic",
                "<parameter name='CTRL_IP_LEARNING' value='sometimes'/>"), "nwfilter-binding-create");
        both("loop", MIXED.replace("<filterref filter='allow-dhcp-server'>", "<filterref filter='jv-mixed'>"),
                "nwfilter-define");
        // an update that fails on a bound interface (iptables knows no such set): nothing switches
        both("bad-update", MIXED.replace("<all/>", "<all ipset='jv-no-such-set' ipsetflags='src'/>"), "nwfilter-define");
        // undefining a filter a bound interface uses
        String lvErr = lv("nwfilter-undefine", "jv-mixed");
        String jvErr = "";
        try {
            jv.nwfilterLookupByName("jv-mixed").undefine();
        } catch (VirtException e) {
            jvErr = e.getMessage();
        }
        assertEquals(lvErr.substring(lvErr.lastIndexOf("error: ") + 7), jvErr);
        sameTables("after the failed calls");
    }

    @Test
    @Order(5)
    void bindingDelete() throws Exception {
        assertEquals("", lv("nwfilter-binding-delete", "vnet1"));
        jv.nwfilterBindingLookupByPortDev("vnet1").delete();
        sameTables("vnet1's binding deleted");
        assertEquals("", lv("nwfilter-binding-delete", "vnet0"));
        jv.nwfilterBindingLookupByPortDev("vnet0").delete();
        sameTables("every binding deleted");
    }
}
