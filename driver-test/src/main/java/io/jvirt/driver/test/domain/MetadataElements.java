package io.jvirt.driver.test.domain;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.FormatFlag;
import io.jvirt.conf.domain.Metadata;
import io.jvirt.conf.xml.SecureXml;

/**
 * Application metadata elements ({@code virDomainSetMetadata} of type ELEMENT): one element per
 * namespace inside {@code <metadata>}, stored with the caller's prefix and handed back without it,
 * as {@code virsh metadata test URI --key K --set XML} and {@code virsh metadata test URI} show.
 */
final class MetadataElements {
    private MetadataElements() {
    }

    private static String nsOf(String element) {
        Element e = SecureXml.parseAnyRoot(element, "metadata");
        return e.getNamespaceURI();
    }

    /** The element of namespace {@code uri} without its prefix, as libxml2 prints it; null when absent. */
    static String get(DomainDef def, String uri) {
        Metadata m = def.metadata();
        if (m == null) {
            return null;
        }
        for (String e : m.elements()) {
            if (uri.equals(nsOf(e))) {
                StringBuilder b = new StringBuilder();
                dump(SecureXml.parseAnyRoot(e, "metadata"), 0, b, null);
                return b.toString().stripTrailing();
            }
        }
        return null;
    }

    /** A new definition whose metadata has {@code xml} (prefixed {@code key}) for {@code uri}, or none if null. */
    static DomainDef set(DomainDef def, String xml, String key, String uri) {
        List<String> elements = new ArrayList<>();
        if (def.metadata() != null) {
            for (String e : def.metadata().elements()) {
                if (!uri.equals(nsOf(e))) {
                    elements.add(e);
                }
            }
        }
        if (xml != null) {
            StringBuilder b = new StringBuilder();
            dump(SecureXml.parseAnyRoot(xml, "metadata"), 0, b, new String[] { key, uri });
            elements.add(b.toString());
        }
        String text = def.format(FormatFlag.INACTIVE, FormatFlag.SECURE);
        text = text.replaceAll("(?s)\n  <metadata>.*?\n  </metadata>|\n  <metadata/>", "");
        if (!elements.isEmpty()) {
            StringBuilder block = new StringBuilder("  <metadata>\n");
            for (String e : elements) {
                block.append(e.strip()).append('\n');
            }
            block.append("  </metadata>\n");
            int at = text.indexOf("\n  <maxMemory");
            if (at < 0) {
                at = text.indexOf("\n  <memory");
            }
            text = text.substring(0, at + 1) + block + text.substring(at + 1);
        }
        return DomainDefs.parse(text);
    }

    /** Prints an element in libxml2's style; with {@code prefix} = {key, uri} every element gets that namespace. */
    private static void dump(Element e, int depth, StringBuilder b, String[] prefix) {
        String local = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        String tag = prefix != null ? prefix[0] + ":" + local : local;
        b.append("  ".repeat(depth)).append('<').append(tag);
        if (prefix != null && depth == 0) {
            b.append(" xmlns:").append(prefix[0]).append("=\"").append(escape(prefix[1])).append('"');
        }
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (a.getName().startsWith("xmlns")) {
                continue;
            }
            b.append(' ').append(a.getLocalName() != null ? a.getLocalName() : a.getName()).append("=\"")
                    .append(escape(a.getValue())).append('"');
        }
        List<Element> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                children.add(c);
            }
        }
        String text = e.getTextContent();
        if (children.isEmpty()) {
            if (text == null || text.isEmpty()) {
                b.append("/>\n");
            } else {
                b.append('>').append(escape(text)).append("</").append(tag).append(">\n");
            }
            return;
        }
        b.append(">\n");
        for (Element c : children) {
            dump(c, depth + 1, b, prefix);
        }
        b.append("  ".repeat(depth)).append("</").append(tag).append(">\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
