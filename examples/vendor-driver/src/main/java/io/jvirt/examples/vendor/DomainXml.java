package io.jvirt.examples.vendor;

import java.io.StringReader;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * The little of libvirt's domain XML this driver understands: name, uuid, memory and vcpu.
 * Read with the JDK's parser, DTDs refused (XML from clients is untrusted).
 */
final class DomainXml {
    private DomainXml() {
    }

    static VendorDomain parse(String xml) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, "XML error: " + e.getMessage(), e);
        }
        if (!"domain".equals(root.getTagName())) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                    "XML error: expected root element <domain>, not <" + root.getTagName() + ">");
        }
        String name = text(root, "name");
        if (name == null || name.isBlank()) {
            throw new VirtException(ErrorCode.NO_NAME, ErrorDomain.DOMAIN, "missing name information");
        }
        String uuidText = text(root, "uuid");
        UUID uuid;
        try {
            uuid = uuidText == null ? UUID.randomUUID() : UUID.fromString(uuidText.trim());
        } catch (IllegalArgumentException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                    "internal error: malformed uuid element");
        }
        long memory = number(root, "memory", 131072);
        long vcpus = number(root, "vcpu", 1);
        return new VendorDomain(name.trim(), uuid, memory, (int) vcpus);
    }

    static String format(VendorDomain d) {
        return "<domain type='vendor'" + (d.isActive() ? " id='" + d.id + "'" : "") + ">\n"
                + "  <name>" + escape(d.name) + "</name>\n"
                + "  <uuid>" + d.uuid + "</uuid>\n"
                + "  <memory unit='KiB'>" + d.maxMemoryKiB + "</memory>\n"
                + "  <currentMemory unit='KiB'>" + d.memoryKiB + "</currentMemory>\n"
                + "  <vcpu placement='static'>" + d.vcpus + "</vcpu>\n"
                + "  <os>\n    <type>hvm</type>\n  </os>\n"
                + "</domain>\n";
    }

    private static String text(Element root, String tag) {
        NodeList l = root.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

    private static long number(Element root, String tag, long dflt) {
        String t = text(root, tag);
        if (t == null) {
            return dflt;
        }
        try {
            return Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN,
                    "XML error: invalid value '" + t.trim() + "' in <" + tag + ">");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
