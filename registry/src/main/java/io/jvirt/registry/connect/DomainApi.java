package io.jvirt.registry.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import io.jvirt.api.BitFlag;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainDefineFlag;
import io.jvirt.api.DomainEventCallback;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainStatsRecord;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.ListAllDomainsFlag;
import io.jvirt.api.VirtException;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.HypervisorDriver;

/** The domain calls of {@code Connect}: lookup, enumeration, creation, saved images, statistics, events. */
final class DomainApi {
    private final ManagedConnection conn;

    DomainApi(ManagedConnection conn) {
        this.conn = conn;
    }

    private <R> R hv(String api, Function<HypervisorDriver, R> call) {
        return conn.call(DriverKind.HYPERVISOR, api, call);
    }

    private Domain handle(DomainRef ref) {
        return new DomainHandle(conn, ref);
    }

    Domain domain(String name, UUID uuid, int id) {
        return handle(new DomainRef(name, uuid, id));
    }

    Domain lookupByName(String name) {
        return handle(hv("virDomainLookupByName", d -> d.domainLookupByName(name)));
    }

    Domain lookupByUUID(UUID uuid) {
        return handle(hv("virDomainLookupByUUID", d -> d.domainLookupByUUID(uuid)));
    }

    Domain lookupByUUIDString(String uuid) {
        UUID u = ManagedConnection.parseUuid(uuid);
        return handle(hv("virDomainLookupByUUIDString", d -> d.domainLookupByUUID(u)));
    }

    Domain lookupByID(int id) {
        if (id < 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: id in virDomainLookupByID must be >= 0");
        }
        return handle(hv("virDomainLookupByID", d -> d.domainLookupByID(id)));
    }

    List<Domain> listAll(ListAllDomainsFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        List<Domain> list = new ArrayList<>();
        for (var ref : hv("virConnectListAllDomains", d -> d.connectListAllDomains(mask))) {
            list.add(handle(ref));
        }
        return list;
    }

    int numOfDomains() {
        return hv("virConnectNumOfDomains", HypervisorDriver::connectNumOfDomains);
    }

    int numOfDefinedDomains() {
        return hv("virConnectNumOfDefinedDomains", HypervisorDriver::connectNumOfDefinedDomains);
    }

    Domain defineXML(String xml, DomainDefineFlag... flags) {
        conn.checkWritable("virDomainDefineXMLFlags");
        int mask = BitFlag.mask(List.of(flags));
        return handle(hv("virDomainDefineXMLFlags", d -> d.domainDefineXMLFlags(xml, mask)));
    }

    Domain createXML(String xml, DomainCreateFlag... flags) {
        conn.checkWritable("virDomainCreateXML");
        int mask = BitFlag.mask(List.of(flags));
        return handle(hv("virDomainCreateXML", d -> d.domainCreateXML(xml, mask)));
    }

    String saveImageGetXMLDesc(String file, DomainXMLFlag... flags) {
        int mask = BitFlag.mask(List.of(flags));
        if ((mask & DomainXMLFlag.SECURE.bit()) != 0) {
            conn.checkWritable("virDomainSaveImageGetXMLDesc");
        }
        return hv("virDomainSaveImageGetXMLDesc", d -> d.domainSaveImageGetXMLDesc(file, mask));
    }

    void saveImageDefineXML(String file, String xml) {
        conn.mutate(DriverKind.HYPERVISOR, "virDomainSaveImageDefineXML", d -> d.domainSaveImageDefineXML(file, xml, 0));
    }

    void restore(String path) {
        conn.mutate(DriverKind.HYPERVISOR, "virDomainRestore", d -> d.domainRestore(path));
    }

    List<DomainStatsRecord> getAllDomainStats(List<Domain> domains, int stats, int flags) {
        List<DomainRef> refs = domains == null ? List.of()
                : domains.stream().map(d -> new DomainRef(d.getName(), d.getUUID(), d.getID())).toList();
        return hv("virConnectGetAllDomainStats", d -> d.connectGetAllDomainStats(refs, stats, flags)).stream()
                .map(s -> new DomainStatsRecord(handle(s.domain()), s.params())).toList();
    }

    int eventRegisterAny(Domain domain, DomainEventId id, DomainEventCallback callback) {
        Objects.requireNonNull(callback);
        DomainRef filter = domain == null ? null : ((DomainHandle) domain).ref();
        return conn.events().register(DriverKind.HYPERVISOR, "virConnectDomainEventRegisterAny",
                d -> d.connectDomainEventRegisterAny(filter, id.value(), (ref, ev) -> callback.onEvent(handle(ref), ev)));
    }

    void eventDeregisterAny(int callbackId) {
        conn.events().deregister(DriverKind.HYPERVISOR, callbackId);
    }
}
