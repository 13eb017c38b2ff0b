package io.jvirt.examples.vendor;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import io.jvirt.api.BitFlag;
import io.jvirt.api.ConnectUri;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainState;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.ListAllDomainsFlag;
import io.jvirt.api.NodeInfo;
import io.jvirt.api.VirtException;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.HypervisorDriver;

/**
 * One connection to the vendor host. Only what the vendor supports is overridden; every other API
 * answers {@code VIR_ERR_NO_SUPPORT} through the SPI's defaults.
 */
final class VendorConnection implements HypervisorDriver {
    private final VendorHost host;
    private final ConnectUri uri;

    VendorConnection(VendorHost host, ConnectUri uri) {
        this.host = host;
        this.uri = uri;
    }

    private static DomainRef ref(VendorDomain d) {
        return new DomainRef(d.name, d.uuid, d.id);
    }

    private <R> R locked(java.util.function.Function<VendorHost, R> f) {
        return host.read(f);
    }

    private static void checkFlags(String api, int flags, int supported) {
        if ((flags & ~supported) != 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "invalid argument: "
                    + "unsupported flags (0x" + Integer.toHexString(flags & ~supported) + ") in function " + api);
        }
    }

    /** This connection's registrations, dropped when it closes. */
    private final java.util.Set<Integer> callbacks = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public int connectDomainEventRegisterAny(DomainRef domain, int eventId, io.jvirt.spi.DomainEventSink sink) {
        int id = host.register(domain == null ? null : domain.uuid(), eventId, sink);
        callbacks.add(id);
        return id;
    }

    @Override
    public void connectDomainEventDeregisterAny(int callbackId) {
        if (!callbacks.remove(callbackId)) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: could not find event callback " + callbackId + " for deletion");
        }
        host.deregister(callbackId);
    }

    @Override
    public void connectClose() {
        for (int id : callbacks) {
            host.deregister(id);
        }
        callbacks.clear();
    }

    @Override
    public String connectGetType() {
        return "VENDOR";
    }

    @Override
    public long connectGetVersion() {
        return 1_000_000L;
    }

    @Override
    public String connectGetHostname() {
        return "vendor-host";
    }

    @Override
    public String connectGetURI() {
        return uri.toString();
    }

    @Override
    public String connectGetCapabilities() {
        return "<capabilities>\n  <host>\n    <cpu>\n      <arch>x86_64</arch>\n    </cpu>\n  </host>\n"
                + "  <guest>\n    <os_type>hvm</os_type>\n    <arch name='x86_64'>\n"
                + "      <domain type='vendor'/>\n    </arch>\n  </guest>\n</capabilities>\n";
    }

    @Override
    public NodeInfo nodeGetInfo() {
        return new NodeInfo("x86_64", 8L * 1024 * 1024, 4, 2000, 1, 1, 4, 1);
    }

    @Override
    public int connectGetMaxVcpus(String type) {
        return 16;
    }

    @Override
    public List<DomainRef> connectListAllDomains(int flags) {
        checkFlags("virConnectListAllDomains", flags, BitFlag.mask(List.of(ListAllDomainsFlag.values())));
        var f = BitFlag.fromMask(ListAllDomainsFlag.class, flags);
        Predicate<VendorDomain> active = d -> !(f.contains(ListAllDomainsFlag.ACTIVE)
                ^ f.contains(ListAllDomainsFlag.INACTIVE)) || f.contains(ListAllDomainsFlag.ACTIVE) == d.isActive();
        Predicate<VendorDomain> persistent = d -> !(f.contains(ListAllDomainsFlag.PERSISTENT)
                ^ f.contains(ListAllDomainsFlag.TRANSIENT)) || f.contains(ListAllDomainsFlag.PERSISTENT) == d.persistent;
        return locked(h -> h.list(active.and(persistent)).stream().map(VendorConnection::ref).toList());
    }

    @Override
    public int connectNumOfDomains() {
        return locked(h -> h.list(VendorDomain::isActive).size());
    }

    @Override
    public int connectNumOfDefinedDomains() {
        return locked(h -> h.list(d -> !d.isActive()).size());
    }

    @Override
    public DomainRef domainLookupByName(String name) {
        return locked(h -> ref(h.byName(name)));
    }

    @Override
    public DomainRef domainLookupByUUID(UUID uuid) {
        return locked(h -> ref(h.byUuid(uuid)));
    }

    @Override
    public DomainRef domainLookupByID(int id) {
        return locked(h -> ref(h.byId(id)));
    }

    @Override
    public DomainRef domainDefineXMLFlags(String xml, int flags) {
        checkFlags("virDomainDefineXMLFlags", flags, 0);
        VendorDomain def = DomainXml.parse(xml);
        return locked(h -> ref(h.define(def, true)));
    }

    @Override
    public DomainRef domainCreateXML(String xml, int flags) {
        checkFlags("virDomainCreateXML", flags, 0);
        VendorDomain def = DomainXml.parse(xml);
        return locked(h -> {
            VendorDomain d = h.define(def, false);
            h.start(d);
            return ref(d);
        });
    }

    @Override
    public String domainGetOSType(DomainRef dom) {
        locked(h -> h.byUuid(dom.uuid()));
        return "hvm";
    }

    @Override
    public DomainInfo domainGetInfo(DomainRef dom) {
        return locked(h -> {
            VendorDomain d = h.byUuid(dom.uuid());
            long cpu = d.isActive() ? System.nanoTime() - d.startedNanos : 0;
            return new DomainInfo(d.state, d.maxMemoryKiB, d.memoryKiB, d.vcpus, cpu);
        });
    }

    @Override
    public DomainStateReason domainGetState(DomainRef dom, int flags) {
        checkFlags("virDomainGetState", flags, 0);
        return locked(h -> {
            VendorDomain d = h.byUuid(dom.uuid());
            return new DomainStateReason(d.state, d.reason);
        });
    }

    @Override
    public String domainGetXMLDesc(DomainRef dom, int flags) {
        return locked(h -> DomainXml.format(h.byUuid(dom.uuid())));
    }

    @Override
    public boolean domainIsActive(DomainRef dom) {
        return locked(h -> h.byUuid(dom.uuid()).isActive());
    }

    @Override
    public boolean domainIsPersistent(DomainRef dom) {
        return locked(h -> h.byUuid(dom.uuid()).persistent);
    }

    @Override
    public boolean domainGetAutostart(DomainRef dom) {
        return locked(h -> h.byUuid(dom.uuid()).autostart);
    }

    @Override
    public void domainSetAutostart(DomainRef dom, boolean autostart) {
        locked(h -> {
            VendorDomain d = h.byUuid(dom.uuid());
            if (!d.persistent) {
                throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                        "Requested operation is not valid: cannot set autostart for transient domain");
            }
            d.autostart = autostart;
            return null;
        });
    }

    @Override
    public long domainGetMaxMemory(DomainRef dom) {
        return locked(h -> h.byUuid(dom.uuid()).maxMemoryKiB);
    }

    @Override
    public void domainSetMemoryFlags(DomainRef dom, long kib, int flags) {
        checkFlags("virDomainSetMemoryFlags", flags, 0);
        locked(h -> {
            VendorDomain d = h.byUuid(dom.uuid());
            if (kib > d.maxMemoryKiB) {
                throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                        "invalid argument: cannot set memory higher than max memory");
            }
            d.memoryKiB = kib;
            return null;
        });
    }

    @Override
    public DomainRef domainCreateWithFlags(DomainRef dom, int flags) {
        checkFlags("virDomainCreateWithFlags", flags, 0);
        return locked(h -> {
            VendorDomain d = h.byUuid(dom.uuid());
            h.start(d);
            return ref(d);
        });
    }

    @Override
    public void domainDestroyFlags(DomainRef dom, int flags) {
        checkFlags("virDomainDestroyFlags", flags, 0);
        locked(h -> {
            h.stop(h.byUuid(dom.uuid()), DomainState.SHUTOFF_DESTROYED);
            return null;
        });
    }

    @Override
    public void domainShutdownFlags(DomainRef dom, int flags) {
        checkFlags("virDomainShutdownFlags", flags, 0);
        locked(h -> {
            h.stop(h.byUuid(dom.uuid()), DomainState.SHUTOFF_SHUTDOWN);
            return null;
        });
    }

    @Override
    public void domainSuspend(DomainRef dom) {
        locked(h -> {
            VendorDomain d = h.byUuid(dom.uuid());
            VendorHost.requireActive(d);
            if (d.state == DomainState.PAUSED) {
                throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                        "Requested operation is not valid: domain is already paused");
            }
            d.state = DomainState.PAUSED;
            d.reason = DomainState.PAUSED_USER;
            h.lifecycle(d, io.jvirt.api.DomainLifecycle.SUSPENDED, 0); // paused
            return null;
        });
    }

    @Override
    public void domainResume(DomainRef dom) {
        locked(h -> {
            VendorDomain d = h.byUuid(dom.uuid());
            VendorHost.requireActive(d);
            if (d.state != DomainState.PAUSED) {
                throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                        "Requested operation is not valid: domain is not paused");
            }
            d.state = DomainState.RUNNING;
            d.reason = DomainState.RUNNING_UNPAUSED;
            h.lifecycle(d, io.jvirt.api.DomainLifecycle.RESUMED, 0); // unpaused
            return null;
        });
    }

    @Override
    public void domainUndefineFlags(DomainRef dom, int flags) {
        checkFlags("virDomainUndefineFlags", flags, 0);
        locked(h -> {
            VendorDomain d = h.byUuid(dom.uuid());
            if (!d.persistent) {
                throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                        "Requested operation is not valid: cannot undefine transient domain");
            }
            h.undefine(d);
            return null;
        });
    }
}
