package io.jvirt.network.nwfilter.inst;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.conf.nwfilter.NWFilterDef;
import io.jvirt.conf.nwfilter.Rule;
import io.jvirt.conf.nwfilter.Value;
import io.jvirt.conf.nwfilter.Value.Variable;
import io.jvirt.network.nwfilter.vars.Variables;

/**
 * A rule of the filter tree with what it is instantiated with (libvirt's virNWFilterRuleInst): the
 * chain of the filter it came from and that chain's priority, its own priority (which instantiation
 * may raise to the chain's) and the variables in scope where it was found.
 */
public record RuleInst(Rule rule, String chainSuffix, int chainPriority, int priority, Variables vars) {

    public boolean inRootChain() {
        return chainSuffix.equals(NWFilterDef.ROOT_CHAIN);
    }

    public RuleInst withPriority(int p) {
        return new RuleInst(rule, chainSuffix, chainPriority, p, vars);
    }

    /** The distinct variable accesses of the rule, in the order of its attributes. */
    public static List<Variable> accesses(Rule r) {
        List<Variable> out = new ArrayList<>();
        for (Rule.Match m : r.matches().values()) {
            Value v = m.value();
            if (v instanceof Variable var && !out.contains(var)) {
                out.add(var);
            }
        }
        return out;
    }
}
