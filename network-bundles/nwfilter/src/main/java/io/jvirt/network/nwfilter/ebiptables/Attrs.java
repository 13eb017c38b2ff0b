package io.jvirt.network.nwfilter.ebiptables;

import io.jvirt.conf.nwfilter.Field;
import io.jvirt.conf.nwfilter.Protocol;
import io.jvirt.conf.nwfilter.Rule;
import io.jvirt.conf.nwfilter.Rule.Match;

/**
 * A rule's attributes by their XML names: the same name is a different {@link Field} in different
 * elements ({@code srcipaddr} of {@code <tcp>} is IPv4, of {@code <tcp-ipv6>} IPv6), and the
 * instantiation reads them by name for every element alike.
 */
final class Attrs {
    private final Rule rule;

    Attrs(Rule rule) {
        this.rule = rule;
    }

    /** The attribute's value and negation, or null when the rule does not set it. */
    Match get(String xmlName) {
        Protocol p = rule.protocol();
        if (p == null) {
            return null;
        }
        for (Field f : p.fields()) {
            if (f.xmlName().equals(xmlName)) {
                return rule.matches().get(f);
            }
        }
        return null;
    }

    boolean has(String xmlName) {
        return get(xmlName) != null;
    }
}
