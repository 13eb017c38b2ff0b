package io.jvirt.conf.network;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * Reading helpers with the semantics of libvirt's own: {@code virXPathString} (empty is absent),
 * {@code virXMLPropString} (empty is a value), the {@code virStrToLong_*} family (C's strtoul with
 * libvirt's sign rules) and the {@code virXMLProp*} checks with their messages.
 */
final class NetXml {
    static final long UINT_MAX = 0xffffffffL;

    private NetXml() {
    }

    /** Direct child elements without a namespace named {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        if (parent == null) {
            return list;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && name.equals(localName(e))) {
                list.add(e);
            }
        }
        return list;
    }

    static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && name.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /** virXMLPropString: the attribute's value, "" when empty, null when absent. */
    static String prop(Element e, String name) {
        if (e == null) {
            return null;
        }
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    /** virXPathString("string(./@name)"): null when absent or empty. */
    static String xprop(Element e, String name) {
        String v = prop(e, name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** virXPathString("string(./child[1])"): the text of the first such child, null when absent or empty. */
    static String xtext(Element parent, String child) {
        Element c = child(parent, child);
        if (c == null) {
            return null;
        }
        String t = c.getTextContent();
        return t.isEmpty() ? null : t;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /**
     * strtoul over the whole string: leading white space, an optional sign, digits in {@code base}
     * (0: C's prefixes). Returns {magnitude, negative?1:0} or null when there are no digits or trailing text.
     */
    private static long[] strtoul(String s, int base) {
        int i = 0;
        int len = s.length();
        while (i < len && isSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if ((base == 0 || base == 16) && i + 1 < len && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && i + 2 < len
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (base == 0) {
            base = i < len && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        while (i < len && Character.digit(s.charAt(i), base) >= 0 && s.charAt(i) < 128) {
            v = v.multiply(java.math.BigInteger.valueOf(base)).add(java.math.BigInteger.valueOf(Character.digit(s.charAt(i), base)));
            i++;
        }
        if (i == start || i != len) {
            return null;
        }
        if (v.bitLength() > 64) {
            return null;
        }
        return new long[] {v.longValue(), neg ? 1 : 0};
    }

    /** virStrToLong_ui: an unsigned int; "-n" wraps around for n up to UINT_MAX. */
    static Long strToUi(String s, int base) {
        long[] r = strtoul(s, base);
        if (r == null) {
            return null;
        }
        long mag = r[0];
        if (r[1] == 1) {
            if (Long.compareUnsigned(mag, UINT_MAX) > 0) {
                return null;
            }
            return mag == 0 ? 0L : (1L << 32) - mag;
        }
        if (Long.compareUnsigned(mag, UINT_MAX) > 0) {
            return null;
        }
        return mag;
    }

    /** virStrToLong_uip / _ulp: no sign allowed; {@code max} is the type's maximum (unsigned compare). */
    static Long strToUnsignedNoSign(String s, int base, long max) {
        long[] r = strtoul(s, base);
        if (r == null || (r[1] == 1 && r[0] != 0) || s.indexOf('-') >= 0) {
            return null;
        }
        if (Long.compareUnsigned(r[0], max) > 0) {
            return null;
        }
        return r[0];
    }

    static VirtException xmlErr(String message) {
        return NetErrors.xml(ErrorDomain.XML, message);
    }

    /** virXMLPropUInt (base 10): null when absent and not required. */
    static Long propUInt(Element e, String name, boolean required, boolean nonZero) {
        String v = prop(e, name);
        if (v == null) {
            if (required) {
                throw xmlErr("Missing required attribute '" + name + "' in element '" + localName(e) + "'");
            }
            return null;
        }
        Long n = strToUnsignedNoSign(v, 10, UINT_MAX);
        if (n == null) {
            throw xmlErr("Invalid value for attribute '" + name + "' in element '" + localName(e) + "': '" + v
                    + "'. Expected non-negative integer value");
        }
        if (nonZero && n == 0) {
            throw xmlErr("Invalid value for attribute '" + name + "' in element '" + localName(e)
                    + "': Zero is not permitted");
        }
        return n;
    }

    /** virXMLPropULongLong (base 10): null when absent. */
    static Long propULongLong(Element e, String name) {
        String v = prop(e, name);
        if (v == null) {
            return null;
        }
        Long n = strToUnsignedNoSign(v, 10, -1L);
        if (n == null) {
            throw xmlErr("Invalid value for attribute '" + name + "' in element '" + localName(e) + "': '" + v
                    + "'. Expected non-negative integer value");
        }
        return n;
    }

    /** virXMLPropTristateBool: yes/no, null when absent or the element is missing. */
    static Boolean propYesNo(Element e, String name) {
        String v = prop(e, name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> throw invalidValue(e, name, v);
        };
    }

    static VirtException invalidValue(Element e, String name, String v) {
        return xmlErr("Invalid value for attribute '" + name + "' in element '" + localName(e) + "': '" + v + "'.");
    }

    /** virXPathUInt("string(./@name)"): -1 absent (or empty), -2 unparsable, else the value. */
    static long xpathUInt(Element e, String name) {
        String v = xprop(e, name);
        if (v == null) {
            return -1;
        }
        Long n = strToUi(v, 10);
        return n == null ? -2 : n;
    }

    /** "yes" / "no" for a Boolean. */
    static String yesNo(Boolean b) {
        return b == null ? null : b ? "yes" : "no";
    }
}
