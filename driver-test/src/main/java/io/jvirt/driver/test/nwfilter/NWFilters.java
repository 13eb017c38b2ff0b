package io.jvirt.driver.test.nwfilter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.nwfilter.NWFilterDef;
import io.jvirt.driver.test.state.Errors;
import io.jvirt.spi.NWFilterDriver;
import io.jvirt.spi.NWFilterRef;

/**
 * Network filters kept by the test driver. libvirt's test driver has none (every nwfilter call
 * answers "not supported"); jvirt stores them, validated by {@link NWFilterDef#parse}, so that filter
 * tooling can be tested without a host. Names and UUIDs are unique as in libvirt's nwfilter driver;
 * redefining a filter with the same name and UUID replaces it.
 */
public final class NWFilters {
    private final ConcurrentHashMap<String, NWFilterDef> byName = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    public NWFilterDriver driver() {
        return new Driver();
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
                byName.remove(d.name(), d);
            }
        }

        @Override
        public String nwfilterGetXMLDesc(NWFilterRef filter, int flags) {
            Errors.checkFlags(flags, 0, "testNWFilterGetXMLDesc");
            return get(filter.name()).format();
        }
    }
}
