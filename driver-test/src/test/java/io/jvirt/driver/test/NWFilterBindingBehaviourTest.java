package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NWFilter;
import io.jvirt.api.NWFilterBinding;
import io.jvirt.api.NWFilterBindingCreateFlag;
import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * Filter bindings of the test driver. libvirt's test driver has none: every expectation here was
 * measured on libvirtd 9.0's nwfilter driver in a network namespace (no port device there but a tap
 * {@code vnet1} made for the case of a device that exists; the test host's is its {@code eth1}).
 */
class NWFilterBindingBehaviourTest {
    static final String BINDING = """
            <filterbinding>
              <owner>
                <name>memtest</name>
                <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>
              </owner>
              <portdev name='vnet0'/>
              <mac address='52:54:00:7b:35:93'/>
              <filterref filter='clean-traffic'>
                <parameter name='MAC' value='52:54:00:7b:35:93'/>
              </filterref>
            </filterbinding>
            """;
    static final String OTHER = "<filter name='other' chain='root'><rule action='accept' direction='inout'><all/>"
            + "</rule></filter>";

    private final Virt virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");
    private Connect conn;

    @BeforeEach
    void open() {
        conn = virt.open("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    @Test
    void aBindingOnADeviceTheHostLacksIsKeptWithoutItsFilter() {
        NWFilterBinding b = conn.nwfilterBindingCreateXML(BINDING);
        assertEquals("vnet0", b.getPortDev());
        assertEquals("clean-traffic", b.getFilterName());
        assertEquals(BINDING, b.getXMLDesc());
        assertEquals(List.of("vnet0 clean-traffic"), list());
        error(ErrorCode.OPERATION_FAILED, ErrorDomain.NWFILTER, "operation failed: binding 'vnet0' already exists",
                () -> conn.nwfilterBindingCreateXML(BINDING.replace("clean-traffic", "other")));
        assertEquals(BINDING, conn.nwfilterBindingLookupByPortDev("vnet0").getXMLDesc());
        conn.nwfilterBindingCreateXML(BINDING.replace("vnet0", "vnet8"));
        conn.nwfilterBindingCreateXML(BINDING.replace("vnet0", "tap1"));
        assertEquals(List.of("tap1 clean-traffic", "vnet0 clean-traffic", "vnet8 clean-traffic"), list());
        b.delete();
        String missing = "Network filter binding not found: no nwfilter binding for port dev 'vnet0'";
        error(ErrorCode.NO_NWFILTER_BINDING, ErrorDomain.NWFILTER, missing, b::delete);
        error(ErrorCode.NO_NWFILTER_BINDING, ErrorDomain.NWFILTER, missing, b::getXMLDesc);
        error(ErrorCode.NO_NWFILTER_BINDING, ErrorDomain.NWFILTER, missing,
                () -> conn.nwfilterBindingLookupByPortDev("vnet0"));
        conn.nwfilterBinding("vnet8", "clean-traffic").delete();
        conn.nwfilterBinding("tap1", "clean-traffic").delete();
    }

    @Test
    void aBindingOnADeviceThatIsUpNeedsItsFilterWhichThenStays() {
        String eth1 = BINDING.replace("vnet0", "eth1");
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER, "internal error: referenced filter 'clean-traffic' is missing",
                () -> conn.nwfilterBindingCreateXML(eth1));
        assertEquals(List.of(), list());
        NWFilter other = conn.nwfilterDefineXML(OTHER);
        NWFilterBinding b = conn.nwfilterBindingCreateXML(eth1.replace("clean-traffic", "other"));
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.NWFILTER, "Requested operation is not valid: nwfilter is in use",
                other::undefine);
        b.delete();
        other.undefine();
        // a binding on an absent device does not hold its filter
        other = conn.nwfilterDefineXML(OTHER);
        NWFilterBinding absent = conn.nwfilterBindingCreateXML(BINDING.replace("clean-traffic", "other"));
        other.undefine();
        absent.delete();
    }

    @Test
    void badDocumentsAndReadOnlyConnectionsChangeNothing() {
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER, "internal error: filter binding has no port dev name",
                () -> conn.nwfilterBindingCreateXML(BINDING.replace("<portdev name='vnet0'/>", "")));
        error(ErrorCode.XML_INVALID_SCHEMA, ErrorDomain.XML, null, () -> conn.nwfilterBindingCreateXML(
                BINDING.replace("</filterbinding>", "<foo/></filterbinding>"), NWFilterBindingCreateFlag.VALIDATE));
        assertEquals(List.of(), list());
        NWFilterBinding b = conn.nwfilterBindingCreateXML(BINDING);
        try (Connect ro = virt.openReadOnly("test:///default")) {
            error(ErrorCode.OPERATION_DENIED, ErrorDomain.NWFILTER,
                    "operation forbidden: read only access prevents virNWFilterBindingCreateXML",
                    () -> ro.nwfilterBindingCreateXML(BINDING.replace("vnet0", "vnet5")));
            NWFilterBinding rb = ro.nwfilterBindingLookupByPortDev("vnet0");
            assertEquals(BINDING, rb.getXMLDesc());
            error(ErrorCode.OPERATION_DENIED, ErrorDomain.NWFILTER,
                    "operation forbidden: read only access prevents virNWFilterBindingDelete", rb::delete);
        }
        b.delete();
    }

    private List<String> list() {
        return conn.listAllNWFilterBindings().stream().map(b -> b.getPortDev() + " " + b.getFilterName()).toList();
    }
}
