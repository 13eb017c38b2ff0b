package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainSnapshot;
import io.jvirt.api.DomainSnapshotCreateFlag;
import io.jvirt.api.DomainSnapshotDeleteFlag;
import io.jvirt.api.DomainSnapshotListFlag;
import io.jvirt.api.DomainState;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.DomainUndefineFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;

/**
 * Snapshots of the default domain, as libvirt-python and {@code virsh -c test:///default
 * snapshot-*} show them here.
 */
class SnapshotBehaviourTest {
    private final Virt virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");
    private Connect conn;
    private Domain test;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void open() {
        conn = virt.open("test:///default");
        test = conn.domainLookupByName("test");
        conn.domainEventRegisterAny(null, DomainEventId.LIFECYCLE, (d, e) -> {
            DomainEvent.Lifecycle l = (DomainEvent.Lifecycle) e;
            events.add(l.type() + " " + l.type().detailName(l.detail()));
        });
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private DomainSnapshot create(String name) {
        return test.snapshotCreateXML("<domainsnapshot><name>" + name + "</name></domainsnapshot>");
    }

    @Test
    void treeCurrentAndParents() {
        error(ErrorCode.NO_DOMAIN_SNAPSHOT, ErrorDomain.TEST,
                "Domain snapshot not found: the domain does not have a current snapshot", test::snapshotCurrent);
        assertFalse(test.hasCurrentSnapshot());
        DomainSnapshot s1 = create("s1");
        error(ErrorCode.OPERATION_FAILED, ErrorDomain.DOMAIN, "operation failed: domain moment s1 already exists",
                () -> create("s1"));
        error(ErrorCode.NO_DOMAIN_SNAPSHOT, ErrorDomain.TEST,
                "Domain snapshot not found: snapshot 's1' does not have a parent", s1::getParent);
        DomainSnapshot s2 = create("s2");
        assertEquals("s1", s2.getParent().getName());
        assertEquals("s2", test.snapshotCurrent().getName());
        assertTrue(s2.isCurrent());
        assertFalse(s1.isCurrent());
        assertEquals(1, s1.numChildren());
        assertEquals(List.of("s1"), test.listAllSnapshots(DomainSnapshotListFlag.DESCENDANTS).stream()
                .map(DomainSnapshot::getName).toList()); // ROOTS
        assertEquals(List.of("s2"), test.listAllSnapshots(DomainSnapshotListFlag.LEAVES).stream()
                .map(DomainSnapshot::getName).toList());
        String xml = s2.getXMLDesc();
        assertTrue(xml.startsWith("<domainsnapshot>\n  <name>s2</name>\n  <state>running</state>\n  <parent>\n"
                + "    <name>s1</name>\n  </parent>\n  <creationTime>"), xml);
        assertTrue(xml.contains("  <memory snapshot='internal'/>\n  <disks>\n    <disk name='vda' snapshot='internal'/>\n"
                + "  </disks>\n  <domain type='test'>\n    <name>test</name>\n"), xml);
        error(ErrorCode.NO_DOMAIN_SNAPSHOT, ErrorDomain.TEST,
                "Domain snapshot not found: no domain snapshot with matching name 'nope'",
                () -> test.snapshotLookupByName("nope"));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "unsupported flags (0x10) in function testDomainSnapshotCreateXML",
                () -> test.snapshotCreateXML("<domainsnapshot/>", DomainSnapshotCreateFlag.DISK_ONLY));
    }

    @Test
    void revertRestoresStateAndDefinition() {
        DomainSnapshot running = create("running");
        test.destroy();
        DomainSnapshot off = create("off");
        assertTrue(off.getXMLDesc().contains("<state>shutoff</state>\n"));
        assertTrue(off.getXMLDesc().contains("<memory snapshot='no'/>"));
        events.clear();
        running.revert();
        assertEquals(new DomainStateReason(DomainState.RUNNING, 4), test.getState()); // running (from snapshot)
        assertEquals(List.of("STARTED from snapshot"), events);
        events.clear();
        off.revert();
        assertEquals(new DomainStateReason(DomainState.SHUTOFF, 7), test.getState()); // shut off (from snapshot)
        assertEquals(List.of("STOPPED from snapshot"), events);
        assertEquals("off", test.snapshotCurrent().getName());
    }

    @Test
    void deleteReparentsOrTakesChildren() {
        DomainSnapshot s1 = create("s1");
        create("s2");
        create("s3");
        test.snapshotLookupByName("s2").delete();
        assertEquals("s1", test.snapshotLookupByName("s3").getParent().getName());
        s1.delete(DomainSnapshotDeleteFlag.CHILDREN);
        assertEquals(0, test.snapshotNum());
        assertFalse(test.hasCurrentSnapshot());
    }

    @Test
    void undefineRefusesWhileSnapshotsExist() {
        create("s1");
        test.destroy();
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                "Requested operation is not valid: cannot delete inactive domain with 1 snapshots", test::undefine);
        test.undefine(DomainUndefineFlag.SNAPSHOTS_METADATA);
    }
}
