package io.jvirt.conf.xml;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes XML the way libvirt's formatters do, so that output compares byte for byte: two-space
 * indentation, attributes in single quotes in the order written, {@code <empty/>} elements,
 * simple text inline ({@code <name>x</name>}), a final newline, and libvirt's escaping.
 * <p>
 * Usage: {@code w.open("domain").attr("type", "kvm"); w.leaf("name", name); w.close();}. An element
 * is written as {@code <x/>} if it gets neither text nor children before it is closed.
 */
public final class XmlWriter {
    private final StringBuilder out = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();
    /** Whether the start tag of the innermost open element is still unterminated. */
    private boolean startPending;
    private int baseIndent;

    public XmlWriter() {
    }

    /** A writer whose elements are indented by {@code indent} levels (for documents nested in others). */
    public XmlWriter(int indent) {
        this.baseIndent = indent;
    }

    private void indent(int depth) {
        out.append("  ".repeat(baseIndent + depth));
    }

    private void finishStart() {
        if (startPending) {
            out.append(">\n");
            startPending = false;
        }
    }

    /** Opens an element; attributes may follow until its first child or text. */
    public XmlWriter open(String name) {
        finishStart();
        indent(open.size());
        out.append('<').append(name);
        open.push(name);
        startPending = true;
        return this;
    }

    /** Adds an attribute to the element just opened; {@code null} values are left out. */
    public XmlWriter attr(String name, Object value) {
        if (value == null) {
            return this;
        }
        if (!startPending) {
            throw new IllegalStateException("attribute " + name + " after the content of <" + open.peek() + ">");
        }
        out.append(' ').append(name).append("='");
        escape(value.toString(), out);
        out.append('\'');
        return this;
    }

    /** Adds {@code name='yes'} or {@code 'no'}; nothing for {@code null}. */
    public XmlWriter yesNo(String name, Boolean value) {
        return value == null ? this : attr(name, value ? "yes" : "no");
    }

    /** Adds {@code name='on'} or {@code 'off'}; nothing for {@code null}. */
    public XmlWriter onOff(String name, Boolean value) {
        return value == null ? this : attr(name, value ? "on" : "off");
    }

    /** Closes the innermost element: {@code />} if it got no content. */
    public XmlWriter close() {
        String name = open.pop();
        if (startPending) {
            out.append("/>\n");
            startPending = false;
        } else {
            indent(open.size());
            out.append("</").append(name).append(">\n");
        }
        return this;
    }

    /** Closes the element just opened with inline text: {@code <name>text</name>}. */
    public XmlWriter text(String text) {
        if (!startPending) {
            throw new IllegalStateException("text after the children of <" + open.peek() + ">");
        }
        String name = open.pop();
        out.append('>');
        escape(text, out);
        out.append("</").append(name).append(">\n");
        startPending = false;
        return this;
    }

    /** {@code <name>text</name>}; nothing when text is {@code null}. */
    public XmlWriter leaf(String name, Object text) {
        if (text == null) {
            return this;
        }
        return open(name).text(text.toString());
    }

    /** {@code <name/>} when {@code present}. */
    public XmlWriter empty(String name, boolean present) {
        return present ? open(name).close() : this;
    }

    /** Writes already formatted XML lines (e.g. kept metadata) at the current depth. */
    public XmlWriter raw(String xml) {
        finishStart();
        for (String line : xml.split("\n", -1)) {
            if (!line.isEmpty()) {
                indent(open.size());
                out.append(line).append('\n');
            }
        }
        return this;
    }

    /** Whether the element just opened has no content yet. */
    public boolean isEmptySoFar() {
        return startPending;
    }

    public int depth() {
        return open.size();
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements " + open);
        }
        return out.toString();
    }

    /** libvirt's escaping for attribute values and text (virBufferEscapeString). */
    public static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }

    /**
     * Adds an attribute written verbatim, without escaping: libvirt prints a few values with a plain
     * format string (e.g. a storage secret's {@code type}), and output must match it byte for byte.
     */
    public XmlWriter rawAttr(String name, Object value) {
        if (value == null) {
            return this;
        }
        if (!startPending) {
            throw new IllegalStateException("attribute " + name + " after the content of <" + open.peek() + ">");
        }
        out.append(' ').append(name).append("='").append(value).append('\'');
        return this;
    }

    /**
     * Ends the start tag of the element just opened, so that it is closed as {@code <x ...>} and
     * {@code </x>} on two lines even when nothing follows (libvirt prints some elements so).
     */
    public XmlWriter endStartTag() {
        finishStart();
        return this;
    }

    /** Appends text exactly as given (already indented and ending with a newline). */
    public XmlWriter verbatim(String text) {
        finishStart();
        out.append(text);
        return this;
    }
}
