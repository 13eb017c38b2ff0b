package io.jvirt.conf.nwfilter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <filterref filter='clean-traffic'>} with its {@code <parameter name='IP' value='..'/>}s.
 * A name given several times is a list of values. libvirt skips parameters whose name or value
 * has characters outside its variable alphabet (or an empty value) and writes them sorted by name.
 *
 * @param parameters name to values, sorted by name
 */
public record FilterRef(String filter, Map<String, List<String>> parameters) implements FilterEntry {
    private static final String VALUE_CHARS = Field.VARIABLE_NAME_CHARS + ".:";

    public FilterRef {
        Objects.requireNonNull(filter, "filter");
        TreeMap<String, List<String>> copy = new TreeMap<>();
        parameters.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        parameters = Collections.unmodifiableMap(copy);
    }

    static FilterRef parse(Element e) {
        String filter = Xml.attr(e, "filter");
        if (filter == null) {
            // libvirt 9.0's message for a missing filter attribute
            throw NWFilterErrors.internal("rule node requires action attribute");
        }
        return new FilterRef(filter, parameters(e));
    }

    /** The {@code <parameter>}s of {@code e} (a filterref), as libvirt keeps them (virNWFilterParseParamAttributes). */
    static Map<String, List<String>> parameters(Element e) {
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element p) || !Rule.localName(p).equals("parameter")) {
                continue;
            }
            String name = Xml.attr(p, "name");
            String value = Xml.attr(p, "value");
            if (name == null || !only(name, Field.VARIABLE_NAME_CHARS) || value == null || value.isEmpty()
                    || !only(value, VALUE_CHARS)) {
                continue;
            }
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    void format(XmlWriter w) {
        w.open("filterref").attr("filter", filter);
        parameters.forEach((name, values) -> {
            for (String v : values) {
                w.open("parameter").attr("name", name).attr("value", v).close();
            }
        });
        w.close();
    }

    private static boolean only(String s, String alphabet) {
        for (int i = 0; i < s.length(); i++) {
            if (alphabet.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
