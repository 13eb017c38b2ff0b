package io.jvirt.examples.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ConnectUri;
import io.jvirt.api.DomainState;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ListAllDomainsFlag;
import io.jvirt.api.VirtException;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.OpenResult;

/** The vendor driver through the SPI alone, as the registry drives it. */
class VendorDriverTest {
    private final VendorDriver driver = new VendorDriver();

    private HypervisorDriver open() {
        OpenResult r = driver.open(ConnectUri.parse("vendor:///default"), null, 0);
        assertEquals(OpenResult.Status.SUCCESS, r.status());
        return r.connection();
    }

    @Test
    void opensOnlyItsOwnUri() {
        assertEquals(OpenResult.Status.DECLINED, driver.open(ConnectUri.parse("test:///default"), null, 0).status());
        OpenResult other = driver.open(ConnectUri.parse("vendor:///other"), null, 0);
        assertEquals(OpenResult.Status.ERROR, other.status());
        assertEquals(ErrorCode.NO_CONNECT, other.error().code());
    }

    @Test
    void defineStartStopUndefine() {
        HypervisorDriver c = open();
        DomainRef d = c.domainDefineXMLFlags("<domain><name>v2</name><memory>1024</memory><vcpu>2</vcpu></domain>", 0);
        assertEquals(-1, d.id());
        assertEquals(2, c.connectListAllDomains(0).size());
        assertEquals(1, c.connectListAllDomains(ListAllDomainsFlag.INACTIVE.bit()).size());
        DomainRef started = c.domainCreateWithFlags(d, 0);
        assertTrue(started.id() > 0);
        assertEquals(DomainState.RUNNING, c.domainGetInfo(d).state());
        assertEquals(ErrorCode.OPERATION_INVALID,
                assertThrows(VirtException.class, () -> c.domainCreateWithFlags(d, 0)).code());
        c.domainSuspend(d);
        assertEquals(DomainState.PAUSED, c.domainGetState(d, 0).state());
        c.domainResume(d);
        c.domainDestroyFlags(d, 0);
        assertEquals(new io.jvirt.api.DomainStateReason(DomainState.SHUTOFF, DomainState.SHUTOFF_DESTROYED),
                c.domainGetState(d, 0));
        c.domainUndefineFlags(d, 0);
        assertEquals(ErrorCode.NO_DOMAIN, assertThrows(VirtException.class, () -> c.domainLookupByName("v2")).code());
    }

    @Test
    void transientDomainVanishesWhenStopped() {
        HypervisorDriver c = open();
        DomainRef t = c.domainCreateXML("<domain><name>t</name></domain>", 0);
        assertTrue(t.id() > 0);
        c.domainDestroyFlags(t, 0);
        assertThrows(VirtException.class, () -> c.domainLookupByName("t"));
    }

    @Test
    void badInputChangesNothing() {
        HypervisorDriver c = open();
        assertEquals(ErrorCode.XML_ERROR,
                assertThrows(VirtException.class, () -> c.domainDefineXMLFlags("<domain><name>x", 0)).code());
        assertEquals(ErrorCode.XML_ERROR, assertThrows(VirtException.class,
                () -> c.domainDefineXMLFlags("<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><domain>"
                        + "<name>&e;</name></domain>", 0)).code());
        assertEquals(ErrorCode.INVALID_ARG,
                assertThrows(VirtException.class, () -> c.connectListAllDomains(1 << 30)).code());
        assertEquals(1, c.connectListAllDomains(0).size());
        assertEquals(ErrorCode.NO_SUPPORT, assertThrows(VirtException.class, () -> c.domainSave(
                c.domainLookupByName("vendor-1"), "/tmp/x")).code(), "what the vendor does not implement");
    }
}
