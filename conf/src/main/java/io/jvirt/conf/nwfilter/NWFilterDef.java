package io.jvirt.conf.nwfilter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXParseException;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A network filter, {@code <filter name='..' chain='..' priority='..'>}: its UUID and its rules
 * and references to other filters, in document order. {@link #parse} and {@link #format} read
 * and write it as libvirt 9.0 does, defaults included: the chain is {@code root} unless given,
 * and a chain given without a priority gets its family's default priority.
 *
 * @param chain    {@code root} or a name starting with mac, vlan, stp, arp, rarp, ipv4 or ipv6
 * @param priority the chain's priority, -1000..1000; 0 is not written
 */
public record NWFilterDef(String name, String chain, int priority, UUID uuid, List<FilterEntry> entries) {
    public static final String ROOT_CHAIN = "root";
    /** libvirt's chain names are at most this long. */
    public static final int MAX_CHAIN_LENGTH = 12;
    public static final int MIN_PRIORITY = -1000;
    public static final int MAX_PRIORITY = 1000;
    private static final String WHAT = "nwfilter_definition";
    private static final String CHAIN_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-";

    /** The chain families, in libvirt's order, with their default priorities. */
    private enum ChainFamily {
        ROOT(0), MAC(-800), VLAN(-750), STP(0), ARP(-500), RARP(-400), IPV4(-700), IPV6(-600);

        final int priority;

        ChainFamily(int priority) {
            this.priority = priority;
        }
    }

    public NWFilterDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(uuid, "uuid");
        entries = List.copyOf(entries);
    }

    /**
     * Parses a {@code <filter>} document.
     *
     * @throws VirtException with libvirt's code, domain and message for what it rejects
     */
    public static NWFilterDef parse(String xml) {
        Element root = readDocument(xml);
        String name = Xml.attr(root, "name");
        if (name == null || name.isEmpty()) {
            throw NWFilterErrors.internal("filter has no name");
        }
        String prio = Xml.attr(root, "priority");
        Integer priority = null;
        if (prio != null && !prio.isEmpty()) {
            priority = NumberText.toInt(prio);
            if (priority == null) {
                throw NWFilterErrors.invalidArg("Could not parse chain priority '" + prio + "'");
            }
            if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
                throw NWFilterErrors.invalidArg("Priority '" + priority + "' is outside valid range of ["
                        + MIN_PRIORITY + "," + MAX_PRIORITY + "]");
            }
        }
        String chain = Xml.attr(root, "chain");
        int chainPriority = 0;
        if (chain != null && !chain.isEmpty()) {
            ChainFamily family = chainFamily(chain);
            chainPriority = priority != null ? priority : family.priority;
        } else {
            chain = ROOT_CHAIN;
        }
        // libvirt 9.0: VIR_ERR_XML_ERROR from the nwfilter code
        UUID uuid = io.jvirt.conf.xml.UuidText.element(Xml.childText(root, "uuid"),
                () -> NWFilterErrors.xmlError("malformed uuid element"));
        List<FilterEntry> entries = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                switch (Rule.localName(e)) {
                    case "rule" -> entries.add(Rule.parse(e));
                    case "filterref" -> entries.add(FilterRef.parse(e));
                    default -> {
                        // libvirt ignores other elements
                    }
                }
            }
        }
        return new NWFilterDef(name, chain, chainPriority, uuid, entries);
    }

    /** Formats the filter as libvirt does (two-space indentation, final newline). */
    public String format() {
        XmlWriter w = new XmlWriter();
        w.open("filter").attr("name", name).attr("chain", chain);
        if (priority != 0) {
            w.attr("priority", priority);
        }
        w.leaf("uuid", uuid.toString());
        for (FilterEntry entry : entries) {
            if (entry instanceof Rule r) {
                r.format(w);
            } else if (entry instanceof FilterRef f) {
                f.format(w);
            }
        }
        w.close();
        return w.toString();
    }

    private static Element readDocument(String xml) {
        Element root = SecureXml.parseAnyRoot(xml, WHAT);
        String rootName = Rule.localName(root);
        if (!rootName.equals("filter")) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.XML,
                    "XML error: expecting root element of 'filter', not '" + rootName + "'");
        }
        return root;
    }

    /** The family a chain name belongs to, or libvirt's error for a name it refuses. */
    private static ChainFamily chainFamily(String chain) {
        if (chain.getBytes(StandardCharsets.UTF_8).length > MAX_CHAIN_LENGTH) {
            throw NWFilterErrors.invalidArg("Name of chain is longer than " + MAX_CHAIN_LENGTH + " characters");
        }
        for (int i = 0; i < chain.length(); i++) {
            if (CHAIN_CHARS.indexOf(chain.charAt(i)) < 0) {
                throw NWFilterErrors.invalidArg("Chain name contains invalid characters");
            }
        }
        StringBuilder prefixes = new StringBuilder();
        for (ChainFamily f : ChainFamily.values()) {
            String word = Xml.xmlName(f);
            if (f == ChainFamily.ROOT) {
                if (chain.equals(word)) {
                    return f;
                }
                if (chain.startsWith(word)) {
                    // libvirt fails here without saying why; its API then reports the generic error
                    throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                            "An error occurred, but the cause is unknown");
                }
                continue;
            }
            if (chain.startsWith(word)) {
                return f;
            }
            prefixes.append(prefixes.length() > 0 ? ", " : "").append(word);
        }
        throw NWFilterErrors.invalidArg("Invalid chain name '" + chain + "'. Please use a chain name called '"
                + ROOT_CHAIN + "' or any of the following prefixes: " + prefixes);
    }
}
