package io.jvirt.driver.test;

import static io.jvirt.driver.test.Expect.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.api.Virt;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainDefineFlag;
import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainLifecycle;
import io.jvirt.api.DomainModificationFlag;
import io.jvirt.api.DomainState;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.DomainUndefineFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.ListAllDomainsFlag;

/**
 * Domains through every state transition and error path. Expectations were observed on this machine
 * with libvirt 9.0.0 ({@code virsh -c test:///default ...} and libvirt-python's
 * {@code libvirt.open("test:///default")}, whose errors show code, domain and message).
 */
class DomainBehaviourTest {
    static final String D1 = "<domain type='test'><name>d1</name><memory>1048576</memory><vcpu>1</vcpu>"
            + "<os><type>hvm</type></os></domain>";

    private final Virt virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");
    private Connect conn;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        conn = virt.open("test:///default");
        conn.domainEventRegisterAny(null, DomainEventId.LIFECYCLE, (d, e) -> {
            DomainEvent.Lifecycle l = (DomainEvent.Lifecycle) e;
            events.add(d.getName() + " " + l.type() + " " + l.type().detailName(l.detail()));
        });
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private List<String> takeEvents() {
        List<String> l = new ArrayList<>(events);
        events.clear();
        return l;
    }

    private static DomainStateReason st(DomainState s, int reason) {
        return new DomainStateReason(s, reason);
    }

    @Test
    void validateFlagChecksLibvirtsSchemaAndChangesNothing() {
        // /usr/bin/python3: conn.defineXMLFlags("<domain ...><bogus/></domain>", VALIDATE) on test:///default
        // -> code 92 (XML_INVALID_SCHEMA), domain 5 (XML); without the flag libvirt ignores <bogus/>
        String bogus = D1.replace("</domain>", "<bogus/></domain>");
        io.jvirt.api.VirtException e = org.junit.jupiter.api.Assertions.assertThrows(io.jvirt.api.VirtException.class,
                () -> conn.domainDefineXML(bogus, io.jvirt.api.DomainDefineFlag.VALIDATE));
        org.junit.jupiter.api.Assertions.assertEquals(io.jvirt.api.ErrorCode.XML_INVALID_SCHEMA, e.code());
        org.junit.jupiter.api.Assertions.assertEquals(io.jvirt.api.ErrorDomain.XML, e.domain());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("XML document failed to validate "
                + "against schema: Unable to validate doc against /usr/share/libvirt/schemas/domain.rng\n"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(io.jvirt.api.VirtException.class,
                () -> conn.domainLookupByName("d1"), "a refused definition changes nothing");
        org.junit.jupiter.api.Assertions.assertThrows(io.jvirt.api.VirtException.class,
                () -> conn.domainCreateXML(bogus, io.jvirt.api.DomainCreateFlag.START_VALIDATE));
        Domain d = conn.domainDefineXML(D1, io.jvirt.api.DomainDefineFlag.VALIDATE);
        org.junit.jupiter.api.Assertions.assertEquals("d1", d.getName(), "a valid definition passes the schema");
        d.undefine();
    }

    @Test
    void defaultDomainAsVirshShowsIt() {
        // virsh -c test:///default 'list --all; dominfo test; domstate test --reason'
        Domain test = conn.domainLookupByName("test");
        assertEquals(1, test.getID());
        assertEquals("6695eb01-f6a4-8304-79aa-97f2502e193f", test.getUUID().toString());
        assertEquals(st(DomainState.RUNNING, 0), test.getState());
        DomainInfo info = test.getInfo();
        assertEquals(DomainState.RUNNING, info.state());
        assertEquals(8388608, info.maxMemKiB());
        assertEquals(2097152, info.memoryKiB());
        assertEquals(2, info.nrVirtCpu());
        assertEquals("linux", test.getOSType());
        assertTrue(test.isPersistent());
        assertFalse(test.getAutostart());
        assertEquals(1, conn.numOfDomains());
        assertEquals(0, conn.numOfDefinedDomains());
        assertEquals("TEST", conn.getType());
        assertEquals(2, conn.getVersion());
        assertEquals(new io.jvirt.api.NodeInfo("i686", 3145728, 16, 1400, 2, 2, 2, 2), conn.nodeGetInfo());
    }

    @Test
    void defaultDomainXmlIsLibvirts() {
        // virsh -c test:///default dumpxml test
        String xml = conn.domainLookupByName("test").getXMLDesc();
        assertTrue(xml.startsWith("<domain type='test' id='1'>\n  <name>test</name>\n"), xml);
        assertTrue(xml.contains("  <vcpu placement='static'>2</vcpu>\n"), xml);
        assertTrue(xml.contains("      <target dev='testnet0'/>\n"), xml);
        String inactive = conn.domainLookupByName("test").getXMLDesc(DomainXMLFlag.INACTIVE);
        assertTrue(inactive.startsWith("<domain type='test'>\n"), inactive);
    }

    @Test
    void lookupsOfMissingDomains() {
        error(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "Domain not found", () -> conn.domainLookupByName("nope"));
        error(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "Domain not found", () -> conn.domainLookupByID(9));
        error(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "Domain not found",
                () -> conn.domainLookupByUUIDString("6695eb01-f6a4-8304-79aa-97f2502e1930"));
    }

    @Test
    void fullLifecycleWithStatesReasonsAndEvents() {
        Domain d = conn.domainDefineXML(D1);
        assertEquals(List.of("d1 DEFINED added"), takeEvents());
        assertEquals(-1, d.getID());
        assertEquals(st(DomainState.SHUTOFF, 0), d.getState());

        d.create();
        assertEquals(2, d.getID()); // test has ID 1; IDs count on
        assertEquals(st(DomainState.RUNNING, 1), d.getState()); // running (booted)
        assertEquals(List.of("d1 STARTED booted"), takeEvents());
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.TEST, "internal error: Domain 'd1' is already running", d::create);

        d.suspend();
        assertEquals(st(DomainState.PAUSED, 1), d.getState()); // paused (user)
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.TEST, "internal error: domain 'd1' not running", d::suspend);
        d.resume();
        assertEquals(st(DomainState.RUNNING, 5), d.getState()); // running (unpaused)
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.TEST, "internal error: domain 'd1' not paused", d::resume);
        assertEquals(List.of("d1 SUSPENDED paused", "d1 RESUMED unpaused"), takeEvents());

        d.reboot();
        assertEquals(st(DomainState.RUNNING, 1), d.getState());
        assertEquals(List.of(), takeEvents()); // libvirt emits no lifecycle event on reboot

        d.shutdown();
        assertEquals(st(DomainState.SHUTOFF, 1), d.getState()); // shut off (shutdown)
        assertEquals(List.of("d1 STOPPED shutdown"), takeEvents());
        error(ErrorCode.INTERNAL_ERROR, ErrorDomain.TEST, "internal error: domain 'd1' not running", d::shutdown);

        d.create();
        assertEquals(3, d.getID());
        d.destroy();
        assertEquals(-1, d.getID());
        assertEquals(st(DomainState.SHUTOFF, 2), d.getState()); // shut off (destroyed)
        assertEquals(List.of("d1 STARTED booted", "d1 STOPPED destroyed"), takeEvents());
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "Requested operation is not valid: domain is not running",
                d::destroy);
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "Requested operation is not valid: domain is not running",
                d::reboot);

        d.undefine();
        assertEquals(List.of("d1 UNDEFINED removed"), takeEvents());
        error(ErrorCode.NO_DOMAIN, ErrorDomain.TEST,
                "Domain not found: no domain with matching uuid '" + d.getUUID() + "' (d1)", d::getState);
    }

    @Test
    void duplicatesAreRefused() {
        conn.domainDefineXML(D1);
        String uuid = conn.domainLookupByName("d1").getUUID().toString();
        // D1 has no UUID: a second define generates another and clashes by name
        error(ErrorCode.OPERATION_FAILED, ErrorDomain.DOMAIN,
                "operation failed: domain 'd1' already exists with uuid " + uuid, () -> conn.domainDefineXML(D1));
        error(ErrorCode.OPERATION_FAILED, ErrorDomain.DOMAIN,
                "operation failed: domain 'd1' already exists with uuid " + uuid, () -> conn.domainCreateXML(D1));
    }

    @Test
    void redefineWithSameUuidUpdates() {
        Domain d = conn.domainDefineXML(D1);
        takeEvents();
        String withUuid = D1.replace("</name>", "</name><uuid>" + d.getUUID() + "</uuid>").replace("1048576", "524288");
        conn.domainDefineXML(withUuid);
        assertEquals(List.of("d1 DEFINED updated"), takeEvents());
        assertEquals(524288, d.getMaxMemory());
    }

    @Test
    void transientDomainsVanishWhenStopped() {
        Domain d = conn.domainCreateXML(D1);
        assertEquals(List.of("d1 STARTED booted"), takeEvents());
        assertFalse(d.isPersistent());
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                "Requested operation is not valid: cannot do managed save for transient domain", d::managedSave);
        d.destroy();
        assertEquals(List.of("d1 STOPPED destroyed"), takeEvents());
        error(ErrorCode.NO_DOMAIN, ErrorDomain.TEST, "Domain not found", () -> conn.domainLookupByName("d1"));
    }

    @Test
    void undefiningARunningDomainMakesItTransient() {
        Domain d = conn.domainDefineXML(D1);
        d.create();
        d.undefine();
        assertEquals(st(DomainState.RUNNING, 1), d.getState());
        assertFalse(d.isPersistent());
        d.undefine(); // libvirt accepts this too, and emits UNDEFINED again
        d.shutdown();
        assertEquals(List.of("d1 DEFINED added", "d1 STARTED booted", "d1 UNDEFINED removed", "d1 UNDEFINED removed",
                "d1 STOPPED shutdown"), takeEvents());
        assertEquals(0, conn.numOfDefinedDomains());
    }

    @Test
    void saveAndRestore(@TempDir Path dir) throws Exception {
        Domain d = conn.domainDefineXML(D1);
        String image = dir.resolve("d1.sav").toString();
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "Requested operation is not valid: domain is not running",
                () -> d.save(image));
        d.create();
        takeEvents();
        d.save(image);
        assertTrue(Files.size(Path.of(image)) > 0);
        assertEquals(st(DomainState.SHUTOFF, 5), d.getState()); // shut off (saved)
        assertEquals(List.of("d1 STOPPED saved"), takeEvents());
        conn.domainRestore(image);
        assertEquals(st(DomainState.RUNNING, 3), d.getState()); // running (restored)
        assertEquals(List.of("d1 STARTED restored"), takeEvents());
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                "Requested operation is not valid: domain 'd1' is already active", () -> conn.domainRestore(image));
        error(ErrorCode.SYSTEM_ERROR, ErrorDomain.TEST,
                "cannot read domain image '" + dir.resolve("none.sav") + "': No such file or directory",
                () -> conn.domainRestore(dir.resolve("none.sav").toString()));
    }

    @Test
    void managedSave() {
        Domain d = conn.domainDefineXML(D1);
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "Requested operation is not valid: domain is not running",
                d::managedSave);
        d.create();
        d.suspend();
        takeEvents();
        d.managedSave(); // a paused domain too
        assertEquals(List.of("d1 STOPPED saved"), takeEvents());
        assertEquals(st(DomainState.SHUTOFF, 5), d.getState());
        assertTrue(d.hasManagedSaveImage());
        assertEquals(List.of("d1"), names(conn.listAllDomains(ListAllDomainsFlag.MANAGEDSAVE)));
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                "Requested operation is not valid: Refusing to undefine while domain managed save image exists",
                () -> d.undefine());
        d.create(); // starts afresh (booted), the image is gone
        assertEquals(st(DomainState.RUNNING, 1), d.getState());
        assertFalse(d.hasManagedSaveImage());
        d.managedSave();
        d.undefine(DomainUndefineFlag.MANAGED_SAVE);
        assertEquals(0, conn.numOfDefinedDomains());
    }

    @Test
    void memoryAndVcpus() {
        Domain d = conn.domainDefineXML(D1);
        d.create();
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: cannot set memory higher than max memory",
                () -> d.setMemory(99999999));
        d.setMemory(524288);
        assertEquals(524288, d.getInfo().memoryKiB());
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                "Requested operation is not valid: cannot resize the maximum memory on an active domain",
                () -> d.setMaxMemory(524288));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "invalid argument: requested cpu amount exceeds maximum (5 > 1)",
                () -> d.setVcpus(5));
        assertEquals(1, d.getMaxVcpus());
        d.destroy();
        assertEquals(1048576, d.getInfo().memoryKiB()); // the live change is gone with the live definition
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN, "Requested operation is not valid: domain is not running",
                d::getMaxVcpus);
        // virsh setmem d1 100000 --config; virsh setmaxmem d1 2000000 --config
        d.setMemory(100000, DomainModificationFlag.CONFIG);
        d.setMaxMemory(2000000);
        String xml = d.getXMLDesc();
        assertTrue(xml.contains("<memory unit='KiB'>2000000</memory>"), xml);
        assertTrue(xml.contains("<currentMemory unit='KiB'>100000</currentMemory>"), xml);
        error(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive",
                () -> d.setMemory(1, DomainModificationFlag.LIVE, DomainModificationFlag.CONFIG));
        d.setVcpus(4, DomainModificationFlag.CONFIG, DomainModificationFlag.MAXIMUM);
        d.setVcpus(3, DomainModificationFlag.CONFIG);
        assertTrue(d.getXMLDesc().contains("<vcpu placement='static' current='3'>4</vcpu>"), d.getXMLDesc());
    }

    @Test
    void flagsLibvirtRejects() {
        Domain test = conn.domainLookupByName("test");
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "unsupported flags (0x4) in function testDomainGetXMLDesc",
                () -> test.getXMLDesc(DomainXMLFlag.UPDATE_CPU));
        error(ErrorCode.INVALID_ARG, ErrorDomain.TEST, "unsupported flags (0x4) in function testDomainUndefineFlags",
                () -> test.undefine(DomainUndefineFlag.NVRAM));
        conn.domainDefineXML(D1, DomainDefineFlag.VALIDATE);
    }

    @Test
    void autostartOnlyForPersistent() {
        Domain d = conn.domainDefineXML(D1);
        d.setAutostart(true);
        assertTrue(d.getAutostart());
        assertEquals(List.of("d1"), names(conn.listAllDomains(ListAllDomainsFlag.AUTOSTART)));
        d.undefine();
        Domain t = conn.domainCreateXML(D1);
        error(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                "Requested operation is not valid: cannot set autostart for transient domain", () -> t.setAutostart(true));
    }

    @Test
    void listFilters() {
        conn.domainDefineXML(D1);
        assertEquals(List.of("d1", "test"), names(conn.listAllDomains()));
        assertEquals(List.of("test"), names(conn.listAllDomains(ListAllDomainsFlag.ACTIVE)));
        assertEquals(List.of("d1"), names(conn.listAllDomains(ListAllDomainsFlag.INACTIVE)));
        assertEquals(List.of("d1"), names(conn.listAllDomains(ListAllDomainsFlag.SHUTOFF)));
        assertEquals(List.of(), names(conn.listAllDomains(ListAllDomainsFlag.TRANSIENT)));
    }

    static List<String> names(List<Domain> l) {
        return l.stream().map(Domain::getName).toList();
    }
}
