package io.jvirt.conf.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which libvirt writes the attributes of each element (keyed by parent and element
 * name), from {@code attribute-order.txt}. libvirt's formatter has a fixed order; where a definition
 * gives attributes in another order, they are put back in libvirt's. Attributes the table does not
 * know keep their places.
 */
final class AttributeOrder {
    private static final Map<String, Map<String, Integer>> RANKS = load();

    private AttributeOrder() {
    }

    private static Map<String, Map<String, Integer>> load() {
        Map<String, Map<String, Integer>> m = new HashMap<>();
        try (InputStream in = AttributeOrder.class.getResourceAsStream("attribute-order.txt")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" +");
                Map<String, Integer> rank = new HashMap<>();
                for (int i = 1; i < f.length; i++) {
                    rank.put(f[i], i);
                }
                m.put(f[0], rank);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** Reorders the attributes of {@code n} and its descendants. */
    static void apply(String parent, XmlNode n) {
        if (n.ns != null) {
            return;
        }
        Map<String, Integer> rank = RANKS.get(parent + "/" + n.name());
        if (rank != null && n.attrs().size() > 1) {
            List<String> names = new ArrayList<>(n.attrs().keySet());
            List<String> known = new ArrayList<>();
            for (String a : names) {
                if (rank.containsKey(a)) {
                    known.add(a);
                }
            }
            known.sort((a, b) -> Integer.compare(rank.get(a), rank.get(b)));
            List<String> result = new ArrayList<>();
            int k = 0;
            for (String a : names) {
                result.add(rank.containsKey(a) ? known.get(k++) : a);
            }
            if (!result.equals(names)) {
                Map<String, String> copy = new java.util.LinkedHashMap<>(n.attrs());
                n.attrs().clear();
                for (String a : result) {
                    n.attrs().put(a, copy.get(a));
                }
            }
        }
        for (XmlNode c : n.children()) {
            apply(n.name(), c);
        }
    }
}
