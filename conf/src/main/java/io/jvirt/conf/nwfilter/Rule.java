package io.jvirt.conf.nwfilter;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.conf.nwfilter.Value.IpsetFlag;
import io.jvirt.conf.nwfilter.Value.IpsetFlags;
import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <rule action='accept' direction='in' priority='500'>} with at most one kind of protocol
 * element. All elements of that kind inside the rule add to the same set of attributes, as in
 * libvirt, so the model keeps one map: attribute to value and whether {@code match='no'}
 * applies to it.
 *
 * @param priority  -1000..1000; libvirt's default is 500
 * @param stateMatch false for {@code statematch='false'}
 * @param protocol  the protocol element, or null for a rule without one
 * @param matches   the protocol element's attributes, in {@link Protocol#fields()} order
 */
public record Rule(Action action, Direction direction, int priority, boolean stateMatch, Protocol protocol,
        Map<Field, Match> matches) implements FilterEntry {

    public static final int DEFAULT_PRIORITY = 500;
    public static final int MIN_PRIORITY = -1000;
    public static final int MAX_PRIORITY = 1000;

    public Rule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(direction, "direction");
        EnumMap<Field, Match> copy = new EnumMap<>(Field.class);
        copy.putAll(matches);
        LinkedHashMap<Field, Match> ordered = new LinkedHashMap<>();
        if (protocol != null) {
            for (Field f : protocol.fields()) {
                Match m = copy.remove(f);
                if (m != null) {
                    ordered.put(f, m);
                }
            }
        }
        if (!copy.isEmpty()) {
            throw new IllegalArgumentException("attributes " + copy.keySet() + " are not part of <"
                    + (protocol == null ? "no protocol" : protocol.xmlName()) + ">");
        }
        matches = Collections.unmodifiableMap(ordered);
    }

    /** One attribute's value, and whether the rule matches when it does not hold ({@code match='no'}). */
    public record Match(Value value, boolean negated) {
        public Match {
            Objects.requireNonNull(value, "value");
        }
    }

    /** What the rule does with matching traffic. */
    public enum Action {
        DROP, ACCEPT, REJECT, RETURN, CONTINUE;

        public String xmlName() {
            return Xml.xmlName(this);
        }
    }

    /** Which traffic the rule sees, relative to the guest. */
    public enum Direction {
        IN, OUT, INOUT;

        public String xmlName() {
            return Xml.xmlName(this);
        }
    }

    static Rule parse(Element e) {
        Action action = parseEnum(e, "action", Action.class, "rule node requires action attribute",
                "unknown rule action attribute value");
        Direction direction = parseEnum(e, "direction", Direction.class, "rule node requires direction attribute",
                "unknown rule direction attribute value");
        int priority = DEFAULT_PRIORITY;
        String prio = Xml.attr(e, "priority");
        if (prio != null) {
            Integer p = NumberText.toInt(prio);
            if (p != null && p >= MIN_PRIORITY && p <= MAX_PRIORITY) {
                priority = p;
            }
        }
        String statematch = Xml.attr(e, "statematch");
        boolean stateMatch = !(statematch != null && (statematch.equals("0") || isAsciiFalse(statematch)));

        // the first element naming a protocol decides; later elements of other names are ignored
        Protocol protocol = null;
        EnumMap<Field, Match> matches = new EnumMap<>(Field.class);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            Protocol p = Protocol.fromXml(localName(child));
            if (p == null || (protocol != null && p != protocol)) {
                continue;
            }
            protocol = p;
            parseProtocolElement(child, p, matches);
            checkPorts(p, matches);
        }
        if (protocol != null) {
            fixup(protocol, matches);
        }
        return new Rule(action, direction, priority, stateMatch, protocol, matches);
    }

    void format(XmlWriter w) {
        w.open("rule").attr("action", action.xmlName()).attr("direction", direction.xmlName())
                .attr("priority", priority);
        if (!stateMatch) {
            w.attr("statematch", "false");
        }
        if (protocol != null) {
            formatProtocolElements(w);
        }
        w.close();
    }

    /** Reads one protocol element into {@code matches}; libvirt reports the last bad attribute. */
    private static void parseProtocolElement(Element e, Protocol p, Map<Field, Match> matches) {
        boolean negated = "no".equals(Xml.attr(e, "match"));
        String error = null;
        for (Field f : p.fields()) {
            String raw = Xml.attr(e, f.xmlName());
            if (raw == null) {
                continue;
            }
            Value v = f.read(raw);
            if (v == null) {
                error = f.xmlName() + " has illegal value " + raw;
                continue;
            }
            matches.put(f, new Match(v, negated));
        }
        if (error != null) {
            throw NWFilterErrors.internal(error);
        }
    }

    /**
     * libvirt writes the attributes in table order and starts a new element each time
     * {@code match='no'} switches on or off, so one element can come back as several.
     */
    private void formatProtocolElements(XmlWriter w) {
        String name = protocol.xmlName();
        if (matches.isEmpty()) {
            w.open(name).close();
            return;
        }
        Boolean openNegated = null;
        for (Map.Entry<Field, Match> m : matches.entrySet()) {
            boolean neg = m.getValue().negated();
            if (openNegated != null && openNegated != neg) {
                w.close();
                openNegated = null;
            }
            if (openNegated == null) {
                w.open(name);
                if (neg) {
                    w.attr("match", "no");
                }
                openNegated = neg;
            }
            w.attr(m.getKey().xmlName(), m.getKey().write(m.getValue().value()));
        }
        w.close();
    }

    /** An {@code <ip>}/{@code <ipv6>} rule with ports must name a protocol that has ports. */
    private static void checkPorts(Protocol p, Map<Field, Match> matches) {
        if (p != Protocol.IP && p != Protocol.IPV6) {
            return;
        }
        if (!matches.containsKey(Field.SRC_PORT_START) && !matches.containsKey(Field.SRC_PORT_END)
                && !matches.containsKey(Field.DST_PORT_START) && !matches.containsKey(Field.DST_PORT_END)) {
            return;
        }
        Match proto = matches.get(Field.IP_PROTOCOL);
        long n = proto == null ? -1 : Field.protocolNumber(proto.value());
        if (n != 6 && n != 17 && n != 33 && n != 132) {
            throw NWFilterErrors.internal((p == Protocol.IP ? "IP" : "IPv6")
                    + " rule with port specification requires protocol specification with protocol to be "
                    + "either one of tcp(6), udp(17), dccp(33), or sctp(132)");
        }
    }

    /** libvirt's fix-ups after parsing: inherited {@code match='no'} and the ipset flags. */
    private static void fixup(Protocol p, Map<Field, Match> matches) {
        Protocol.Group g = p.group();
        for (int i = 0; i < g.negationPairs.size(); i += 2) {
            Field target = p.field(g.negationPairs.get(i));
            Field source = p.field(g.negationPairs.get(i + 1));
            Match t = matches.get(target);
            if (t != null) {
                Match s = matches.get(source);
                matches.put(target, new Match(t.value(), s != null && s.negated()));
            }
        }
        if (g.ipsetFixup) {
            if (matches.containsKey(Field.IPSET) && !matches.containsKey(Field.IPSET_FLAGS)) {
                matches.put(Field.IPSET_FLAGS, new Match(new IpsetFlags(java.util.List.of(IpsetFlag.SRC)), false));
            } else {
                // libvirt drops the pair when both are given (and lone flags)
                matches.remove(Field.IPSET);
                matches.remove(Field.IPSET_FLAGS);
            }
        }
    }

    private static <E extends Enum<E>> E parseEnum(Element e, String attr, Class<E> type, String missing,
            String unknown) {
        String v = Xml.attr(e, attr);
        if (v == null) {
            throw NWFilterErrors.internal(missing);
        }
        for (E c : type.getEnumConstants()) {
            if (Xml.xmlName(c).equals(v)) {
                return c;
            }
        }
        throw NWFilterErrors.configUnsupported(unknown);
    }

    /** "false" in any ASCII case (C's strcasecmp, which knows no other letters). */
    private static boolean isAsciiFalse(String s) {
        return s.length() == 5 && s.chars().allMatch(c -> c < 0x80) && s.equalsIgnoreCase("false");
    }

    static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}
