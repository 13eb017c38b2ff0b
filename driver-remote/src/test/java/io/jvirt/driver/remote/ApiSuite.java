package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainLifecycle;
import io.jvirt.api.DomainState;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.ListAllDomainsFlag;
import io.jvirt.api.VirtException;

/**
 * The API as an application sees it, run against several servers: only behaviour common to
 * libvirt's test driver and jvirt's vendor driver is asserted, with the names and XML that differ
 * given per target. Legs: {@link JvirtdApiTest} (jvirtd + vendor driver over unix and TCP),
 * {@link LibvirtdApiTest} (real libvirtd, test:///default over unix and TCP), {@link TestDriverApiTest}
 * (jvirt's test driver in-process and through jvirtd).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiSuite {
    /**
     * One server: the URI, the running domain it has from the start, the XML of a new inactive
     * domain named N, and how to open a connection.
     */
    record Target(String uri, String runningDomain, Function<String, String> domainXml, Function<String, Connect> opener) {
    }

    static String testDriverXml(String name) {
        return "<domain type='test'><name>" + name + "</name><memory>65536</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os></domain>";
    }

    static String vendorXml(String name) {
        return "<domain type='vendor'><name>" + name + "</name><memory>65536</memory><vcpu>1</vcpu></domain>";
    }

    protected abstract Target target();

    /** Starts the server the target needs (once per class). */
    protected void startServer() throws Exception {
    }

    protected void stopServer() throws Exception {
    }

    Connect conn;
    final List<String> created = new ArrayList<>();

    @BeforeAll
    void up() throws Exception {
        startServer();
    }

    @AfterAll
    void down() throws Exception {
        stopServer();
    }

    @BeforeEach
    void open() {
        conn = target().opener().apply(target().uri());
    }

    @AfterEach
    void cleanup() {
        for (String n : created) {
            try {
                Domain d = conn.domainLookupByName(n);
                if (d.isActive()) {
                    d.destroy();
                }
                d.undefine();
            } catch (VirtException gone) {
                // already undefined by the test
            }
        }
        created.clear();
        conn.close();
    }

    private String newName(String base) {
        String n = base + "-" + UUID.randomUUID().toString().substring(0, 8);
        created.add(n);
        return n;
    }

    @Test
    void lookupsByNameUuidAndIdAgree() {
        Domain byName = conn.domainLookupByName(target().runningDomain());
        assertEquals(target().runningDomain(), byName.getName());
        assertTrue(byName.getID() > 0, "a running domain has an ID");
        Domain byUuid = conn.domainLookupByUUID(byName.getUUID());
        assertEquals(byName.getName(), byUuid.getName());
        Domain byId = conn.domainLookupByID(byName.getID());
        assertEquals(byName.getUUID(), byId.getUUID());
        assertEquals(byName.getName(), conn.domainLookupByUUIDString(byName.getUUID().toString()).getName());
    }

    @Test
    void missingDomainIsNoDomainWithLibvirtsNumber() {
        VirtException e = assertThrows(VirtException.class, () -> conn.domainLookupByName("no-such-domain-xyz"));
        assertEquals(ErrorCode.NO_DOMAIN, e.code());
        assertEquals(42, e.code().value());
        assertTrue(e.getMessage().startsWith("Domain not found"), e.getMessage());
        VirtException u = assertThrows(VirtException.class, () -> conn.domainLookupByUUID(UUID.randomUUID()));
        assertEquals(ErrorCode.NO_DOMAIN, u.code());
    }

    @Test
    void getInfoStateAndXmlOfTheRunningDomain() {
        Domain d = conn.domainLookupByName(target().runningDomain());
        DomainInfo info = d.getInfo();
        assertEquals(DomainState.RUNNING, info.state());
        assertTrue(info.maxMemKiB() > 0 && info.memoryKiB() > 0 && info.memoryKiB() <= info.maxMemKiB(), info.toString());
        assertTrue(info.nrVirtCpu() >= 1);
        assertEquals(DomainState.RUNNING, d.getState().state());
        assertTrue(d.isActive());
        String xml = d.getXMLDesc();
        assertTrue(xml.contains("<name>" + target().runningDomain() + "</name>"), xml);
        assertTrue(xml.contains(d.getUUID().toString()), xml);
    }

    @Test
    void listAllHonoursTheFilterFlags() {
        String name = newName("list");
        conn.domainDefineXML(target().domainXml().apply(name));
        List<String> active = names(conn.listAllDomains(ListAllDomainsFlag.ACTIVE));
        List<String> inactive = names(conn.listAllDomains(ListAllDomainsFlag.INACTIVE));
        List<String> all = names(conn.listAllDomains());
        assertTrue(active.contains(target().runningDomain()) && !active.contains(name), active.toString());
        assertTrue(inactive.contains(name) && !inactive.contains(target().runningDomain()), inactive.toString());
        assertTrue(all.containsAll(List.of(name, target().runningDomain())), all.toString());
        List<String> persistent = names(conn.listAllDomains(ListAllDomainsFlag.PERSISTENT));
        assertTrue(persistent.contains(name), persistent.toString());
        assertEquals(active.size(), conn.numOfDomains());
        assertEquals(inactive.size(), conn.numOfDefinedDomains());
    }

    @Test
    void defineLifecycleUndefine() {
        String name = newName("life");
        Domain d = conn.domainDefineXML(target().domainXml().apply(name));
        assertEquals(name, d.getName());
        assertTrue(d.isPersistent());
        assertFalse(d.isActive());
        assertEquals(DomainState.SHUTOFF, d.getState().state());
        d.create();
        Domain running = conn.domainLookupByName(name);
        assertTrue(running.getID() > 0);
        assertEquals(DomainState.RUNNING, running.getState().state());
        running.suspend();
        assertEquals(DomainState.PAUSED, running.getInfo().state());
        running.resume();
        assertEquals(DomainState.RUNNING, running.getInfo().state());
        running.destroy();
        assertEquals(DomainState.SHUTOFF, conn.domainLookupByName(name).getState().state());
        conn.domainLookupByName(name).undefine();
        VirtException e = assertThrows(VirtException.class, () -> conn.domainLookupByName(name));
        assertEquals(ErrorCode.NO_DOMAIN, e.code());
    }

    @Test
    void errorsKeepLibvirtsCodeAndDomain() {
        VirtException noName = assertThrows(VirtException.class,
                () -> conn.domainDefineXML(target().domainXml().apply("x").replace("<name>x</name>", "")));
        assertEquals(ErrorCode.NO_NAME, noName.code());
        assertEquals(ErrorDomain.DOMAIN, noName.domain());
        assertEquals("missing name information", noName.getMessage());
        String name = newName("err");
        Domain d = conn.domainDefineXML(target().domainXml().apply(name));
        VirtException notRunning = assertThrows(VirtException.class, () -> d.destroy());
        assertEquals(ErrorCode.OPERATION_INVALID, notRunning.code());
        assertTrue(notRunning.getMessage().startsWith("Requested operation is not valid"), notRunning.getMessage());
    }

    @Test
    void lifecycleEventsArriveInOrder() throws Exception {
        String name = newName("ev");
        LinkedBlockingQueue<DomainLifecycle> events = new LinkedBlockingQueue<>();
        int id = conn.domainEventRegisterAny(null, DomainEventId.LIFECYCLE, (dom, ev) -> {
            if (dom.getName().equals(name) && ev instanceof DomainEvent.Lifecycle l) {
                events.add(l.type());
            }
        });
        try {
            Domain d = conn.domainDefineXML(target().domainXml().apply(name));
            d.create();
            conn.domainLookupByName(name).destroy();
            conn.domainLookupByName(name).undefine();
            List<DomainLifecycle> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                DomainLifecycle t = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(t, "event " + (i + 1) + " of 4 did not come; saw " + seen);
                seen.add(t);
            }
            assertEquals(List.of(DomainLifecycle.DEFINED, DomainLifecycle.STARTED, DomainLifecycle.STOPPED,
                    DomainLifecycle.UNDEFINED), seen);
        } finally {
            conn.domainEventDeregisterAny(id);
        }
    }

    private static List<String> names(List<Domain> ds) {
        return ds.stream().map(Domain::getName).toList();
    }
}
