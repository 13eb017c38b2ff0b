package io.jvirt.network.nwfilter.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.FilterEntry;
import io.jvirt.conf.nwfilter.FilterRef;
import io.jvirt.conf.nwfilter.NWFilterDef;

/**
 * An instance's filters (libvirt's virNWFilterObjList). While a change is tried on the bindings, a
 * filter may carry the definition it is about to get ({@code newDef}) or be marked for removal; a
 * rebuild that follows new definitions sees those. Guarded by the instance's update lock.
 */
final class FilterList {
    static final class Obj {
        NWFilterDef def;
        NWFilterDef newDef;
        boolean wantRemoved;

        Obj(NWFilterDef def) {
            this.def = def;
        }
    }

    private final Map<String, Obj> byName = new LinkedHashMap<>();

    List<NWFilterDef> all() {
        List<NWFilterDef> out = new ArrayList<>();
        for (Obj o : byName.values()) {
            out.add(o.def);
        }
        out.sort(Comparator.comparing(NWFilterDef::name));
        return out;
    }

    Obj byName(String name) {
        return byName.get(name);
    }

    Obj byUuid(UUID uuid) {
        for (Obj o : byName.values()) {
            if (o.def.uuid().equals(uuid)) {
                return o;
            }
        }
        return null;
    }

    void put(NWFilterDef def) {
        byName.put(def.name(), new Obj(def));
    }

    void remove(String name) {
        byName.remove(name);
    }

    /**
     * The filter a binding's tree references (libvirt's virNWFilterObjListFindInstantiateFilter); with
     * {@code followNew} its definition to be, noting in {@code foundNew} that one was used.
     */
    NWFilterDef instantiable(String name, boolean followNew, boolean[] foundNew) {
        Obj o = byName.get(name);
        if (o == null) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER,
                    "internal error: referenced filter '" + name + "' is missing");
        }
        if (o.wantRemoved) {
            throw new VirtException(ErrorCode.NO_NWFILTER, ErrorDomain.NWFILTER,
                    "Network filter not found: Filter '" + name + "' is in use.");
        }
        if (followNew && o.newDef != null) {
            foundNew[0] = true;
            return o.newDef;
        }
        return o.def;
    }

    /** Whether {@code def} would reference itself through the filters there are (libvirt's loop detection). */
    boolean loops(NWFilterDef def) {
        return loops(def, def.name());
    }

    private boolean loops(NWFilterDef def, String target) {
        for (FilterEntry e : def.entries()) {
            if (e instanceof FilterRef ref) {
                if (ref.filter().equals(target)) {
                    return true;
                }
                Obj o = byName.get(ref.filter());
                if (o != null && loops(o.def, target)) {
                    return true;
                }
            }
        }
        return false;
    }
}
