package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.Interface;

/** Host interfaces of test:///default, as {@code virsh -c test:///default iface-*} shows them. */
class InterfaceBehaviourTest {
    static final String ETH2 = "<interface type='ethernet' name='eth2'><start mode='onboot'/>"
            + "<mac address='aa:bb:cc:dd:ee:02'/><protocol family='ipv4'><dhcp/></protocol></interface>";

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

    private List<String> names(int flags) {
        return conn.listAllInterfaces(flags).stream().map(i -> i.getName() + (i.isActive() ? "+" : "-")).toList();
    }

    @Test
    void defaultEth1AndDefine() {
        Interface eth1 = conn.interfaceLookupByName("eth1");
        assertEquals("aa:bb:cc:dd:ee:ff", eth1.getMACString());
        assertEquals("eth1", conn.interfaceLookupByMACString("aa:bb:cc:dd:ee:ff").getName());
        assertTrue(eth1.getXMLDesc(false).contains("  <mtu size='1492'/>\n"));
        Interface eth2 = conn.interfaceDefineXML(ETH2);
        // virsh iface-dumpxml eth2: libvirt moves <mac> after <protocol>
        assertEquals("<interface type='ethernet' name='eth2'>\n  <start mode='onboot'/>\n  <protocol family='ipv4'>\n"
                + "    <dhcp/>\n  </protocol>\n  <mac address='aa:bb:cc:dd:ee:02'/>\n</interface>\n",
                eth2.getXMLDesc(false));
        assertEquals(List.of("eth1+", "eth2-"), names(0));
        eth2.create();
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST, "Requested operation is not valid", eth2::create);
        eth2.destroy();
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST, "Requested operation is not valid", eth2::destroy);
        eth1.undefine(); // an active interface can be undefined
        error(ErrorCode.NO_INTERFACE, ErrorDomain.TEST,
                "Interface not found: no interface with matching name 'eth1'", () -> conn.interfaceLookupByName("eth1"));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "unsupported flags (0x1) in function testInterfaceGetXMLDesc",
                () -> eth2.getXMLDesc(true));
    }

    @Test
    void transactions() {
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                "Requested operation is not valid: no transaction running, nothing to be committed.",
                conn::interfaceChangeCommit);
        conn.interfaceChangeBegin();
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                "Requested operation is not valid: there is another transaction running.", conn::interfaceChangeBegin);
        conn.interfaceLookupByName("eth1").undefine();
        assertEquals(List.of(), names(0));
        conn.interfaceChangeRollback();
        assertEquals(List.of("eth1-"), names(0)); // restored, inactive
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                "Requested operation is not valid: no transaction running, nothing to rollback.",
                conn::interfaceChangeRollback);
        assertFalse(conn.interfaceLookupByName("eth1").isActive());
    }
}
