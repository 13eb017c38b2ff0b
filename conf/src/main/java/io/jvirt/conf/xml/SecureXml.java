package io.jvirt.conf.xml;

import java.io.IOException;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** Parses untrusted XML documents into DOM with DTDs and external entities refused. */
public final class SecureXml {
    /** libvirt refuses XML documents larger than 10 MiB. */
    public static final int MAX_LENGTH = 10 * 1024 * 1024;

    private static final DocumentBuilderFactory FACTORY = newFactory();

    /**
     * A builder per thread, reset before each use: making one costs far more than parsing a
     * typical definition (about 0.25 ms here).
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    });

    private SecureXml() {
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be secured", e);
        }
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    /**
     * Parses {@code xml} and checks that its root element is {@code expectedRoot}.
     *
     * @param what a word for error messages, e.g. {@code "domain definition"}
     * @throws VirtException {@code VIR_ERR_XML_ERROR} for malformed or oversized XML or a wrong root
     */
    public static Element parse(String xml, String expectedRoot, String what) {
        Element root = parseAnyRoot(xml, what);
        if (!expectedRoot.equals(root.getLocalName())) {
            // libvirt's wording (virXMLParse), which virsh users see
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: expecting root element of '"
                    + expectedRoot + "', not '" + root.getLocalName() + "'");
        }
        return root;
    }

    /**
     * Parses {@code xml} like {@link #parse} but returns whatever root element it has, for
     * dialects that word the wrong-root error themselves.
     */
    public static Element parseAnyRoot(String xml, String what) {
        if (xml == null || xml.isBlank()) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "XML error: (" + what + ") is empty");
        }
        if (xml.length() > MAX_LENGTH) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "XML error: (" + what + ") is larger than " + MAX_LENGTH + " characters");
        }
        try {
            DocumentBuilder builder = BUILDER.get();
            builder.reset();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXParseException e) {
            if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
                // jvirt's own policy (no DTDs, so no external entities or expansion bombs), not a parse error
                throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: (" + what + "):"
                        + e.getLineNumber() + ": " + e.getMessage(), e);
            }
            throw malformed(xml, what, e);
        } catch (SAXException | IOException e) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "XML error: (" + what + "): " + e.getMessage(), e);
        }
    }

    /**
     * A parse error as libvirt reports libxml2's: VIR_ERR_XML_DETAIL from the domain of the document
     * (a domain definition from DOMAIN, ...), {@code (what):line: message}, then the offending line and
     * a pointer under the column. The parser's own message is the JDK's wording, not libxml2's.
     */
    private static VirtException malformed(String xml, String what, SAXParseException e) {
        String[] lines = xml.split("\r?\n|\r", -1);
        int line = Math.max(1, Math.min(e.getLineNumber(), lines.length));
        String context = lines[line - 1];
        int column = Math.max(0, Math.min(e.getColumnNumber() - 1, context.length()));
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < column; i++) {
            pointer.append(context.charAt(i) == '\t' ? '\t' : '-');
        }
        pointer.append('^');
        return new VirtException(ErrorCode.XML_DETAIL, documentDomain(what),
                "(" + what + "):" + e.getLineNumber() + ": " + e.getMessage() + "\n" + context + "\n" + pointer, e);
    }

    private static ErrorDomain documentDomain(String what) {
        return switch (what) {
            case "domain_definition" -> ErrorDomain.DOMAIN;
            case "network_definition", "network_update", "networkport_definition" -> ErrorDomain.NETWORK;
            case "nwfilterbinding_definition" -> ErrorDomain.NWFILTER;
            case "node_device_definition" -> ErrorDomain.NODEDEV;
            case "interface_definition" -> ErrorDomain.INTERFACE;
            default -> ErrorDomain.XML;
        };
    }
}
