package io.jvirt.conf.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;


import io.jvirt.conf.xml.XmlWriter;

/**
 * One element of a domain definition as libvirt keeps it: its attributes in libvirt's output
 * order, its child elements and its text. The domain model uses it for the parts of the
 * dialect whose content libvirt reproduces as given (after its defaults and reordering), so
 * that every such part is parsed and formatted by the same two methods.
 */
public final class XmlNode {
    private final String name;
    /** Namespace URI and prefixed name of elements in a namespace (metadata, driver namespaces). */
    String ns;
    String qname;
    /** Namespace declarations made on this element (prefix or "" -> URI), in document order. */
    final LinkedHashMap<String, String> nsDecls = new LinkedHashMap<>();
    private final LinkedHashMap<String, String> attrs = new LinkedHashMap<>();
    private final List<XmlNode> children = new ArrayList<>();
    private String text;
    /** White-space-only text of a leaf, which the model drops but libvirt's value readers see. */
    String blankText;
    /** Written as a start and an end tag even when empty (libvirt does so for some containers). */
    boolean block;
    /** Written only with {@link FormatFlag#SECURE} (e.g. HTTP cookies). */
    boolean secret;
    /** Attributes of the live definition only, not written with {@link FormatFlag#INACTIVE}. */
    final java.util.Set<String> liveAttrs = new java.util.HashSet<>();
    /** Attributes written only with {@link FormatFlag#SECURE} (e.g. passwords). */
    final java.util.Set<String> secretAttrs = new java.util.HashSet<>();

    public XmlNode(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /**
     * The text as libvirt reads a value from an element ({@code string(./memory[1])}): also when it is
     * only white space; "" when there is none.
     */
    public String valueText() {
        return text != null ? text : blankText != null ? blankText : "";
    }

    public XmlNode text(String t) {
        this.text = t;
        return this;
    }

    public Map<String, String> attrs() {
        return attrs;
    }

    public String attr(String n) {
        return attrs.get(n);
    }

    public boolean has(String n) {
        return attrs.containsKey(n);
    }

    /** Sets an attribute (kept at its place if present, else appended); null removes it. */
    public XmlNode set(String n, String v) {
        if (v == null) {
            attrs.remove(n);
        } else {
            attrs.put(n, v);
        }
        return this;
    }

    public XmlNode remove(String... names) {
        for (String n : names) {
            attrs.remove(n);
        }
        return this;
    }

    /** Reorders the attributes: those named come first in this order, the others after in their order. */
    public XmlNode order(String... names) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (String n : names) {
            if (attrs.containsKey(n)) {
                copy.put(n, attrs.get(n));
            }
        }
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            copy.putIfAbsent(e.getKey(), e.getValue());
        }
        attrs.clear();
        attrs.putAll(copy);
        return this;
    }

    /** Keeps only the attributes named, in this order. */
    public XmlNode only(String... names) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        for (String n : names) {
            if (attrs.containsKey(n)) {
                copy.put(n, attrs.get(n));
            }
        }
        attrs.clear();
        attrs.putAll(copy);
        return this;
    }

    /** Namespace URI of this element, null for libvirt's own elements. */
    public String namespace() {
        return ns;
    }

    public List<XmlNode> children() {
        return children;
    }

    public List<XmlNode> children(String n) {
        List<XmlNode> l = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.ns == null && c.name.equals(n)) {
                l.add(c);
            }
        }
        return l;
    }

    public Optional<XmlNode> child(String n) {
        for (XmlNode c : children) {
            if (c.ns == null && c.name.equals(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public XmlNode childOrNull(String n) {
        return child(n).orElse(null);
    }

    /** The text of the first child named {@code n}, or null. */
    public String childText(String n) {
        return child(n).map(XmlNode::text).orElse(null);
    }

    public XmlNode add(XmlNode c) {
        children.add(c);
        return this;
    }

    public XmlNode add(int index, XmlNode c) {
        children.add(index, c);
        return this;
    }

    /** The child named {@code n}, created (appended) when absent. */
    public XmlNode ensure(String n) {
        return child(n).orElseGet(() -> {
            XmlNode c = new XmlNode(n);
            children.add(c);
            return c;
        });
    }

    public XmlNode removeChildren(String... names) {
        for (String n : names) {
            children.removeIf(c -> c.name.equals(n));
        }
        return this;
    }

    public XmlNode removeChildren(Predicate<XmlNode> p) {
        children.removeIf(p);
        return this;
    }

    /** Reorders children: those named come first, in this order (stable within a name); the rest after. */
    public XmlNode orderChildren(String... names) {
        List<XmlNode> sorted = new ArrayList<>();
        for (String n : names) {
            for (XmlNode c : children) {
                if (c.name.equals(n)) {
                    sorted.add(c);
                }
            }
        }
        for (XmlNode c : children) {
            if (!sorted.contains(c)) {
                sorted.add(c);
            }
        }
        children.clear();
        children.addAll(sorted);
        return this;
    }

    /** Keeps only the children named, in this order. */
    public XmlNode onlyChildren(String... names) {
        List<XmlNode> sorted = new ArrayList<>();
        for (String n : names) {
            for (XmlNode c : children) {
                if (c.name.equals(n)) {
                    sorted.add(c);
                }
            }
        }
        children.clear();
        children.addAll(sorted);
        return this;
    }

    public boolean isEmpty() {
        return attrs.isEmpty() && children.isEmpty() && text == null;
    }

    public XmlNode copy() {
        XmlNode n = new XmlNode(name);
        n.attrs.putAll(attrs);
        n.block = block;
        n.secret = secret;
        n.secretAttrs.addAll(secretAttrs);
        n.liveAttrs.addAll(liveAttrs);
        for (XmlNode c : children) {
            n.children.add(c.copy());
        }
        n.text = text;
        n.blankText = blankText;
        return n;
    }

    public void format(XmlWriter w) {
        format(w, false, false);
    }

    /** Writes this element; secrets only when {@code secure}, live-only attributes unless {@code inactive}. */
    public void format(XmlWriter w, boolean secure, boolean inactive) {
        w.open(name);
        for (Map.Entry<String, String> a : attrs.entrySet()) {
            if ((secure || !secretAttrs.contains(a.getKey())) && !(inactive && liveAttrs.contains(a.getKey()))) {
                w.attr(a.getKey(), a.getValue());
            }
        }
        boolean any = false;
        for (XmlNode c : children) {
            if (secure || !c.secret) {
                any = true;
            }
        }
        if (any) {
            for (XmlNode c : children) {
                if (secure || !c.secret) {
                    c.format(w, secure, inactive);
                }
            }
            w.close();
        } else if (text != null) {
            w.text(text);
        } else if (block) {
            w.raw("");
            w.close();
        } else {
            w.close();
        }
    }

    @Override
    public String toString() {
        XmlWriter w = new XmlWriter();
        format(w);
        return w.toString();
    }
}
