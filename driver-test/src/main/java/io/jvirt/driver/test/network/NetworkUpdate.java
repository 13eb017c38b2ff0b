package io.jvirt.driver.test.network;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;

import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NetworkXMLFlag;
import io.jvirt.api.VirtException;
import io.jvirt.conf.network.IpAddress;
import io.jvirt.conf.network.Mac;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.Xml;

/**
 * {@code virNetworkUpdate} on one definition, for every section libvirt 9.0's test driver updates,
 * with one mechanism: a {@link Section} says which element it takes, where the list of such
 * elements lives, which attributes identify an entry and how entries match; the update then adds,
 * replaces or removes that element in the formatted definition and parses the result again, so the
 * dialect's own checks (the same as libvirt's final format/parse cycle) judge the outcome.
 * <p>
 * Behaviour and messages as observed with {@code virsh -c test:///default net-update ...} and
 * libvirt-python's {@code virNetwork.update} on libvirt 9.0 (driver-test's NetworkUpdateTest).
 */
final class NetworkUpdate {
    // libvirt's virNetworkUpdateCommand
    static final int MODIFY = 1;
    static final int DELETE = 2;
    static final int ADD_LAST = 3;
    static final int ADD_FIRST = 4;

    private NetworkUpdate() {
    }

    /** Where a section's entries live in a {@code <network>}. */
    private enum Place {
        /** {@code <ip><dhcp>}: the {@code <ip>} picked by the parent index, as libvirt's virNetworkIPDefByIndex. */
        DHCP,
        /** {@code <dns>}, created when missing. */
        DNS,
        /** {@code <forward>}; without one (an isolated network) libvirt accepts the change and prints nothing of it. */
        FORWARD,
        /** The {@code <network>} element itself. */
        ROOT
    }

    /**
     * One identifying field of an entry: an attribute (or, for {@code hostname}, the texts of the
     * child elements), normalised so that equal values compare equal (MACs by their bytes,
     * addresses by their value). {@code missing} is the error when it is absent ({@code null}: optional).
     */
    private record Key(String name, Normaliser normaliser, Problem missing) {
        Object read(Element e, String net) {
            if (name.equals("hostname")) {
                List<String> names = new ArrayList<>();
                for (Element h : Xml.children(e, "hostname")) {
                    names.add(h.getTextContent());
                }
                return names.isEmpty() ? null : names;
            }
            String raw = e.hasAttribute(name) ? e.getAttribute(name) : null;
            if (raw == null) {
                if (missing != null) {
                    throw missing.error(net);
                }
                return null;
            }
            return normaliser.apply(raw, net);
        }
    }

    @FunctionalInterface
    private interface Normaliser {
        Object apply(String raw, String net);
    }

    /** An error whose message names the network. */
    private record Problem(ErrorCode code, String prefix, String format) {
        VirtException error(Object... args) {
            return new VirtException(code, ErrorDomain.NETWORK, prefix + String.format(format, args));
        }
    }

    private static Problem xmlError(String format) {
        return new Problem(ErrorCode.XML_ERROR, "XML error: ", format);
    }

    private static Problem xmlDetail(String format) {
        return new Problem(ErrorCode.XML_DETAIL, "", format);
    }

    private static Problem invalid(String format) {
        return new Problem(ErrorCode.OPERATION_INVALID, "Requested operation is not valid: ", format);
    }

    private static VirtException unsupported(String message) {
        return new VirtException(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.NETWORK,
                "Operation not supported: " + message);
    }

    private static final Normaliser AS_IS = (raw, net) -> raw;
    /** An address the dialect's parser has already accepted ({@code checkAlone}). */
    private static final Normaliser ADDRESS = (raw, net) -> IpAddress.tryParse(raw);

    private static Normaliser address(Problem invalid) {
        return (raw, net) -> {
            IpAddress a = IpAddress.tryParse(raw);
            if (a == null) {
                throw invalid.error(net);
            }
            return a;
        };
    }

    private static final Normaliser MAC = (raw, net) -> {
        int[] bytes = Mac.parse(raw);
        if (bytes == null) {
            throw xmlError("Cannot parse MAC address '%s' in network '%s'").error(raw, net);
        }
        if ((bytes[0] & 1) != 0) {
            throw xmlError("expected unicast mac address, found multicast '%s' in network '%s'").error(raw, net);
        }
        return Mac.format(bytes);
    };

    /** Some field the new entry gives is equal in the old one (a list shares an item). */
    private static BiPredicate<Entry, Entry> anyOf(String... keys) {
        return (neu, old) -> {
            for (String k : keys) {
                if (neu.given(k) && neu.same(k, old)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Every field the new entry gives is equal in the old one; {@code lenient} fields also match an old entry without them. */
    private static BiPredicate<Entry, Entry> allGiven(Set<String> lenient, String... keys) {
        return (neu, old) -> {
            for (String k : keys) {
                if (neu.given(k) && !neu.same(k, old) && !(lenient.contains(k) && !old.given(k))) {
                    return false;
                }
            }
            return true;
        };
    }

    /** An entry's identifying fields, in its section's key order. */
    private record Entry(Map<String, Object> fields, Element element) {
        boolean given(String k) {
            return fields.get(k) != null;
        }

        Object get(String k) {
            return fields.get(k);
        }

        String text(String k, String absent) {
            Object v = fields.get(k);
            return v == null ? absent : v.toString();
        }

        boolean same(String k, Entry o) {
            Object a = fields.get(k);
            Object b = o.fields.get(k);
            if (a instanceof List<?> la && b instanceof List<?> lb) {
                return la.stream().anyMatch(lb::contains);
            }
            return Objects.equals(a, b);
        }
    }

    /**
     * libvirt's virNetworkUpdateSection values. A section with no element is one libvirt cannot
     * update ("can't update 'label' section").
     */
    private enum Section {
        BRIDGE(1, "bridge"),
        DOMAIN(2, "domain"),
        IP(3, "ip"),
        IP_DHCP_HOST(4, "host", Place.DHCP, false, null,
                List.of(new Key("mac", MAC, null), new Key("name", AS_IS, null),
                        new Key("ip", address(xmlError("Invalid IP address in static host definition for network '%s'")), null)),
                anyOf("mac", "ip", "name"), anyOf("mac", "ip", "name"), allGiven(Set.of("mac"), "mac", "name", "ip"), false,
                "there is an existing dhcp host entry in network '%1$s' that matches \"<host mac='%2$s' name='%3$s' ip='%4$s'/>\"",
                "couldn't locate an existing dhcp host entry with \"mac='%2$s'\" \"name='%3$s'\" \"ip='%4$s'\" in network '%1$s'",
                "couldn't locate a matching dhcp host entry in network '%1$s'", null),
        IP_DHCP_RANGE(5, "range", Place.DHCP, false, "dhcp ranges cannot be modified, only added or deleted",
                List.of(new Key("start", ADDRESS, null), new Key("end", ADDRESS, null)),
                allGiven(Set.of(), "start", "end"), null, allGiven(Set.of(), "start", "end"), false,
                "there is an existing dhcp range entry in network '%1$s' that matches \"<range start='%2$s' end='%3$s'/>\"",
                null, "couldn't locate a matching dhcp range entry in network '%1$s'", null),
        FORWARD(6, "forward"),
        FORWARD_INTERFACE(7, "interface", Place.FORWARD, false,
                "forward interface entries cannot be modified, only added or deleted",
                List.of(new Key("dev", AS_IS, xmlError("missing dev attribute in <interface> element"))),
                anyOf("dev"), null, anyOf("dev"), false,
                "there is an existing interface entry in network '%1$s' that matches \"<interface dev='%2$s'>\"", null,
                "couldn't find an interface entry in network '%1$s' matching <interface dev='%2$s'>", null),
        FORWARD_PF(8, "forward pf"),
        PORTGROUP(9, "portgroup", Place.ROOT, false, null,
                List.of(new Key("name", AS_IS, xmlError("Missing required name attribute in portgroup")),
                        new Key("default", (raw, net) -> raw.toLowerCase(Locale.ROOT).equals("yes") ? "yes" : null,
                                null)),
                anyOf("name"), anyOf("name"), anyOf("name"), false,
                "there is an existing portgroup entry in network '%1$s' that matches \"<portgroup name='%2$s'>\"",
                "couldn't find a portgroup entry in network '%1$s' matching <portgroup name='%2$s'>",
                "couldn't find a portgroup entry in network '%1$s' matching <portgroup name='%2$s'>", null),
        DNS_HOST(10, "host", Place.DNS, true, "DNS HOST records cannot be modified, only added or deleted",
                List.of(new Key("ip", address(xmlDetail("Invalid IP address in network '%s' DNS HOST record")), null),
                        new Key("hostname", AS_IS, null)),
                anyOf("ip"), null, anyOf("ip", "hostname"), true,
                "there is already at least one DNS HOST record with a matching field in network %1$s", null,
                "couldn't locate a matching DNS HOST record in network %1$s",
                "multiple matching DNS HOST records were found in network %1$s"),
        DNS_TXT(11, "txt", Place.DNS, true, "DNS TXT records cannot be modified, only added or deleted",
                List.of(new Key("name", AS_IS, xmlDetail("missing required name attribute in DNS TXT record of network %s"))),
                anyOf("name"), null, anyOf("name"), false,
                "there is already a DNS TXT record with name '%2$s' in network %1$s", null,
                "couldn't locate a matching DNS TXT record in network %1$s", null),
        DNS_SRV(12, "srv", Place.DNS, true, "DNS SRV records cannot be modified, only added or deleted",
                List.of(new Key("service", AS_IS, null), new Key("protocol", AS_IS, null),
                        new Key("domain", AS_IS, null), new Key("target", AS_IS, null)),
                allGiven(Set.of(), "domain", "service", "protocol", "target"), null,
                allGiven(Set.of(), "domain", "service", "protocol", "target"), true,
                "there is already at least one DNS SRV record matching all specified fields in network %1$s", null,
                "couldn't locate a matching DNS SRV record in network %1$s",
                "multiple DNS SRV records matching all specified fields were found in network %1$s");

        final int code;
        final String label;
        final String element;
        final Place place;
        /** libvirt 9.0 refuses MODIFY of the DNS records before it looks at the element. */
        final boolean modifyCheckedFirst;
        final String noModify;
        final List<Key> keys;
        final BiPredicate<Entry, Entry> clash;
        final BiPredicate<Entry, Entry> modifies;
        final BiPredicate<Entry, Entry> deletes;
        /** A delete that matches more than one entry is refused. */
        final boolean deleteMustBeUnique;
        final String clashMessage;
        final String modifyMissing;
        final String deleteMissing;
        final String deleteMultiple;

        Section(int code, String label) {
            this(code, label, null, false, null, List.<Key>of(), null, null, null, false, null, null, null, null);
        }

        Section(int code, String element, Place place, boolean modifyCheckedFirst, String noModify, List<Key> keys,
                BiPredicate<Entry, Entry> clash, BiPredicate<Entry, Entry> modifies, BiPredicate<Entry, Entry> deletes,
                boolean deleteMustBeUnique, String clashMessage, String modifyMissing, String deleteMissing,
                String deleteMultiple) {
            this.code = code;
            this.label = place == null ? element : null;
            this.element = place == null ? null : element;
            this.place = place;
            this.modifyCheckedFirst = modifyCheckedFirst;
            this.noModify = noModify;
            this.keys = keys;
            this.clash = clash;
            this.modifies = modifies;
            this.deletes = deletes;
            this.deleteMustBeUnique = deleteMustBeUnique;
            this.clashMessage = clashMessage;
            this.modifyMissing = modifyMissing;
            this.deleteMissing = deleteMissing;
            this.deleteMultiple = deleteMultiple;
        }

        static Section of(int code) {
            for (Section s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            throw unsupported("can't update unrecognized section of network");
        }

        Entry entry(Element e, String net) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Key k : keys) {
                fields.put(k.name(), k.read(e, net));
            }
            return new Entry(fields, e);
        }

        /** The message's arguments: the network name, then the entry's fields as libvirt prints them. */
        Object[] describe(String net, Entry e) {
            List<Object> args = new ArrayList<>();
            args.add(net);
            for (Key k : keys) {
                // libvirt prints a MAC as written, an address as it formats it, an absent MAC or
                // address as "unknown" and an absent name as "(null)"
                Object v = e.get(k.name());
                if (v == null) {
                    args.add(k.normaliser() == AS_IS ? "(null)" : "unknown");
                } else {
                    args.add(k.normaliser() == MAC ? e.element().getAttribute(k.name()) : v.toString());
                }
            }
            return args.toArray();
        }
    }

    /**
     * Applies one update to {@code def}: the live definition, or the persistent one formatted
     * inactive ({@code inactive}). Throws libvirt's error and changes nothing when it is refused.
     */
    static NetworkDef apply(NetworkDef def, boolean inactive, int command, int sectionCode, int parentIndex,
            String xml) {
        Element update = parseUpdate(xml);
        Section section = Section.of(sectionCode);
        String net = def.name();
        if (section.place == null) {
            throw unsupported("can't update '" + section.label + "' section of network '" + net + "'");
        }
        if (section.modifyCheckedFirst && command == MODIFY && section.noModify != null) {
            throw unsupported(section.noModify);
        }
        if (!section.element.equals(update.getLocalName())) {
            throw xmlError("unexpected element <%s>, expecting <%s>, while updating network '%s'")
                    .error(update.getLocalName(), section.element, net);
        }
        Element root = SecureXml.parseAnyRoot(
                inactive ? def.format(EnumSet.of(NetworkXMLFlag.INACTIVE)) : def.format(), "network_definition");
        Element ip = section.place == Place.DHCP ? ipByIndex(root, parentIndex, net) : null;
        if (command == MODIFY && section.noModify != null) {
            throw unsupported(section.noModify);
        }
        // libvirt parses a DELETE's element partially (only what identifies it), except ranges and portgroups
        if (command != DELETE || section == Section.IP_DHCP_RANGE || section == Section.PORTGROUP) {
            checkAlone(section, root, ip, update);
        }
        Entry neu = section.entry(update, net);
        if (ip != null && (command != DELETE || section == Section.IP_DHCP_RANGE)) {
            Object addr = neu.get(section == Section.IP_DHCP_RANGE ? "start" : "ip");
            if (addr instanceof IpAddress a && a.v6() != isV6(ip)) {
                throw invalid("the address family of a %s must match the address family of the dhcp element's parent")
                        .error(section == Section.IP_DHCP_RANGE ? "dhcp range" : "host entry IP");
            }
        }
        Element container = container(section.place, root, ip);
        List<Entry> existing = new ArrayList<>();
        for (Element e : Xml.children(container, section.element)) {
            existing.add(section.entry(e, net));
        }
        Element imported = (Element) root.getOwnerDocument().importNode(update, true);
        switch (command) {
            case ADD_FIRST, ADD_LAST -> {
                if (ip != null) {
                    checkSingleDhcp(root, ip);
                }
                for (Entry old : existing) {
                    if (section.clash.test(neu, old)) {
                        throw invalid(section.clashMessage).error(section.describe(net, neu));
                    }
                }
                checkOneDefault(section, neu, existing, null, net);
                if (command == ADD_FIRST && !existing.isEmpty()) {
                    container.insertBefore(imported, existing.get(0).element());
                } else if (!existing.isEmpty()) {
                    container.insertBefore(imported, existing.get(existing.size() - 1).element().getNextSibling());
                } else {
                    container.appendChild(imported);
                }
            }
            case MODIFY -> {
                Entry found = existing.stream().filter(old -> section.modifies.test(neu, old)).findFirst()
                        .orElseThrow(() -> invalid(section.modifyMissing).error(section.describe(net, neu)));
                checkOneDefault(section, neu, existing, found, net);
                container.replaceChild(imported, found.element());
            }
            case DELETE -> {
                List<Entry> found = existing.stream().filter(old -> section.deletes.test(neu, old)).toList();
                if (found.isEmpty()) {
                    throw invalid(section.deleteMissing).error(section.describe(net, neu));
                }
                if (found.size() > 1 && section.deleteMustBeUnique) {
                    throw invalid(section.deleteMultiple).error(net);
                }
                container.removeChild(found.get(0).element());
            }
            default -> throw unsupported("unrecognized network update command code " + command);
        }
        if (section.place == Place.FORWARD) {
            // the dev attribute repeats the first <interface>: let the interfaces alone say it
            container.removeAttribute("dev");
        }
        return NetworkDef.parse(serialize(root.getOwnerDocument()));
    }

    /** The update document: libvirt reports a malformed one as VIR_ERR_XML_DETAIL of "network_update_xml". */
    private static Element parseUpdate(String xml) {
        return SecureXml.parseAnyRoot(xml, "network_update_xml");
    }

    /**
     * The new element parsed on its own by the dialect, in a network holding only what it needs
     * (name, and the {@code <ip>} for DHCP entries), so it is refused with the parser's own message
     * before any matching, as libvirt parses it first.
     */
    private static void checkAlone(Section section, Element root, Element ip, Element update) {
        if (section.place == Place.FORWARD) {
            return; // an <interface> has only its dev, checked as a key
        }
        Document doc = root.getOwnerDocument().getImplementation().createDocument(null, "network", null);
        Element scratch = doc.getDocumentElement();
        scratch.appendChild(doc.importNode(Xml.children(root, "name").get(0), true));
        Element parent = scratch;
        if (section.place == Place.DHCP) {
            Element ipCopy = (Element) doc.importNode(ip, false);
            scratch.appendChild(ipCopy);
            parent = (Element) ipCopy.appendChild(doc.createElement("dhcp"));
        } else if (section.place == Place.DNS) {
            parent = (Element) scratch.appendChild(doc.createElement("dns"));
        }
        parent.appendChild(doc.importNode(update, true));
        NetworkDef.parse(serialize(doc));
    }

    /** libvirt's virNetworkIPDefByIndex: the indexed {@code <ip>}, or the one with DHCP, else the first IPv4, else IPv6. */
    private static Element ipByIndex(Element root, int parentIndex, String net) {
        List<Element> ips = Xml.children(root, "ip");
        if (parentIndex >= 0) {
            if (parentIndex >= ips.size()) {
                throw invalid("couldn't update dhcp host entry - no <ip> element found at index %d in network '%s'")
                        .error(parentIndex, net);
            }
            return ips.get(parentIndex);
        }
        for (Element ip : ips) {
            if (hasDhcp(ip)) {
                return ip;
            }
        }
        for (boolean v6 : new boolean[] { false, true }) {
            for (Element ip : ips) {
                if (isV6(ip) == v6) {
                    return ip;
                }
            }
        }
        throw invalid("couldn't update dhcp host entry - no <ip> element found in network '%s'").error(net);
    }

    private static boolean hasDhcp(Element ip) {
        return Xml.child(ip, "dhcp").map(d -> !Xml.children(d, "range").isEmpty() || !Xml.children(d, "host").isEmpty())
                .orElse(false);
    }

    private static boolean isV6(Element ip) {
        IpAddress a = IpAddress.tryParse(ip.getAttribute("address"));
        return a != null && a.v6();
    }

    /** DHCP serves one address of each family: another {@code <ip>} of the family must have none. */
    private static void checkSingleDhcp(Element root, Element ip) {
        for (Element other : Xml.children(root, "ip")) {
            if (other != ip && isV6(other) == isV6(ip) && hasDhcp(other)) {
                throw invalid("dhcp is supported only for a single %s address on each network")
                        .error(isV6(ip) ? "IPv6" : "IPv4");
            }
        }
    }

    /** Portgroups: a new or modified default must not take the place of another default. */
    private static void checkOneDefault(Section section, Entry neu, List<Entry> existing, Entry replaced, String net) {
        if (section != Section.PORTGROUP || !neu.given("default")) {
            return;
        }
        for (Entry old : existing) {
            if (old.given("default") && old != replaced) {
                throw invalid("a different portgroup entry in network '%s' is already set as the default. "
                        + "Only one default is allowed.").error(net);
            }
        }
    }

    private static Element container(Place place, Element root, Element ip) {
        return switch (place) {
            case DHCP -> childOrNew(ip, "dhcp");
            case DNS -> childOrNew(root, "dns");
            case FORWARD -> Xml.child(root, "forward").orElseGet(() -> root.getOwnerDocument().createElement("forward"));
            case ROOT -> root;
        };
    }

    private static Element childOrNew(Element parent, String name) {
        return Xml.child(parent, name)
                .orElseGet(() -> (Element) parent.appendChild(parent.getOwnerDocument().createElement(name)));
    }

    private static String serialize(Document doc) {
        try {
            TransformerFactory f = TransformerFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer t = f.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK,
                    "internal error: cannot format the updated network: " + e.getMessage(), e);
        }
    }
}
