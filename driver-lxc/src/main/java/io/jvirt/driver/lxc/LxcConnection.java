package io.jvirt.driver.lxc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;

import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainStateReason;
import io.jvirt.driver.lxc.domain.LxcInstance;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.HypervisorDriver;
import io.jvirt.spi.StreamRef;

/** One open connection to an {@link LxcInstance}; several connections share an instance. */
final class LxcConnection implements HypervisorDriver {
    private static final int XML_SECURE = 1;
    private static final int XML_INACTIVE = 2;

    private final LxcInstance lxc;
    private final String uri;

    LxcConnection(LxcInstance lxc, String uri) {
        this.lxc = lxc;
        this.uri = uri;
    }

    LxcInstance instance() {
        return lxc;
    }

    @Override
    public void connectClose() {
        lxc.deregisterAll(this);
    }

    @Override
    public String connectGetURI() {
        return uri;
    }

    @Override
    public String connectGetType() {
        return "LXC";
    }

    @Override
    public String connectGetHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public int connectDomainEventRegisterAny(DomainRef domain, int eventId, DomainEventSink sink) {
        if (eventId < 0 || eventId > DomainEventId.MEMORY_DEVICE_SIZE_CHANGE.value()) {
            throw LxcErrors.invalidArg("unsupported event ID " + eventId);
        }
        return lxc.register(this, domain == null ? null : domain.uuid(), eventId, sink);
    }

    @Override
    public void connectDomainEventDeregisterAny(int callbackId) {
        lxc.deregister(this, callbackId);
    }

    @Override
    public List<DomainRef> connectListAllDomains(int flags) {
        return lxc.listAll(flags);
    }

    @Override
    public int connectNumOfDomains() {
        return lxc.numActive();
    }

    @Override
    public int connectNumOfDefinedDomains() {
        return lxc.numInactive();
    }

    @Override
    public DomainRef domainLookupByName(String name) {
        return lxc.lookupByName(name);
    }

    @Override
    public DomainRef domainLookupByUUID(UUID uuid) {
        return lxc.lookupByUuid(uuid);
    }

    @Override
    public DomainRef domainLookupByID(int id) {
        return lxc.lookupById(id);
    }

    @Override
    public DomainRef domainDefineXMLFlags(String xml, int flags) {
        LxcErrors.checkFlags(flags, 1, "lxcDomainDefineXMLFlags");
        return lxc.define(xml);
    }

    @Override
    public DomainRef domainCreateXML(String xml, int flags) {
        LxcErrors.checkFlags(flags, 1 << 3, "lxcDomainCreateXMLWithFiles");
        return lxc.createXML(xml);
    }

    @Override
    public DomainRef domainCreateWithFlags(DomainRef dom, int flags) {
        LxcErrors.checkFlags(flags, 1 << 3, "lxcDomainCreateWithFiles");
        return lxc.start(dom);
    }

    @Override
    public String domainGetOSType(DomainRef dom) {
        lxc.isActive(dom);
        return "exe";
    }

    @Override
    public DomainInfo domainGetInfo(DomainRef dom) {
        return lxc.info(dom);
    }

    @Override
    public DomainStateReason domainGetState(DomainRef dom, int flags) {
        LxcErrors.checkFlags(flags, 0, "lxcDomainGetState");
        return lxc.state(dom);
    }

    @Override
    public String domainGetXMLDesc(DomainRef dom, int flags) {
        LxcErrors.checkFlags(flags, XML_SECURE | XML_INACTIVE | 8, "lxcDomainGetXMLDesc");
        return lxc.xml(dom, (flags & XML_INACTIVE) != 0, (flags & XML_SECURE) != 0);
    }

    @Override
    public boolean domainIsActive(DomainRef dom) {
        return lxc.isActive(dom);
    }

    @Override
    public boolean domainIsPersistent(DomainRef dom) {
        return lxc.isPersistent(dom);
    }

    @Override
    public boolean domainGetAutostart(DomainRef dom) {
        return lxc.getAutostart(dom);
    }

    @Override
    public void domainSetAutostart(DomainRef dom, boolean autostart) {
        lxc.setAutostart(dom, autostart);
    }

    @Override
    public long domainGetMaxMemory(DomainRef dom) {
        return lxc.info(dom).maxMemKiB();
    }

    @Override
    public void domainDestroyFlags(DomainRef dom, int flags) {
        LxcErrors.checkFlags(flags, 0, "lxcDomainDestroyFlags");
        lxc.destroy(dom);
    }

    @Override
    public void domainShutdownFlags(DomainRef dom, int flags) {
        LxcErrors.checkFlags(flags, LxcInstance.SHUTDOWN_INITCTL | LxcInstance.SHUTDOWN_SIGNAL, "lxcDomainShutdownFlags");
        lxc.shutdown(dom, flags);
    }

    @Override
    public void domainReboot(DomainRef dom, int flags) {
        LxcErrors.checkFlags(flags, LxcInstance.SHUTDOWN_INITCTL | LxcInstance.SHUTDOWN_SIGNAL, "lxcDomainReboot");
        lxc.reboot(dom, flags);
    }

    @Override
    public void domainSuspend(DomainRef dom) {
        lxc.suspend(dom);
    }

    @Override
    public void domainResume(DomainRef dom) {
        lxc.resume(dom);
    }

    @Override
    public void domainOpenConsole(DomainRef dom, String devName, StreamRef stream, int flags) {
        LxcErrors.checkFlags(flags, 1 | 2, "lxcDomainOpenConsole");
        lxc.openConsole(dom, devName, stream);
    }

    @Override
    public void domainUndefineFlags(DomainRef dom, int flags) {
        LxcErrors.checkFlags(flags, 0, "lxcDomainUndefineFlags");
        lxc.undefine(dom);
    }

    @Override
    public boolean domainHasManagedSaveImage(DomainRef dom, int flags) {
        lxc.isActive(dom);
        return false;
    }

    @Override
    public io.jvirt.api.SecurityModel nodeGetSecurityModel() {
        return new io.jvirt.api.SecurityModel("none", "0");
    }

    @Override
    public io.jvirt.api.SecurityLabel domainGetSecurityLabel(DomainRef dom) {
        lxc.isActive(dom);
        return new io.jvirt.api.SecurityLabel("", false);
    }
}
