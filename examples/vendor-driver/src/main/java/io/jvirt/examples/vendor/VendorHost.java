package io.jvirt.examples.vendor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.jvirt.api.DomainState;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** The vendor's "hypervisor": a list of domains in memory, one lock around it. */
final class VendorHost {
    private final Map<UUID, VendorDomain> domains = new LinkedHashMap<>();
    private int nextId = 1;

    VendorHost() {
        VendorDomain first = new VendorDomain("vendor-1", UUID.fromString("7c1f3c5e-2f5a-4d5e-9a51-3c9d2b0e0001"),
                524288, 1);
        domains.put(first.uuid, first);
        start(first);
    }

    synchronized <R> R read(java.util.function.Function<VendorHost, R> f) {
        return f.apply(this);
    }

    VendorDomain byName(String name) {
        for (VendorDomain d : domains.values()) {
            if (d.name.equals(name)) {
                return d;
            }
        }
        throw noDomain("with matching name '" + name + "'");
    }

    VendorDomain byUuid(UUID uuid) {
        VendorDomain d = domains.get(uuid);
        if (d == null) {
            throw noDomain("with matching uuid '" + uuid + "'");
        }
        return d;
    }

    VendorDomain byId(int id) {
        for (VendorDomain d : domains.values()) {
            if (d.id == id) {
                return d;
            }
        }
        throw noDomain("with matching id " + id);
    }

    List<VendorDomain> list(Predicate<VendorDomain> filter) {
        List<VendorDomain> out = new ArrayList<>();
        for (VendorDomain d : domains.values()) {
            if (filter.test(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Adds or replaces the definition; a name or UUID clash with another domain is an error. */
    VendorDomain define(VendorDomain def, boolean persistent) {
        for (VendorDomain d : domains.values()) {
            boolean sameName = d.name.equals(def.name);
            boolean sameUuid = d.uuid.equals(def.uuid);
            if (sameName != sameUuid) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.DOMAIN, "operation failed: domain '"
                        + d.name + "' already exists with uuid " + d.uuid);
            }
            if (sameName) {
                if (!persistent && d.isActive()) {
                    throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                            "Requested operation is not valid: domain '" + d.name + "' is already active");
                }
                d.maxMemoryKiB = def.maxMemoryKiB;
                d.memoryKiB = def.memoryKiB;
                d.vcpus = def.vcpus;
                d.persistent |= persistent;
                return d;
            }
        }
        def.persistent = persistent;
        domains.put(def.uuid, def);
        return def;
    }

    void start(VendorDomain d) {
        if (d.isActive()) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                    "Requested operation is not valid: domain is already running");
        }
        d.id = nextId++;
        d.state = DomainState.RUNNING;
        d.reason = DomainState.RUNNING_BOOTED;
        d.startedNanos = System.nanoTime();
    }

    void stop(VendorDomain d, int reason) {
        requireActive(d);
        d.id = -1;
        d.state = DomainState.SHUTOFF;
        d.reason = reason;
        if (!d.persistent) {
            domains.remove(d.uuid);
        }
    }

    void undefine(VendorDomain d) {
        if (d.isActive()) {
            d.persistent = false;
        } else {
            domains.remove(d.uuid);
        }
    }

    static void requireActive(VendorDomain d) {
        if (!d.isActive()) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.DOMAIN,
                    "Requested operation is not valid: domain is not running");
        }
    }

    private static VirtException noDomain(String what) {
        return new VirtException(ErrorCode.NO_DOMAIN, ErrorDomain.DOMAIN, "Domain not found: no domain " + what);
    }
}
