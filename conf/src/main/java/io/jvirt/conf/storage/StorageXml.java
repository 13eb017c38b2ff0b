package io.jvirt.conf.storage;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXParseException;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.xml.SecureXml;

/**
 * Reading helpers shared by the storage pool and volume parsers. They reproduce how libvirt reads
 * these documents: path-like lookups take the first match in document order, an empty string counts
 * as absent where libvirt reads through XPath {@code string(...)}, and numbers follow the C library's
 * {@code strtol} rules (leading blanks and a sign allowed, nothing may follow).
 */
final class StorageXml {
    private static final Pattern ROOT_MISMATCH = Pattern.compile("expecting root element of '[^']*', not '[^']*'");

    private StorageXml() {
    }

    /** Parses a document and checks its root, with libvirt's error codes for each failure. */
    static Element document(String xml, String root, String what) {
        try {
            return SecureXml.parse(xml, root, what);
        } catch (VirtException e) {
            if (e.code() == ErrorCode.XML_DETAIL) {
                throw e; // a parse error, already from the storage domain
            }
            if (ROOT_MISMATCH.matcher(e.getMessage()).find()) {
                throw e; // already libvirt's wording and error domain
            }
            throw new VirtException(e.code(), ErrorDomain.STORAGE, e.getMessage(), e);
        }
    }

    // ---- errors ----------------------------------------------------------------------------

    static VirtException xmlError(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.STORAGE, "XML error: " + message);
    }

    /** XML errors raised by libvirt's generic XML helpers (domain VIR_FROM_XML). */
    static VirtException xmlPropError(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: " + message);
    }

    /** XML errors raised by libvirt's utility code (domain VIR_FROM_NONE). */
    static VirtException xmlUtilError(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.NONE, "XML error: " + message);
    }

    static VirtException unsupported(String message) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.STORAGE,
                "unsupported configuration: " + message);
    }

    // ---- element lookups ---------------------------------------------------------------------

    static String name(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /** Child elements in no namespace named {@code name}. */
    static List<Element> kids(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && name.equals(name(e))) {
                list.add(e);
            }
        }
        return list;
    }

    /** All elements reached by the relative path {@code steps} ({@code ./a/b}), in document order. */
    static List<Element> all(Element from, String... steps) {
        List<Element> current = List.of(from);
        for (String step : steps) {
            List<Element> next = new ArrayList<>();
            for (Element e : current) {
                next.addAll(kids(e, step));
            }
            current = next;
        }
        return current;
    }

    /** The first element at {@code ./steps}, or null. */
    static Element first(Element from, String... steps) {
        List<Element> l = all(from, steps);
        return l.isEmpty() ? null : l.get(0);
    }

    /** {@code string(./steps)} as libvirt reads it: null when absent or empty. */
    static String text(Element from, String... steps) {
        Element e = first(from, steps);
        return e == null ? null : emptyToNull(e.getTextContent());
    }

    /** {@code string(./steps/@attr)}: the first such attribute in document order; null when absent or empty. */
    static String attrAt(Element from, String attr, String... steps) {
        for (Element e : all(from, steps)) {
            if (e.hasAttribute(attr)) {
                return emptyToNull(e.getAttribute(attr));
            }
        }
        return null;
    }

    /** An attribute as libvirt's {@code virXMLPropString} reads it: null when absent, "" kept. */
    static String prop(Element e, String attr) {
        return e.hasAttribute(attr) ? e.getAttribute(attr) : null;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ---- attributes read through libvirt's typed property helpers ------------------------------

    /** An enumerated attribute; {@code zeroAllowed} false rejects the first (default) word. */
    static <T> T enumProp(Element e, String attr, T[] values, Function<T, String> xml, boolean required,
            boolean zeroAllowed) {
        String v = prop(e, attr);
        if (v == null) {
            if (required) {
                throw xmlPropError("Missing required attribute '" + attr + "' in element '" + name(e) + "'");
            }
            return null;
        }
        for (int i = 0; i < values.length; i++) {
            if (xml.apply(values[i]).equals(v)) {
                if (i == 0 && !zeroAllowed) {
                    break;
                }
                return values[i];
            }
        }
        throw xmlPropError("Invalid value for attribute '" + attr + "' in element '" + name(e) + "': '" + v + "'.");
    }

    private static final String[] YES_NO = {"absent", "yes", "no"};

    /** A yes/no attribute (libvirt's tristate bool); null when absent. */
    static Boolean yesNo(Element e, String attr) {
        String v = enumProp(e, attr, YES_NO, s -> s, false, false);
        return v == null ? null : v.equals("yes");
    }

    private static final String[] ON_OFF = {"absent", "on", "off"};

    /** An on/off attribute (libvirt's tristate switch); null when absent. */
    static Boolean onOff(Element e, String attr) {
        String v = enumProp(e, attr, ON_OFF, s -> s, false, false);
        return v == null ? null : v.equals("on");
    }

    /** A signed int attribute in {@code base}; null when absent. */
    static Integer intProp(Element e, String attr, int base) {
        String v = prop(e, attr);
        if (v == null) {
            return null;
        }
        Long l = strtol(v, base, true);
        if (l == null || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw xmlPropError("Invalid value for attribute '" + attr + "' in element '" + name(e) + "': '" + v
                    + "'. Expected integer value");
        }
        return l.intValue();
    }

    /** An unsigned int attribute in {@code base} (0: C prefixes); null when absent unless required. */
    static Long uintProp(Element e, String attr, int base, boolean required) {
        String v = prop(e, attr);
        if (v == null) {
            if (required) {
                throw xmlPropError("Missing required attribute '" + attr + "' in element '" + name(e) + "'");
            }
            return null;
        }
        Long l = strtol(v, base, false);
        if (l == null || l > 0xFFFFFFFFL) {
            throw xmlPropError("Invalid value for attribute '" + attr + "' in element '" + name(e) + "': '" + v
                    + "'. Expected non-negative integer value");
        }
        return l;
    }

    // ---- numbers -----------------------------------------------------------------------------

    private static boolean cspace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /**
     * C's {@code strtol}/{@code strtoull} with libvirt's checks: the whole string must be consumed
     * and hold at least one digit. Returns the value as a big integer, or null when malformed.
     * {@code signAllowed} false rejects a minus sign (libvirt's "positive" variants).
     */
    static BigInteger cnumber(String s, int base, boolean signAllowed) {
        int i = 0;
        int n = s.length();
        while (i < n && cspace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (neg && !signAllowed) {
            return null;
        }
        int b = base;
        if ((b == 0 || b == 16) && i + 1 < n && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
            b = 16;
        } else if (b == 0) {
            b = i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        while (i < n && s.charAt(i) < 128 && Character.digit(s.charAt(i), b) >= 0) {
            i++;
        }
        if (i == start || i != n) {
            return null;
        }
        BigInteger v = new BigInteger(s.substring(start, i), b);
        return neg ? v.negate() : v;
    }

    /** A value in the range of a C long (64 bits), or null. */
    static Long strtol(String s, int base, boolean signAllowed) {
        BigInteger v = cnumber(s, base, signAllowed);
        if (v == null || v.bitLength() > 63) {
            return null;
        }
        return v.longValue();
    }

    /** An unsigned 64-bit value (C's {@code strtoull}, minus sign refused), or null. */
    static Long strtoull(String s) {
        BigInteger v = cnumber(s, 10, false);
        if (v == null || v.bitLength() > 64) {
            return null;
        }
        return v.longValue();
    }

    /**
     * libvirt's {@code virScaleInteger}: multiplies an unsigned {@code value} by the unit's scale,
     * failing above {@code limit} (both compared unsigned).
     */
    static long scale(long value, String unit, long limit) {
        long scale;
        String suffix = unit == null ? "" : unit;
        if (suffix.isEmpty()) {
            scale = 1;
        } else if (suffix.equalsIgnoreCase("b") || suffix.equalsIgnoreCase("byte")
                || suffix.equalsIgnoreCase("bytes")) {
            scale = 1;
        } else {
            long base;
            if (suffix.length() == 1 || suffix.substring(1).equalsIgnoreCase("iB")) {
                base = 1024;
            } else if (suffix.length() == 2 && Character.toLowerCase(suffix.charAt(1)) == 'b') {
                base = 1000;
            } else {
                throw unknownSuffix(suffix);
            }
            int power = switch (Character.toLowerCase(suffix.charAt(0))) {
                case 'k' -> 1;
                case 'm' -> 2;
                case 'g' -> 3;
                case 't' -> 4;
                case 'p' -> 5;
                case 'e' -> 6;
                default -> throw unknownSuffix(suffix);
            };
            scale = 1;
            for (int i = 0; i < power; i++) {
                scale *= base;
            }
        }
        if (value != 0 && Long.compareUnsigned(value, Long.divideUnsigned(limit, scale)) > 0) {
            throw new VirtException(ErrorCode.OVERFLOW, ErrorDomain.NONE,
                    "numerical overflow: value too large: " + Long.toUnsignedString(value) + suffix);
        }
        return value * scale;
    }

    private static VirtException unknownSuffix(String suffix) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                "invalid argument: unknown suffix '" + suffix + "'");
    }

    // ---- uuids and paths -----------------------------------------------------------------------


    /**
     * libvirt's path tidying: runs of '/' become one and a trailing '/' goes, except that a path
     * starting with exactly two slashes keeps them, and URIs ({@code scheme://...}) are left alone.
     */
    static String sanitizePath(String path) {
        int uri = path.indexOf("://");
        if (uri >= 0 && path.indexOf('/') > uri) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        int i = 0;
        if (path.startsWith("//") && (path.length() == 2 || path.charAt(2) != '/')) {
            out.append("//");
            i = 2;
        }
        int prefix = out.length();
        while (i < path.length()) {
            char c = path.charAt(i);
            out.append(c);
            if (c == '/') {
                while (i < path.length() && path.charAt(i) == '/') {
                    i++;
                }
            } else {
                i++;
            }
        }
        if (out.length() > prefix && out.length() > 1 && out.charAt(out.length() - 1) == '/') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
