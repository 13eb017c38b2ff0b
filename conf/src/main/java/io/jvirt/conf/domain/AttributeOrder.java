package io.jvirt.conf.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which libvirt writes attributes and child elements, as pairs "a before b" per
 * element (keyed by parent and element name), from {@code attribute-order.txt} and
 * {@code child-order.txt}. libvirt's formatter has a fixed order; where a definition gives another,
 * it is put back in libvirt's. Only the pairs libvirt was seen to order are enforced: anything else
 * keeps the order it was given in.
 */
final class AttributeOrder {
    private static final Map<String, Set<String>> ATTRS = load("attribute-order.txt");
    private static final Map<String, Set<String>> CHILDREN = load("child-order.txt");

    private AttributeOrder() {
    }

    private static Map<String, Set<String>> load(String resource) {
        Map<String, Set<String>> m = new HashMap<>();
        try (InputStream in = AttributeOrder.class.getResourceAsStream(resource)) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" +");
                Set<String> edges = new HashSet<>();
                for (int i = 1; i < f.length; i++) {
                    edges.add(f[i]);
                }
                m.put(f[0], edges);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /**
     * A stable topological order of {@code items}: repeatedly the first remaining item that no other
     * remaining item must precede (given order when nothing constrains them).
     */
    static List<String> sort(List<String> items, Set<String> before) {
        List<String> remaining = new ArrayList<>(items);
        List<String> out = new ArrayList<>(items.size());
        while (!remaining.isEmpty()) {
            String pick = null;
            for (String candidate : remaining) {
                boolean free = true;
                for (String other : remaining) {
                    if (!other.equals(candidate) && before.contains(other + "<" + candidate)) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    pick = candidate;
                    break;
                }
            }
            if (pick == null) {
                pick = remaining.get(0);
            }
            remaining.remove(pick);
            out.add(pick);
        }
        return out;
    }

    /** Reorders the attributes and children of {@code n} and its descendants. */
    static void apply(String parent, XmlNode n) {
        if (n.ns != null) {
            return;
        }
        String key = parent + "/" + n.name();
        Set<String> attrEdges = ATTRS.get(key);
        if (attrEdges != null && n.attrs().size() > 1) {
            List<String> names = new ArrayList<>(n.attrs().keySet());
            List<String> sorted = sort(names, attrEdges);
            if (!sorted.equals(names)) {
                Map<String, String> copy = new LinkedHashMap<>(n.attrs());
                n.attrs().clear();
                for (String a : sorted) {
                    n.attrs().put(a, copy.get(a));
                }
            }
        }
        Set<String> childEdges = CHILDREN.get(key);
        if (childEdges != null && n.children().size() > 1) {
            List<String> groups = new ArrayList<>();
            for (XmlNode c : n.children()) {
                String g = c.ns == null ? c.name() : "{" + c.ns + "}" + c.name();
                if (!groups.contains(g)) {
                    groups.add(g);
                }
            }
            List<String> sorted = sort(groups, childEdges);
            if (!sorted.equals(groups)) {
                List<XmlNode> kids = new ArrayList<>();
                for (String g : sorted) {
                    for (XmlNode c : n.children()) {
                        String cg = c.ns == null ? c.name() : "{" + c.ns + "}" + c.name();
                        if (cg.equals(g)) {
                            kids.add(c);
                        }
                    }
                }
                n.children().clear();
                n.children().addAll(kids);
            }
        }
        for (XmlNode c : n.children()) {
            apply(n.name(), c);
        }
    }
}
