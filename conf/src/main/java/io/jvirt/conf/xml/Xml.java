package io.jvirt.conf.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * Reading helpers over DOM elements for the parsers, with libvirt's error codes: a parser calls
 * these rather than the DOM so that every dialect words its errors alike.
 */
public final class Xml {
    private Xml() {
    }

    /** Direct child elements named {@code name}, in document order. */
    public static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())
                    && e.getNamespaceURI() == null) {
                list.add(e);
            }
        }
        return list;
    }

    /** All direct child elements, in any namespace. */
    public static List<Element> children(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    /** The first direct child element named {@code name} (no namespace). */
    public static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null
                    && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The text of the first child named {@code name}, or null. */
    public static String childText(Element parent, String name) {
        return child(parent, name).map(Element::getTextContent).orElse(null);
    }

    /** An attribute's value, or null when absent (DOM says "" for absent). */
    public static String attr(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    /** An attribute parsed by {@code parse}, or null when absent. */
    public static <T> T attr(Element e, String name, Function<String, T> parse) {
        String v = attr(e, name);
        return v == null ? null : parse.apply(v);
    }

    /** {@code yes}/{@code no} (libvirt's virTristateBool), null when absent. */
    public static Boolean yesNo(Element e, String name) {
        String v = attr(e, name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> throw configUnsupported("invalid value for attribute '" + name + "' of element '"
                    + e.getTagName() + "': '" + v + "'. Expected 'yes' or 'no'");
        };
    }

    /** {@code on}/{@code off} (libvirt's virTristateSwitch), null when absent. */
    public static Boolean onOff(Element e, String name) {
        String v = attr(e, name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            default -> throw configUnsupported("invalid value for attribute '" + name + "' of element '"
                    + e.getTagName() + "': '" + v + "'. Expected 'on' or 'off'");
        };
    }

    /** Parses an enum attribute whose XML words are the enum's lower-case names with '-' for '_'. */
    public static <E extends Enum<E>> E enumAttr(Element e, String name, Class<E> type) {
        String v = attr(e, name);
        if (v == null) {
            return null;
        }
        for (E c : type.getEnumConstants()) {
            if (xmlName(c).equals(v)) {
                return c;
            }
        }
        throw configUnsupported("Invalid value for attribute '" + name + "' in element '" + e.getTagName()
                + "': '" + v + "'.");
    }

    /** The XML word of an enum constant by the default convention. */
    public static String xmlName(Enum<?> c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static VirtException xmlError(String message) {
        return new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: " + message);
    }

    public static VirtException configUnsupported(String message) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.XML,
                "unsupported configuration: " + message);
    }

    public static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.XML, "internal error: " + message);
    }

    /** Elements of a node list, for XPath-free code. */
    public static List<Element> elements(NodeList nodes) {
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }
}
