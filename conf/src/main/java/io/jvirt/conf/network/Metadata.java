package io.jvirt.conf.network;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <metadata>}: applications' own XML, kept as libvirt keeps it: one element per namespace
 * (the first), elements without a namespace dropped, namespaces declared outside the element
 * re-declared on it, blank text between elements dropped, and printed the way libxml2 prints a
 * node (double quotes, its own indentation).
 *
 * @param namespaces the namespace declarations of {@code <metadata>} itself
 * @param children   the kept child elements
 */
public record Metadata(List<Ns> namespaces, List<Node> children) {
    public Metadata {
        namespaces = List.copyOf(namespaces);
        children = List.copyOf(children);
    }

    /** A namespace declaration; a null prefix is the default namespace. */
    public record Ns(String prefix, String uri) {
    }

    /** An attribute with its qualified name as written. */
    public record Attr(String qname, String value) {
    }

    /** The kinds of node kept inside metadata. */
    public enum Kind {
        ELEMENT, TEXT, CDATA, COMMENT, PI
    }

    /**
     * A node: elements have a qualified name, namespace declarations, attributes and children;
     * text, CDATA and comments have text; processing instructions a target (name) and data (text).
     */
    public record Node(Kind kind, String name, String nsUri, List<Ns> namespaces, List<Attr> attributes, String text,
            List<Node> children) {
        public Node {
            namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
            attributes = attributes == null ? List.of() : List.copyOf(attributes);
            children = children == null ? List.of() : List.copyOf(children);
        }
    }

    private static final XMLInputFactory FACTORY = newFactory();

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        try {
            f.setProperty("http://java.sun.com/xml/stream/properties/report-cdata-event", Boolean.TRUE);
        } catch (IllegalArgumentException e) {
            // another StAX implementation: CDATA then reads as text
        }
        return f;
    }

    /** Builder state of one element being read. */
    private static final class Building {
        final String name;
        final String nsUri;
        final List<Ns> nsDecls = new ArrayList<>();
        final List<Attr> attrs = new ArrayList<>();
        final List<Node> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        boolean inText;
        /** libxml2's xml:space state: -1 default, -2 text seen, 0 default, 1 preserve. */
        int space = -1;

        Building(String name, String nsUri) {
            this.name = name;
            this.nsUri = nsUri;
        }
    }

    /**
     * Reads the first {@code <metadata>} child of the document's root from the XML text (a second pass
     * with StAX, which keeps attributes in document order). Null when there is none.
     */
    static Metadata read(String xml) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
            try {
                return read(r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            return null;
        }
    }

    private static Metadata read(XMLStreamReader r) throws XMLStreamException {
        int depth = 0;
        Deque<Building> stack = new ArrayDeque<>();
        // namespace declarations visible inside the copy: one map per open element of the copy
        Deque<Map<String, String>> copyScopes = new ArrayDeque<>();
        List<Ns> rootDecls = null;
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (stack.isEmpty()) {
                        if (depth == 2 && r.getNamespaceURI() == null && r.getLocalName().equals("metadata")) {
                            Building b = new Building("metadata", null);
                            rootDecls = new ArrayList<>();
                            Map<String, String> scope = new HashMap<>();
                            for (int i = 0; i < r.getNamespaceCount(); i++) {
                                String p = emptyToNull(r.getNamespacePrefix(i));
                                rootDecls.add(new Ns(p, r.getNamespaceURI(i)));
                                scope.put(key(p), r.getNamespaceURI(i));
                            }
                            copyScopes.push(scope);
                            stack.push(b);
                        }
                        continue;
                    }
                    Building parent = stack.peek();
                    flushText(parent, true, false);
                    String prefix = emptyToNull(r.getPrefix());
                    String qname = prefix == null ? r.getLocalName() : prefix + ":" + r.getLocalName();
                    Building b = new Building(qname, emptyToNull(r.getNamespaceURI()));
                    b.space = parent.space == -2 ? -1 : parent.space;
                    Map<String, String> scope = new HashMap<>();
                    for (int i = 0; i < r.getNamespaceCount(); i++) {
                        String p = emptyToNull(r.getNamespacePrefix(i));
                        b.nsDecls.add(new Ns(p, r.getNamespaceURI(i)));
                        scope.put(key(p), r.getNamespaceURI(i));
                    }
                    copyScopes.push(scope);
                    if (b.nsUri != null) {
                        reconcile(prefix, b.nsUri, copyScopes, rootDecls);
                    }
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String ap = emptyToNull(r.getAttributePrefix(i));
                        String an = r.getAttributeLocalName(i);
                        if (ap != null && !ap.equals("xml")) {
                            reconcile(ap, r.getAttributeNamespace(i), copyScopes, rootDecls);
                        }
                        b.attrs.add(new Attr(ap == null ? an : ap + ":" + an, r.getAttributeValue(i)));
                        if ("xml".equals(ap) && an.equals("space")) {
                            if (r.getAttributeValue(i).equals("preserve")) {
                                b.space = 1;
                            } else if (r.getAttributeValue(i).equals("default")) {
                                b.space = 0;
                            }
                        }
                    }
                    stack.push(b);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (stack.isEmpty()) {
                        continue;
                    }
                    Building b = stack.pop();
                    copyScopes.pop();
                    flushText(b, true, true);
                    Node n = new Node(Kind.ELEMENT, b.name, b.nsUri, b.nsDecls, b.attrs, null, b.children);
                    if (stack.isEmpty()) {
                        return sanitize(rootDecls, b.children);
                    }
                    stack.peek().children.add(n);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.ENTITY_REFERENCE -> {
                    if (!stack.isEmpty()) {
                        Building b = stack.peek();
                        b.text.append(r.getText());
                        b.inText = true;
                    }
                }
                case XMLStreamConstants.CDATA -> {
                    if (!stack.isEmpty()) {
                        Building b = stack.peek();
                        flushText(b, true, false);
                        b.children.add(new Node(Kind.CDATA, null, null, null, null, r.getText(), null));
                    }
                }
                case XMLStreamConstants.COMMENT -> {
                    if (!stack.isEmpty()) {
                        Building b = stack.peek();
                        flushText(b, true, false);
                        b.children.add(new Node(Kind.COMMENT, null, null, null, null, r.getText(), null));
                    }
                }
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    if (!stack.isEmpty()) {
                        Building b = stack.peek();
                        flushText(b, true, false);
                        b.children.add(new Node(Kind.PI, r.getPITarget(), null, null, null, r.getPIData(), null));
                    }
                }
                default -> {
                }
            }
        }
        return null;
    }

    private static String key(String prefix) {
        return prefix == null ? "" : prefix;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A prefix used in the copy but declared outside it is declared again on the copy's root. */
    private static void reconcile(String prefix, String uri, Deque<Map<String, String>> scopes, List<Ns> rootDecls) {
        for (Map<String, String> s : scopes) {
            if (s.containsKey(key(prefix))) {
                return;
            }
        }
        rootDecls.add(new Ns(prefix, uri));
        scopes.peekLast().put(key(prefix), uri);
    }

    /**
     * Ends a run of text as libxml2 does when it does not keep blanks: a run of white space before a
     * tag is dropped unless xml:space says otherwise, the element already had text starting with white
     * space, the element's last or first child is text, or the element would otherwise be empty.
     */
    private static void flushText(Building b, boolean nextIsTag, boolean nextIsEndTag) {
        if (!b.inText) {
            return;
        }
        String t = b.text.toString();
        b.text.setLength(0);
        b.inText = false;
        if (t.isEmpty()) {
            return;
        }
        if (isBlank(t)) {
            boolean keep;
            if (b.space == 1 || b.space == -2 || !nextIsTag) {
                keep = true;
            } else if (b.children.isEmpty()) {
                keep = nextIsEndTag;
            } else {
                keep = b.children.get(b.children.size() - 1).kind() == Kind.TEXT
                        || b.children.get(0).kind() == Kind.TEXT;
            }
            if (!keep) {
                return;
            }
            if (b.space == -1) {
                b.space = -2;
            }
        } else if (isBlankChar(t.charAt(0)) && b.space == -1) {
            b.space = -2;
        }
        b.children.add(new Node(Kind.TEXT, null, null, null, null, t, null));
    }

    private static boolean isBlankChar(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Keeps only the first child element of each namespace; drops everything without one. */
    private static Metadata sanitize(List<Ns> decls, List<Node> children) {
        List<Node> kept = new ArrayList<>();
        for (Node n : children) {
            if (n.kind() != Kind.ELEMENT || n.nsUri() == null) {
                continue;
            }
            boolean dup = false;
            for (Node k : kept) {
                if (Objects.equals(k.nsUri(), n.nsUri())) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                kept.add(n);
            }
        }
        return new Metadata(decls, kept);
    }

    void format(XmlWriter w) {
        StringBuilder sb = new StringBuilder();
        int level = w.depth();
        sb.append("  ".repeat(level));
        Node root = new Node(Kind.ELEMENT, "metadata", null, namespaces, List.of(), null, children);
        dump(sb, root, level, true, true);
        sb.append('\n');
        w.verbatim(sb.toString());
    }

    /** libxml2's xmlNodeDumpOutput with format=1 and two-space indentation. */
    private static void dump(StringBuilder sb, Node n, int level, boolean format, boolean isRoot) {
        switch (n.kind()) {
            case TEXT -> escapeText(n.text(), sb);
            case CDATA -> sb.append("<![CDATA[").append(n.text()).append("]]>");
            case COMMENT -> {
                if (!isRoot && format) {
                    sb.append("  ".repeat(level));
                }
                sb.append("<!--").append(n.text()).append("-->");
            }
            case PI -> {
                if (!isRoot && format) {
                    sb.append("  ".repeat(level));
                }
                sb.append("<?").append(n.name());
                if (n.text() != null && !n.text().isEmpty()) {
                    sb.append(' ').append(n.text());
                }
                sb.append("?>");
            }
            case ELEMENT -> {
                if (!isRoot && format) {
                    sb.append("  ".repeat(level));
                }
                sb.append('<').append(n.name());
                for (Ns ns : n.namespaces()) {
                    sb.append(ns.prefix() == null ? " xmlns" : " xmlns:" + ns.prefix()).append("=\"");
                    escapeAttr(ns.uri(), sb);
                    sb.append('"');
                }
                for (Attr a : n.attributes()) {
                    sb.append(' ').append(a.qname()).append("=\"");
                    escapeAttr(a.value(), sb);
                    sb.append('"');
                }
                if (n.children().isEmpty()) {
                    sb.append("/>");
                    return;
                }
                boolean childFormat = format;
                if (format) {
                    for (Node c : n.children()) {
                        if (c.kind() == Kind.TEXT || c.kind() == Kind.CDATA) {
                            childFormat = false;
                            break;
                        }
                    }
                }
                sb.append('>');
                if (childFormat) {
                    sb.append('\n');
                }
                for (Node c : n.children()) {
                    dump(sb, c, level + 1, childFormat, false);
                    if (childFormat) {
                        sb.append('\n');
                    }
                }
                if (childFormat) {
                    sb.append("  ".repeat(level));
                }
                sb.append("</").append(n.name()).append('>');
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void escapeText(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (Character.charCount(c) == 2) {
                i++;
            }
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n', '\t' -> sb.append((char) c);
                default -> {
                    if (c >= 0x80) {
                        sb.appendCodePoint(c);
                    } else if (c < 0x20) {
                        sb.append("&#").append(c).append(';');
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
    }

    private static void escapeAttr(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (Character.charCount(c) == 2) {
                i++;
            }
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append("&#9;");
                default -> {
                    if (c >= 0x80) {
                        // libxml2 writes non-ASCII attribute characters as references (text stays raw)
                        sb.append("&#x").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)).append(';');
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
    }
}
