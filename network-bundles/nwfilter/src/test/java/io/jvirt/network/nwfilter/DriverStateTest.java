package io.jvirt.network.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NWFilter;
import io.jvirt.api.VirtException;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.network.nwfilter.host.HostNet;
import io.jvirt.network.nwfilter.store.Layout;
import io.jvirt.spi.DriverScope;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.OpenResult;
import io.jvirt.testsupport.NetNs;

/**
 * The driver's state across restarts, in a namespace: libvirt's stock filters come in once, filters
 * and bindings persist, a platform restart instantiates the bindings again (same rules), a reboot
 * of the host leaves none; a filter update that fails on a bound interface changes nothing; the
 * session instance refuses changes; flags are checked in libvirt's function names.
 */
class DriverStateTest {
    static final String BINDING = "<filterbinding><owner><name>g</name><uuid>d3b1f9d2-8f55-4b8d-9d37-1c1b2a3b4c5d"
            + "</uuid></owner><portdev name='vnet0'/><mac address='52:54:00:12:34:56'/><filterref filter='%s'>"
            + "<parameter name='IP' value='10.0.0.5'/></filterref></filterbinding>";
    static final String OWN = "<filter name='jv-own' chain='ipv4'><uuid>11111111-2222-3333-4444-555555555555</uuid>"
            + "<rule action='accept' direction='out'><tcp dstportstart='%s'/></rule>"
            + "<rule action='drop' direction='in'><ip srcipaddr='$IP'/></rule></filter>";

    @Test
    void stockFiltersComeInOnce() throws Exception {
        Jvirt.requireStockFilters();
        try (NetNs ns = NetNs.create("nwst"); Jvirt jv = new Jvirt(ns)) {
            long stock;
            try (Stream<Path> s = Files.list(NWFilterDriverComponent.STOCK_DIR)) {
                stock = s.filter(p -> p.toString().endsWith(".xml")).count();
            }
            Connect c = jv.open();
            assertEquals(stock, c.listAllNWFilters().size(), "every stock filter of " + NWFilterDriverComponent.STOCK_DIR);
            NWFilter ct = c.nwfilterLookupByName("clean-traffic");
            assertTrue(Files.isRegularFile(new Layout(jv.root).filter("clean-traffic")), "persisted with its UUID");
            c.nwfilterLookupByName("no-ipv6-multicast").undefine();
            jv.stop();
            Connect again = jv.open();
            assertEquals(stock - 1, again.listAllNWFilters().size(), "an undefined stock filter stays undefined");
            assertEquals(ct.getUUID(), again.nwfilterLookupByName("clean-traffic").getUUID(), "the UUID it got is kept");
        }
    }

    @Test
    void bindingsSurviveAPlatformRestartAndNotAReboot() throws Exception {
        Jvirt.requireStockFilters();
        try (NetNs ns = NetNs.create("nwrs"); Jvirt jv = new Jvirt(ns)) {
            Tables.tap(ns, "vnet0");
            Connect c = jv.open();
            c.nwfilterDefineXML(OWN.formatted("22"));
            c.nwfilterBindingCreateXML(BINDING.formatted("clean-traffic"));
            String bound = Tables.dump(ns);
            String xml = c.nwfilterBindingLookupByPortDev("vnet0").getXMLDesc();
            Layout layout = new Layout(jv.root);
            assertTrue(Files.readString(layout.binding("vnet0")).startsWith("<filterbindingstatus>\n  <filterbinding>"),
                    "the binding's status file");

            jv.stop(); // the platform goes; the rules stay
            assertEquals(bound, Tables.dump(ns), "the rules outlive the driver");
            ns.exec("ebtables", "-t", "nat", "-F", "libvirt-I-vnet0"); // someone meddled while it was gone
            Connect after = jv.open();
            assertEquals(List.of("vnet0"), after.listAllNWFilterBindings().stream().map(b -> b.getPortDev()).toList());
            assertEquals(xml, after.nwfilterBindingLookupByPortDev("vnet0").getXMLDesc());
            assertEquals(bound, Tables.dump(ns), "the binding is instantiated again at the driver's start");
            assertTrue(after.nwfilterLookupByName("jv-own").getXMLDesc().contains("dstportstart='22'"));

            jv.stop();
            Files.writeString(layout.bootId(), "another-boot\n"); // as if the host had rebooted since
            assertEquals(List.of(), jv.open().listAllNWFilterBindings(), "a binding of an earlier boot is gone");
            assertFalse(Files.exists(layout.binding("vnet0")));
        }
    }

    @Test
    void aFailedUpdateChangesNothing() throws Exception {
        Jvirt.requireStockFilters();
        try (NetNs ns = NetNs.create("nwfu"); Jvirt jv = new Jvirt(ns)) {
            Tables.tap(ns, "vnet0");
            Connect c = jv.open();
            c.nwfilterDefineXML(OWN.formatted("22"));
            c.nwfilterBindingCreateXML(BINDING.formatted("jv-own"));
            String before = Tables.dump(ns);
            String bad = OWN.formatted("22").replace("<tcp dstportstart='22'/>",
                    "<tcp dstportstart='22' ipset='jv-no-such-set' ipsetflags='src'/>").replace("<rule action='drop'",
                    "<rule action='accept' direction='out'><all ipset='jv-no-such-set' ipsetflags='src'/></rule><rule action='drop'");
            VirtException e = assertThrows(VirtException.class, () -> c.nwfilterDefineXML(bad));
            assertEquals(ErrorCode.INTERNAL_ERROR, e.code(), e.getMessage());
            assertEquals(ErrorDomain.FIREWALL, e.domain(), e.getMessage());
            assertTrue(e.getMessage().contains("jv-no-such-set"), e.getMessage());
            assertEquals(before, Tables.dump(ns), "the interface keeps its rules");
            assertTrue(c.nwfilterLookupByName("jv-own").getXMLDesc().contains("dstportstart='22'"));
            assertFalse(Files.readString(new Layout(jv.root).filter("jv-own")).contains("ipset"));
            c.nwfilterDefineXML(OWN.formatted("2222"));
            assertTrue(Tables.dump(ns).contains("--dport 2222"), "an update that works is live at once");
        }
    }

    @Test
    void sessionAndFlags() throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "jvnws");
        NWFilterDriverComponent d = new NWFilterDriverComponent(root.resolve("system"), null,
                new SchemaValidator(SchemaValidator.DEFAULT_DIR), scope -> HostNet.system());
        try {
            OpenResult r = d.open(io.jvirt.api.ConnectUri.parse("nwfilter:///session"), null, 0);
            NWFilterDriver session = r.connection().nwfilterDriver().orElseThrow();
            assertEquals(List.of(), session.connectListAllNWFilters(0));
            VirtException e = assertThrows(VirtException.class, () -> session.nwfilterDefineXML(OWN.formatted("1"), 0));
            assertEquals("Requested operation is not valid: Can't define NWFilters in session mode", e.getMessage());
            e = assertThrows(VirtException.class, () -> session.nwfilterBindingCreateXML(BINDING.formatted("x"), 0));
            assertEquals("Requested operation is not valid: Can't define NWFilter bindings in session mode", e.getMessage());
            assertEquals(ErrorCode.OPERATION_INVALID, e.code());

            NWFilterDriver embed = d.open(DriverScope.embed(root.toString()).uri("nwfilter"), null, 0).connection()
                    .nwfilterDriver().orElseThrow();
            e = assertThrows(VirtException.class, () -> embed.nwfilterDefineXML(OWN.formatted("1"), 2));
            assertEquals("unsupported flags (0x2) in function nwfilterDefineXMLFlags", e.getMessage());
            e = assertThrows(VirtException.class, () -> embed.connectListAllNWFilterBindings(1));
            assertEquals("unsupported flags (0x1) in function nwfilterConnectListAllNWFilterBindings", e.getMessage());
            e = assertThrows(VirtException.class, () -> embed.nwfilterBindingLookupByPortDev("vnet9"));
            assertEquals("Network filter binding not found: no nwfilter binding for port dev 'vnet9'", e.getMessage());
            // a binding on a device the host does not have: kept, nothing instantiated, filter not even looked up
            embed.nwfilterBindingCreateXML(BINDING.formatted("jv-not-defined").replace("vnet0", "jvnone0"), 0);
            assertEquals(1, embed.connectListAllNWFilterBindings(0).size());
            OpenResult other = d.open(io.jvirt.api.ConnectUri.parse("nwfilter:///other"), null, 0);
            assertEquals(OpenResult.Status.ERROR, other.status());
            assertEquals("internal error: unexpected nwfilter URI path '/other', try nwfilter:///system",
                    other.error().getMessage());
        } finally {
            d.deactivate();
        }
    }
}
