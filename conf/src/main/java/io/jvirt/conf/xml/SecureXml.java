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
     *
     * @param what libvirt's name of the document ({@code domain_definition}, {@code network_update_xml},
     *     ...), which its parse errors name and which decides their error domain
     */
    public static Element parseAnyRoot(String xml, String what) {
        if (xml == null || xml.isEmpty()) {
            // libxml2 on a zero-length document; libvirt shows the (empty) context line as "(null)"
            throw new VirtException(ErrorCode.XML_DETAIL, documentDomain(what),
                    label(what) + ":1: Document is empty\n" + context("", 0));
        }
        if (xml.length() > MAX_LENGTH) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "XML error: (" + what + ") is larger than " + MAX_LENGTH + " characters");
        }
        int noRoot = prologEnd(xml);
        if (noRoot >= 0) {
            throw detail(xml, what, noRoot, "Start tag expected, '<' not found", null);
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
     * Where a document without a root element stops, as libxml2 reads its prolog (white space,
     * comments, processing instructions including the XML declaration): the offset of the first
     * character that cannot start the root element, or the end; -1 when a '{@code <}' that may open
     * an element (or a DOCTYPE, refused by policy) is found, so that the full parser decides.
     */
    private static int prologEnd(String xml) {
        int i = 0;
        int n = xml.length();
        for (;;) {
            while (i < n && isXmlSpace(xml.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return n;
            }
            if (xml.charAt(i) != '<') {
                return i;
            }
            int close;
            if (xml.startsWith("<!--", i) && (close = xml.indexOf("-->", i + 4)) >= 0) {
                i = close + 3;
            } else if (xml.startsWith("<?", i) && (close = xml.indexOf("?>", i + 2)) >= 0) {
                i = close + 2;
            } else {
                return -1;
            }
        }
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * A parse error as libvirt reports libxml2's: VIR_ERR_XML_DETAIL from the domain of the document
     * (a domain definition from DOMAIN, ...), {@code (what):line: message}, then the offending line and
     * a pointer under the column. The parser's own message is the JDK's wording, not libxml2's.
     */
    private static VirtException malformed(String xml, String what, SAXParseException e) {
        String[] lines = xml.split("\r?\n|\r", -1);
        int line = Math.max(1, Math.min(e.getLineNumber(), lines.length));
        int offset = 0;
        for (int l = 1; l < line; l++) {
            offset = xml.indexOf('\n', offset) + 1;
            if (offset == 0) {
                break;
            }
        }
        int column = Math.max(0, Math.min(e.getColumnNumber() - 1, lines[line - 1].length()));
        return detail(xml, what, offset + column, e.getMessage(), e);
    }

    /** libvirt's report of a libxml2 error at offset {@code pos} of {@code xml}. */
    private static VirtException detail(String xml, String what, int pos, String message, Throwable cause) {
        int line = 1;
        for (int i = 0; i < pos && i < xml.length(); i++) {
            if (xml.charAt(i) == '\n') {
                line++;
            }
        }
        return new VirtException(ErrorCode.XML_DETAIL, documentDomain(what),
                label(what) + ":" + line + ": " + message + "\n" + context(xml, pos), cause);
    }

    /**
     * The line holding {@code pos} and a pointer under it, as libvirt prints them: end-of-line
     * characters right at {@code pos} are skipped backwards first, tabs stay tabs in the pointer, and
     * an empty line shows as {@code (null)} (libvirt formats a NULL string there).
     */
    static String context(String xml, int pos) {
        int cur = Math.min(pos, xml.length());
        while (cur > 0 && cur < xml.length() && isEol(xml.charAt(cur))) {
            cur--;
        }
        while (cur > 0 && (cur >= xml.length() || !isEol(xml.charAt(cur)))) {
            cur--;
        }
        if (cur < xml.length() && isEol(xml.charAt(cur))) {
            cur++;
        }
        int col = pos - cur;
        int end = cur;
        while (end < xml.length() && !isEol(xml.charAt(end))) {
            end++;
        }
        String line = xml.substring(Math.min(cur, end), end);
        StringBuilder pointer = new StringBuilder();
        for (int k = 0; k < col && k < line.length(); k++) {
            pointer.append(line.charAt(k) == '\t' ? '\t' : '-');
        }
        pointer.append('^');
        return (line.isEmpty() ? "(null)" : line) + "\n" + pointer;
    }

    private static boolean isEol(char c) {
        return c == '\n' || c == '\r';
    }

    /** How libvirt names a document in its parse errors: in parentheses, but for the network update. */
    private static String label(String what) {
        return what.equals("network_update_xml") ? what : "(" + what + ")";
    }

    /** The error domain libvirt reports a document's parse errors from (the parser's caller). */
    private static ErrorDomain documentDomain(String what) {
        return switch (what) {
            case "domain_definition", "device_definition", "disk_definition", "metadata_xml" -> ErrorDomain.DOMAIN;
            case "domain_snapshot" -> ErrorDomain.DOMAIN_SNAPSHOT;
            case "domain_checkpoint" -> ErrorDomain.DOMAIN_CHECKPOINT;
            case "network_definition", "network_update_xml", "networkport_definition" -> ErrorDomain.NETWORK;
            case "storage_pool_definition", "storage_volume_definition", "storage_source_specification" ->
                ErrorDomain.STORAGE;
            case "nwfilter_definition", "nwfilterbinding_definition" -> ErrorDomain.NWFILTER;
            case "definition_of_secret" -> ErrorDomain.SECRET;
            case "node_device_definition" -> ErrorDomain.NODEDEV;
            case "interface_definition" -> ErrorDomain.INTERFACE;
            case "CPU_definition" -> ErrorDomain.CPU;
            default -> ErrorDomain.XML;
        };
    }
}
