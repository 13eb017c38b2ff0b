package io.jvirt.network.nwfilter.inst;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.jvirt.conf.nwfilter.FilterEntry;
import io.jvirt.conf.nwfilter.FilterRef;
import io.jvirt.conf.nwfilter.NWFilterDef;
import io.jvirt.conf.nwfilter.Rule;
import io.jvirt.conf.nwfilter.Value.Variable;
import io.jvirt.network.nwfilter.vars.Variables;

/**
 * A filter and the filters it references, as one list of rules (libvirt's virNWFilterDefToInst):
 * depth first, in document order; a reference's own parameters are in scope below it, under the
 * values from above (libvirt lets the binding's values win over a {@code <filterref>}'s).
 */
public final class FilterTree {
    /** Finds a referenced filter, or fails as libvirt does ("referenced filter 'x' is missing", "is in use"). */
    @FunctionalInterface
    public interface Lookup {
        NWFilterDef find(String name);
    }

    private FilterTree() {
    }

    /** The rules of {@code def} and everything it references, each with the variables in its scope. */
    public static List<RuleInst> rules(NWFilterDef def, Variables vars, Lookup lookup) {
        List<RuleInst> out = new ArrayList<>();
        collect(def, vars, lookup, out);
        return out;
    }

    private static void collect(NWFilterDef def, Variables vars, Lookup lookup, List<RuleInst> out) {
        for (FilterEntry e : def.entries()) {
            if (e instanceof Rule r) {
                out.add(new RuleInst(r, def.chain(), def.priority(), r.priority(), vars));
            } else if (e instanceof FilterRef ref) {
                Variables scope = Variables.of(ref.parameters()).overlay(vars);
                collect(lookup.find(ref.filter()), scope, lookup, out);
            }
        }
    }

    /**
     * The variable accesses of the tree that its values cannot serve (libvirt's
     * virNWFilterDetermineMissingVarsRec): a name without values, or an element past the end of its
     * list; as libvirt prints them ({@code IP}, {@code A[2]}, {@code B[@1]}).
     */
    public static Set<String> missing(NWFilterDef def, Variables vars, Lookup lookup) {
        Set<String> out = new LinkedHashSet<>();
        missing(def, vars, lookup, out);
        return out;
    }

    private static void missing(NWFilterDef def, Variables vars, Lookup lookup, Set<String> out) {
        for (FilterEntry e : def.entries()) {
            if (e instanceof Rule r) {
                for (Variable v : RuleInst.accesses(r)) {
                    List<String> values = vars.get(v.name());
                    if (values == null || (!v.iterator() && v.index() >= values.size())) {
                        out.add(print(v));
                    }
                }
            } else if (e instanceof FilterRef ref) {
                NWFilterDef child = lookup.find(ref.filter());
                missing(child, Variables.of(ref.parameters()).overlay(vars), lookup, out);
            }
        }
    }

    /** libvirt's virNWFilterVarAccessPrint. */
    static String print(Variable v) {
        if (!v.iterator()) {
            return v.name() + "[" + v.index() + "]";
        }
        return v.index() == 0 ? v.name() : v.name() + "[@" + v.index() + "]";
    }
}
