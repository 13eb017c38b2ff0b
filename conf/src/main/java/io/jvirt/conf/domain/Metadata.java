package io.jvirt.conf.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <metadata>}: applications' own namespaced elements, kept verbatim. libvirt keeps one
 * element per namespace (the first) and drops elements in no namespace; it writes them back the
 * way libxml2 serialises a node (double quotes, namespace declaration first).
 */
public record Metadata(List<String> elements) {
    public Metadata {
        elements = List.copyOf(elements);
    }

    static Metadata parse(XmlNode metadata) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (XmlNode e : metadata.children()) {
            if (e.ns != null && seen.add(e.ns)) {
                StringBuilder sb = new StringBuilder();
                dump(e, 0, sb, true);
                out.add(sb.toString());
            }
        }
        return new Metadata(out);
    }

    private static void dump(XmlNode e, int depth, StringBuilder sb, boolean top) {
        String tag = e.qname != null ? e.qname : e.name();
        sb.append("  ".repeat(depth)).append('<').append(tag);
        if (top && !e.nsDecls.containsValue(e.ns)) {
            int colon = tag.indexOf(':');
            sb.append(colon > 0 ? " xmlns:" + tag.substring(0, colon) : " xmlns").append("=\"");
            escape(e.ns, sb, true);
            sb.append('"');
        }
        for (Map.Entry<String, String> d : e.nsDecls.entrySet()) {
            sb.append(d.getKey().isEmpty() ? " xmlns" : " xmlns:" + d.getKey()).append("=\"");
            escape(d.getValue(), sb, true);
            sb.append('"');
        }
        for (Map.Entry<String, String> a : e.attrs().entrySet()) {
            sb.append(' ').append(a.getKey()).append("=\"");
            escape(a.getValue(), sb, true);
            sb.append('"');
        }
        if (e.children().isEmpty()) {
            if (e.text() == null) {
                sb.append("/>\n");
            } else {
                sb.append('>');
                escape(e.text(), sb, false);
                sb.append("</").append(tag).append(">\n");
            }
            return;
        }
        sb.append(">\n");
        for (XmlNode c : e.children()) {
            dump(c, depth + 1, sb, false);
        }
        sb.append("  ".repeat(depth)).append("</").append(tag).append(">\n");
    }

    private static void escape(String s, StringBuilder sb, boolean attr) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append(attr ? "&quot;" : "\"");
                default -> sb.append(c);
            }
        }
    }
}
