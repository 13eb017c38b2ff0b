package io.jvirt.conf.domain;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import io.jvirt.conf.xml.Xml;

/**
 * Builds an {@link XmlNode} tree keeping attributes in document order (the DOM sorts them, and
 * libvirt keeps no order of its own for what it does not model). Call only on documents that
 * {@link io.jvirt.conf.xml.SecureXml} already accepted; the same protections apply.
 */
final class SaxTree {
    private static final SAXParserFactory FACTORY = newFactory();

    /** A parser per thread, reset before each document: creating one costs more than a parse. */
    private static final ThreadLocal<SAXParser> PARSER = ThreadLocal.withInitial(() -> {
        try {
            return FACTORY.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be configured", e);
        }
    });

    private SaxTree() {
    }

    private static SAXParserFactory newFactory() {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be secured", e);
        }
        return f;
    }

    /** The tree, or null when the document is not well-formed (the caller reports the error). */
    static XmlNode tryParse(String xml) {
        try {
            return read(xml);
        } catch (SAXException | IOException e) {
            return null;
        }
    }

    static XmlNode parse(String xml) {
        try {
            return read(xml);
        } catch (SAXException | IOException e) {
            throw Xml.xmlError(e.getMessage());
        }
    }

    private static XmlNode read(String xml) throws SAXException, IOException {
        Handler h = new Handler();
        SAXParser parser = PARSER.get();
        parser.reset();
        parser.parse(new InputSource(new StringReader(xml)), h);
        return h.root;
    }

    private static final class Handler extends DefaultHandler {
        XmlNode root;
        final Deque<XmlNode> stack = new ArrayDeque<>();
        final Deque<StringBuilder> texts = new ArrayDeque<>();
        final Deque<Boolean> hasKids = new ArrayDeque<>();
        final Map<String, String> pending = new LinkedHashMap<>();

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            pending.put(prefix, uri);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            XmlNode n = new XmlNode(localName);
            if (uri != null && !uri.isEmpty()) {
                n.ns = uri;
                n.qname = qName;
            }
            n.nsDecls.putAll(pending);
            pending.clear();
            for (int i = 0; i < atts.getLength(); i++) {
                String an = atts.getQName(i);
                if (an.startsWith("xmlns")) {
                    continue;
                }
                n.attrs().put(an, atts.getValue(i));
            }
            if (stack.isEmpty()) {
                root = n;
            } else {
                stack.peek().add(n);
                hasKids.pop();
                hasKids.push(true);
            }
            stack.push(n);
            texts.push(new StringBuilder());
            hasKids.push(false);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            texts.peek().append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            XmlNode n = stack.pop();
            StringBuilder t = texts.pop();
            boolean kids = hasKids.pop();
            // blank text is layout, but for the root's <name>: libvirt keeps a name as written (" " is one)
            if (!kids && (!t.toString().isBlank() || stack.size() == 1 && n.name().equals("name"))) {
                n.text(t.toString());
            } else if (!kids && t.length() > 0) {
                n.blankText = t.toString();
            }
        }
    }
}
