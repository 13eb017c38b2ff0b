package io.jvirt.driver.test.nwfilter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.nwfilter.NWFilterBindingDef;
import io.jvirt.conf.nwfilter.NWFilterDef;
import io.jvirt.driver.test.state.Errors;
import io.jvirt.spi.NWFilterBindingRef;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NWFilterRef;

/**
 * Network filters kept by the test driver, and their bindings to port devices. libvirt's test
 * driver has neither (every nwfilter call answers "not supported"); jvirt stores them, validated by
 * {@link NWFilterDef#parse} and {@link NWFilterBindingDef#parse}, so that filter tooling and
 * hypervisor drivers can be tested without a host. Names and UUIDs are unique as in libvirt's
 * nwfilter driver; redefining a filter with the same name and UUID replaces it.
 * <p>
 * Bindings follow libvirtd 9.0's nwfilter driver (measured): one per port device; a binding on a
 * device the host does not have is kept without its filter being looked up (libvirtd instantiates
 * nothing for it), one on a device the test host has up ({@code iface-list}) needs its filter to
 * exist, and that filter cannot be undefined while the binding lasts. Nothing touches a firewall.
 */
public final class NWFilters {
    private final ConcurrentHashMap<String, NWFilterDef> byName = new ConcurrentHashMap<>();
    /** Bindings by port device, sorted (virsh sorts them so too); guarded by {@link #writeLock}. */
    private final java.util.TreeMap<String, NWFilterBindingDef> bindings = new java.util.TreeMap<>();
    private final Object writeLock = new Object();
    private final java.util.function.Predicate<String> deviceUp;

    /** @param deviceUp whether the test host has a network device of that name up */
    public NWFilters(java.util.function.Predicate<String> deviceUp) {
        this.deviceUp = deviceUp;
    }

    public NWFilterDriver driver() {
        return new Driver();
    }

    private static final io.jvirt.conf.validate.SchemaValidator SCHEMAS =
            new io.jvirt.conf.validate.SchemaValidator(io.jvirt.conf.validate.SchemaValidator.DEFAULT_DIR);

    private static NWFilterBindingRef ref(NWFilterBindingDef b) {
        return new NWFilterBindingRef(b.portDev(), b.filter().filter());
    }

    private NWFilterBindingDef binding(String portDev) {
        NWFilterBindingDef b = bindings.get(portDev);
        if (b == null) {
            throw Errors.of(ErrorCode.NO_NWFILTER_BINDING, ErrorDomain.NWFILTER,
                    "Network filter binding not found: no nwfilter binding for port dev '" + portDev + "'");
        }
        return b;
    }

    private static NWFilterRef ref(NWFilterDef d) {
        return new NWFilterRef(d.name(), d.uuid());
    }

    private NWFilterDef get(String name) {
        NWFilterDef d = byName.get(name);
        if (d == null) {
            throw Errors.noNWFilter("no nwfilter with matching name '" + name + "'");
        }
        return d;
    }

    private final class Driver implements NWFilterDriver {
        @Override
        public List<NWFilterRef> connectListAllNWFilters(int flags) {
            Errors.checkFlags(flags, 0, "testConnectListAllNWFilters");
            List<NWFilterRef> out = new ArrayList<>();
            for (NWFilterDef d : byName.values()) {
                out.add(ref(d));
            }
            out.sort(Comparator.comparing(NWFilterRef::name));
            return out;
        }

        @Override
        public NWFilterRef nwfilterLookupByName(String name) {
            return ref(get(name));
        }

        @Override
        public NWFilterRef nwfilterLookupByUUID(UUID uuid) {
            for (NWFilterDef d : byName.values()) {
                if (d.uuid().equals(uuid)) {
                    return ref(d);
                }
            }
            throw Errors.noNWFilter("no nwfilter with matching uuid '" + uuid + "'");
        }

        @Override
        public NWFilterRef nwfilterDefineXML(String xml, int flags) {
            Errors.checkFlags(flags, 1 /* VALIDATE */, "testNWFilterDefineXMLFlags");
            NWFilterDef def = NWFilterDef.parse(xml);
            synchronized (writeLock) {
                for (NWFilterDef other : byName.values()) {
                    if (other.uuid().equals(def.uuid()) && !other.name().equals(def.name())) {
                        throw Errors.operationFailed(ErrorDomain.NWFILTER,
                                "filter with same UUID but different name ('" + other.name() + "') already exists");
                    }
                }
                NWFilterDef same = byName.get(def.name());
                if (same != null && !same.uuid().equals(def.uuid())) {
                    throw Errors.operationFailed(ErrorDomain.NWFILTER,
                            "filter '" + def.name() + "' already exists with uuid " + same.uuid());
                }
                byName.put(def.name(), def);
            }
            return ref(def);
        }

        @Override
        public void nwfilterUndefine(NWFilterRef filter) {
            synchronized (writeLock) {
                NWFilterDef d = get(filter.name());
                for (NWFilterBindingDef b : bindings.values()) {
                    if (b.filter().filter().equals(d.name()) && deviceUp.test(b.portDev())) {
                        throw Errors.operationInvalid(ErrorDomain.NWFILTER, "nwfilter is in use");
                    }
                }
                byName.remove(d.name(), d);
            }
        }

        @Override
        public String nwfilterGetXMLDesc(NWFilterRef filter, int flags) {
            Errors.checkFlags(flags, 0, "testNWFilterGetXMLDesc");
            return get(filter.name()).format();
        }

        @Override
        public NWFilterBindingRef nwfilterBindingCreateXML(String xml, int flags) {
            Errors.checkFlags(flags, 1 /* VALIDATE */, "testNWFilterBindingCreateXML");
            if ((flags & 1) != 0) {
                SCHEMAS.validate(xml, io.jvirt.conf.validate.SchemaValidator.Dialect.NWFILTER_BINDING);
            }
            NWFilterBindingDef def = NWFilterBindingDef.parse(xml);
            synchronized (writeLock) {
                if (bindings.containsKey(def.portDev())) {
                    throw Errors.operationFailed(ErrorDomain.NWFILTER, "binding '" + def.portDev() + "' already exists");
                }
                if (deviceUp.test(def.portDev()) && !byName.containsKey(def.filter().filter())) {
                    throw Errors.internal(ErrorDomain.NWFILTER,
                            "referenced filter '" + def.filter().filter() + "' is missing");
                }
                bindings.put(def.portDev(), def);
            }
            return ref(def);
        }

        @Override
        public NWFilterBindingRef nwfilterBindingLookupByPortDev(String portDev) {
            synchronized (writeLock) {
                return ref(binding(portDev));
            }
        }

        @Override
        public List<NWFilterBindingRef> connectListAllNWFilterBindings(int flags) {
            Errors.checkFlags(flags, 0, "testConnectListAllNWFilterBindings");
            synchronized (writeLock) {
                return bindings.values().stream().map(NWFilters::ref).toList();
            }
        }

        @Override
        public String nwfilterBindingGetXMLDesc(NWFilterBindingRef b, int flags) {
            Errors.checkFlags(flags, 0, "testNWFilterBindingGetXMLDesc");
            synchronized (writeLock) {
                return binding(b.portDev()).format();
            }
        }

        @Override
        public void nwfilterBindingDelete(NWFilterBindingRef b) {
            synchronized (writeLock) {
                bindings.remove(binding(b.portDev()).portDev());
            }
        }
    }
}
