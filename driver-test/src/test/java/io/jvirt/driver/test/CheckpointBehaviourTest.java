package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCheckpoint;
import io.jvirt.api.DomainCheckpointDeleteFlag;
import io.jvirt.api.DomainCheckpointListFlag;
import io.jvirt.api.DomainCheckpointXMLFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;

/** Checkpoints of the default domain, as {@code virsh -c test:///default checkpoint-*} shows them. */
class CheckpointBehaviourTest {
    private final Virt virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");

    @Test
    void treeXmlAndDelete() {
        try (Connect conn = virt.open("test:///default")) {
            Domain test = conn.domainLookupByName("test");
            DomainCheckpoint c1 = test.checkpointCreateXML(
                    "<domaincheckpoint><name>c1</name><description>hi</description></domaincheckpoint>");
            error(ErrorCode.NO_DOMAIN_CHECKPOINT, ErrorDomain.TEST,
                    "Domain checkpoint not found: checkpoint 'c1' does not have a parent", c1::getParent);
            DomainCheckpoint c2 = test.checkpointCreateXML("<domaincheckpoint><name>c2</name></domaincheckpoint>");
            assertEquals("c1", c2.getParent().getName());
            // virsh checkpoint-dumpxml test c1 --no-domain
            String xml = c1.getXMLDesc(DomainCheckpointXMLFlag.NO_DOMAIN);
            assertTrue(xml.matches("<domaincheckpoint>\n  <name>c1</name>\n  <description>hi</description>\n"
                    + "  <creationTime>\\d+</creationTime>\n  <disks>\n"
                    + "    <disk name='vda' checkpoint='bitmap' bitmap='c1'/>\n  </disks>\n</domaincheckpoint>\n"), xml);
            assertTrue(c2.getXMLDesc().contains("  <domain type='test'>\n"));
            assertEquals(List.of("c1"), test.listAllCheckpoints(DomainCheckpointListFlag.DESCENDANTS).stream()
                    .map(DomainCheckpoint::getName).toList()); // ROOTS
            error(ErrorCode.OPERATION_FAILED, ErrorDomain.DOMAIN, "operation failed: domain moment c1 already exists",
                    () -> test.checkpointCreateXML("<domaincheckpoint><name>c1</name></domaincheckpoint>"));
            c1.delete();
            error(ErrorCode.NO_DOMAIN_CHECKPOINT, ErrorDomain.TEST,
                    "Domain checkpoint not found: checkpoint 'c2' does not have a parent", c2::getParent);
            DomainCheckpoint c3 = test.checkpointCreateXML("<domaincheckpoint><name>c3</name></domaincheckpoint>");
            assertEquals("c2", c3.getParent().getName()); // the newest is the parent of the next
            c2.delete(DomainCheckpointDeleteFlag.CHILDREN);
            assertEquals(0, test.listAllCheckpoints().size());
            error(ErrorCode.NO_DOMAIN_CHECKPOINT, ErrorDomain.TEST,
                    "Domain checkpoint not found: no domain checkpoint with matching name 'c3'",
                    () -> test.checkpointLookupByName("c3"));
        }
    }
}
