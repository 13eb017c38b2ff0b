package io.jvirt.conf.capabilities;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * Reading and writing helpers shared by the capabilities documents. libvirt prints many values of
 * these documents with a plain format string, without escaping; {@link #rawLeaf} does the same so
 * that output matches byte for byte (drivers fill these values, users do not).
 */
final class CapsXml {
    private CapsXml() {
    }

    static VirtException error(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.CAPABILITIES, "XML error: " + message);
    }

    /**
     * Runs a parser so that whatever it rejects (a missing element, a number out of range, a bad
     * UUID) surfaces as {@code VIR_ERR_XML_ERROR}, never as an unchecked Java exception.
     */
    static <T> T guarded(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.CAPABILITIES,
                    "XML error: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    /** {@code <name>text</name>} with the text unescaped, as libvirt's {@code "<name>%s</name>"}. */
    static void rawLeaf(XmlWriter w, String name, Object text) {
        if (text != null) {
            w.raw("<" + name + ">" + text + "</" + name + ">");
        }
    }

    /**
     * Closes the element just opened so that an element without content is written as an open and a
     * close tag on two lines, as libvirt does for blocks it opens unconditionally.
     */
    static void closeBlock(XmlWriter w) {
        if (w.isEmptySoFar()) {
            w.raw("");
        }
        w.close();
    }

    /**
     * An element with a {@code supported} attribute: nothing when {@code supported} is null,
     * {@code <name supported='no'/>} when false, else the block with {@code body} inside.
     */
    static <T> void supported(XmlWriter w, String name, Boolean supported, T item, BiConsumer<XmlWriter, T> body) {
        if (supported == null) {
            return;
        }
        w.open(name).attr("supported", supported ? "yes" : "no");
        if (!supported) {
            w.close();
            return;
        }
        body.accept(w, item);
        closeBlock(w);
    }

    /** The {@code supported} attribute: yes/no, null when absent. */
    static Boolean supportedAttr(Element e) {
        return Xml.yesNo(e, "supported");
    }

    static Element child(Element parent, String name) {
        return Xml.child(parent, name).orElse(null);
    }

    static Optional<Element> optChild(Element parent, String name) {
        return Xml.child(parent, name);
    }

    static List<Element> children(Element parent, String name) {
        return Xml.children(parent, name);
    }

    static String text(Element parent, String name) {
        return Xml.childText(parent, name);
    }

    static <T> List<T> map(Element parent, String name, Function<Element, T> parse) {
        return children(parent, name).stream().map(parse).toList();
    }

    static String required(Element e, String attr) {
        String v = Xml.attr(e, attr);
        if (v == null) {
            throw error("missing attribute '" + attr + "' of element '" + e.getTagName() + "'");
        }
        return v;
    }

    static long longAttr(Element e, String attr) {
        return parseLong(required(e, attr), e.getTagName() + "/@" + attr);
    }

    static Long longAttrOrNull(Element e, String attr) {
        String v = Xml.attr(e, attr);
        return v == null ? null : parseLong(v, e.getTagName() + "/@" + attr);
    }

    static int intAttr(Element e, String attr) {
        return Math.toIntExact(longAttr(e, attr));
    }

    static Integer intAttrOrNull(Element e, String attr) {
        Long v = longAttrOrNull(e, attr);
        return v == null ? null : Math.toIntExact(v);
    }

    static long parseLong(String v, String what) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException ex) {
            throw error("invalid number '" + v + "' in " + what);
        }
    }

    static long longText(Element e) {
        return parseLong(e.getTextContent(), e.getTagName());
    }

    /** A size with a unit attribute, in KiB. */
    static long kib(String value, String unit, String what) {
        long v = parseLong(value, what);
        if (unit == null) {
            return v;
        }
        return switch (unit) {
            case "B", "bytes" -> v / 1024;
            case "KiB", "k", "K" -> v;
            case "MiB", "M" -> v * 1024;
            case "GiB", "G" -> v * 1024 * 1024;
            case "TiB", "T" -> v * 1024 * 1024 * 1024;
            default -> throw error("unknown unit '" + unit + "' in " + what);
        };
    }

    /** Bytes for a value in {@code unit} (B, KiB, MiB, GiB, TiB, PiB), as libvirt prints cache sizes. */
    static long bytes(long value, String unit, String what) {
        int shift = switch (unit) {
            case "B" -> 0;
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            case "PiB" -> 50;
            default -> throw error("unknown unit '" + unit + "' in " + what);
        };
        return value << shift;
    }

    /** A value in bytes shortened to the largest unit that divides it (libvirt's virFormatIntPretty). */
    record Pretty(long value, String unit) {
        static Pretty of(long bytes) {
            String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
            long v = bytes;
            int i = 0;
            if (v == 0) {
                return new Pretty(0, "B");
            }
            while (i < units.length - 1 && v % 1024 == 0) {
                v /= 1024;
                i++;
            }
            return new Pretty(v, units[i]);
        }

        long divisor() {
            return value == 0 ? 1 : 1L << (10 * List.of("B", "KiB", "MiB", "GiB", "TiB", "PiB").indexOf(unit));
        }
    }
}
