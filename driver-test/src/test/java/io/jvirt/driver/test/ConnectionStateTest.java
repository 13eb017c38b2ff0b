package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.api.Connect;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NodeInfo;
import io.jvirt.testsupport.Shared;

/** Which state a connection sees: shared test:///default, private node files. */
class ConnectionStateTest {
    static final Path EXAMPLES = Shared.conformance()
            .resolve("libvirt-10.7.0/examples/xml/test").toAbsolutePath().normalize();
    static final Path ORACLE = Shared.conformance()
            .resolve("oracle-libvirt-9.0.0/examples/xml/test").toAbsolutePath().normalize();

    private final TestDriver driver = new TestDriver();
    private final Virt virt = new InProcessVirt("test:///default").add(driver, "test", "test");

    @Test
    void defaultStateIsSharedWhileOpenAndFreshAfterTheLastClose() {
        Connect a = virt.open("test:///default");
        Connect b = virt.open("test:///default");
        List<String> seenByB = new ArrayList<>();
        b.domainEventRegisterAny(null, DomainEventId.LIFECYCLE, (d, e) -> seenByB.add(d.getName()));
        a.domainDefineXML(DomainBehaviourTest.D1);
        assertEquals(List.of("d1"), seenByB); // a change through one connection reaches the other's callbacks
        assertEquals(2, b.listAllDomains().size());
        a.close();
        assertEquals(2, b.listAllDomains().size()); // b still holds the state open
        b.close();
        Connect c = virt.open("test:///default");
        assertEquals(1, c.listAllDomains().size()); // afresh, as libvirt after its last connection closed
        assertEquals(1, c.domainLookupByName("test").getID());
        c.close();
        assertEquals(0, driver.defaultConnections());
    }

    @Test
    void idsNeverRestartWithinAState() {
        Connect c = virt.open("test:///default");
        var d = c.domainDefineXML(DomainBehaviourTest.D1);
        d.create();
        assertEquals(2, d.getID());
        d.destroy();
        d.create();
        assertEquals(3, d.getID());
        c.close();
    }

    @Test
    void readOnlyConnectionsCannotChangeAnything() {
        Connect ro = virt.openReadOnly("test:///default");
        error(ErrorCode.OPERATION_DENIED, ErrorDomain.DOMAIN, null, () -> ro.domainLookupByName("test").destroy());
        error(ErrorCode.OPERATION_DENIED, ErrorDomain.DOMAIN, null, () -> ro.domainDefineXML(DomainBehaviourTest.D1));
        assertEquals(1, ro.numOfDomains());
        ro.close();
    }

    @Test
    void pathMustBeGiven() {
        // virsh -c test:/// list: error: invalid argument: testOpen: supply a path or use test:///default
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: testOpen: supply a path or use test:///default",
                () -> virt.open("test:///"));
        // virsh -c test:///nonexist.xml list: XML error: failed to parse xml document '/nonexist.xml'
        error(ErrorCode.XML_ERROR, ErrorDomain.TEST, "XML error: failed to parse xml document '/nonexist.xml'",
                () -> virt.open("test:///nonexist.xml"));
    }

    @Test
    void nodeFileGivesAPrivateState() throws Exception {
        assertTrue(Files.isRegularFile(EXAMPLES.resolve("testnode.xml")),
                "conformance examples missing at " + EXAMPLES + " (set -Djvirt.shared=)");
        String uri = "test://" + EXAMPLES.resolve("testnode.xml");
        Connect a = virt.open(uri);
        Connect b = virt.open(uri);
        // virsh -c test:///.../testnode.xml 'list --all; nodeinfo'
        assertEquals(List.of("fc4", "fc5", "fv0"), DomainBehaviourTest.names(a.listAllDomains()));
        assertEquals(1, a.domainLookupByName("fv0").getID());
        assertEquals(new NodeInfo("i986", 8192000, 50, 6000, 4, 4, 4, 2), a.nodeGetInfo());
        a.domainLookupByName("fc4").destroy();
        assertTrue(b.domainLookupByName("fc4").isActive()); // each connection has its own
        for (String dom : List.of("fv0", "fc4", "fc5")) {
            assertEquals(Files.readString(ORACLE.resolve("testnode/domain-" + dom + ".inactive.xml")).strip(),
                    b.domainLookupByName(dom).getXMLDesc(DomainXMLFlag.INACTIVE).strip(), dom);
        }
        assertEquals(List.of("default", "private"),
                b.listAllNetworks().stream().map(n -> n.getName()).toList());
        assertEquals(Files.readString(ORACLE.resolve("testnode/pool-default-pool.xml")).strip(),
                b.storagePoolLookupByName("default-pool").getXMLDesc().strip());
        a.close();
        b.close();
    }

    @Test
    void inlineNodeFileWithVolumes() throws Exception {
        Connect c = virt.open("test://" + EXAMPLES.resolve("testnodeinline.xml"));
        for (String dom : List.of("fv0", "fc4", "fc5")) {
            assertEquals(Files.readString(ORACLE.resolve("testnodeinline/domain-" + dom + ".xml")).strip(),
                    c.domainLookupByName(dom).getXMLDesc().strip(), dom);
        }
        var pool = c.storagePoolLookupByName("default-pool");
        assertEquals(Files.readString(ORACLE.resolve("testnodeinline/pool-default-pool.xml")).strip(),
                pool.getXMLDesc().strip());
        assertEquals(Files.readString(ORACLE.resolve("testnodeinline/vol-default-pool-default-vol.xml")).strip(),
                pool.storageVolLookupByName("default-vol").getXMLDesc().strip());
        c.close();
    }
}
