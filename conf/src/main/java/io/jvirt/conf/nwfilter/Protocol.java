package io.jvirt.conf.nwfilter;

import static io.jvirt.conf.nwfilter.Field.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The protocol elements of a rule ({@code <tcp>}, {@code <arp>}, {@code <all-ipv6>}, ...), each
 * with its attributes in the order libvirt writes them, and the fix-ups libvirt applies after
 * reading them: which attribute takes its {@code match='no'} from which, and whether a lone
 * {@code ipset} gets {@code ipsetflags='src'}.
 */
public enum Protocol {
    MAC("mac", Group.ETHERNET, fields(SRC_MAC_ADDR, SRC_MAC_MASK, DST_MAC_ADDR, DST_MAC_MASK, MAC_PROTOCOL_ID,
            COMMENT)),
    VLAN("vlan", Group.ETHERNET, fields(SRC_MAC_ADDR, SRC_MAC_MASK, DST_MAC_ADDR, DST_MAC_MASK, VLAN_ID,
            VLAN_ENCAP_PROTOCOL, COMMENT)),
    STP("stp", Group.STP, fields(SRC_MAC_ADDR, SRC_MAC_MASK, STP_TYPE, STP_FLAGS, ROOT_PRIORITY, ROOT_PRIORITY_HI,
            ROOT_ADDRESS, ROOT_ADDRESS_MASK, ROOT_COST, ROOT_COST_HI, SENDER_PRIORITY, SENDER_PRIORITY_HI,
            SENDER_ADDRESS, SENDER_ADDRESS_MASK, PORT, PORT_HI, AGE, AGE_HI, MAX_AGE, MAX_AGE_HI, HELLO_TIME,
            HELLO_TIME_HI, FORWARD_DELAY, FORWARD_DELAY_HI, COMMENT)),
    ARP("arp", Group.ARP, arp()),
    RARP("rarp", Group.ARP, arp()),
    IP("ip", Group.IP, fields(SRC_MAC_ADDR, SRC_MAC_MASK, DST_MAC_ADDR, DST_MAC_MASK, SRC_IP_ADDR, SRC_IP_MASK,
            DST_IP_ADDR, DST_IP_MASK, IP_PROTOCOL, SRC_PORT_START, SRC_PORT_END, DST_PORT_START, DST_PORT_END, DSCP,
            COMMENT)),
    IPV6("ipv6", Group.IPV6, fields(SRC_MAC_ADDR, SRC_MAC_MASK, DST_MAC_ADDR, DST_MAC_MASK, SRC_IPV6_ADDR,
            SRC_IPV6_MASK, DST_IPV6_ADDR, DST_IPV6_MASK, IP_PROTOCOL, SRC_PORT_START, SRC_PORT_END, DST_PORT_START,
            DST_PORT_END, ICMP_TYPE, ICMP_TYPE_END, ICMP_CODE, ICMP_CODE_END, COMMENT)),
    TCP("tcp", Group.PORTS, ip(false, true, TCP_OPTION, TCP_FLAGS)),
    UDP("udp", Group.PORTS, ip(false, true)),
    UDPLITE("udplite", Group.L4, ip(false, false)),
    ESP("esp", Group.L4, ip(false, false)),
    AH("ah", Group.L4, ip(false, false)),
    SCTP("sctp", Group.PORTS, ip(false, true)),
    ICMP("icmp", Group.ICMP, ip(false, false, ICMP_TYPE, ICMP_CODE)),
    ALL("all", Group.ALL, ip(false, false)),
    IGMP("igmp", Group.L4, ip(false, false)),
    TCP_IPV6("tcp-ipv6", Group.PORTS, ip(true, true, TCP_OPTION)),
    UDP_IPV6("udp-ipv6", Group.PORTS, ip(true, true)),
    UDPLITE_IPV6("udplite-ipv6", Group.L4, ip(true, false)),
    ESP_IPV6("esp-ipv6", Group.L4, ip(true, false)),
    AH_IPV6("ah-ipv6", Group.L4, ip(true, false)),
    SCTP_IPV6("sctp-ipv6", Group.PORTS, ip(true, true)),
    ICMPV6("icmpv6", Group.ICMP, ip(true, false, ICMP_TYPE, ICMP_CODE)),
    ALL_IPV6("all-ipv6", Group.ALL, ip(true, false));

    /**
     * Families of elements that libvirt fixes up alike after parsing. Each pair is (attribute,
     * attribute whose {@code match='no'} it takes, by XML name); {@code ipsetFixup} says whether
     * a lone {@code ipset} gets {@code ipsetflags='src'} and any other combination is dropped.
     */
    enum Group {
        ETHERNET(false, "srcmacmask", "srcmacaddr", "dstmacmask", "dstmacaddr"),
        STP(false, "srcmacmask", "srcmacaddr", "root-priority-hi", "root-priority", "root-address-mask",
                "root-address", "root-cost-hi", "root-cost", "sender-priority-hi", "sender-priority",
                "sender-address-mask", "sender-address", "port-hi", "port", "age-hi", "age", "max-age-hi", "max-age",
                "hello-time-hi", "hello-time", "forward-delay-hi", "forward-delay"),
        ARP(false),
        IP(true, "srcipmask", "srcipaddr", "dstipmask", "dstipaddr"),
        IPV6(true, "srcipmask", "srcipaddr", "dstipmask", "dstipaddr", "typeend", "type", "code", "type",
                "codeend", "type"),
        PORTS(true, "srcipmask", "srcipaddr", "dstipmask", "dstipaddr", "srcipto", "srcipfrom", "dstipto",
                "dstipfrom", "srcportend", "srcportstart", "dstportstart", "srcportstart", "dstportend",
                "srcportstart"),
        L4(true, "srcipmask", "srcipaddr", "dstipmask", "dstipaddr", "srcipto", "srcipfrom", "dstipto",
                "dstipfrom"),
        ICMP(true, "srcipmask", "srcipaddr", "dstipmask", "dstipaddr", "srcipto", "srcipfrom", "dstipto",
                "dstipfrom", "code", "type"),
        ALL(false, "srcipmask", "srcipaddr", "dstipmask", "dstipaddr", "srcipto", "srcipfrom", "dstipto",
                "dstipfrom");

        final boolean ipsetFixup;
        final List<String> negationPairs;

        Group(boolean ipsetFixup, String... pairs) {
            this.ipsetFixup = ipsetFixup;
            this.negationPairs = List.of(pairs);
        }
    }

    private final String xmlName;
    private final Group group;
    private final List<Field> fields;

    Protocol(String xmlName, Group group, List<Field> fields) {
        this.xmlName = xmlName;
        this.group = group;
        this.fields = fields;
    }

    public String xmlName() {
        return xmlName;
    }

    /** The element's attributes, in the order libvirt reads and writes them. */
    public List<Field> fields() {
        return fields;
    }

    Group group() {
        return group;
    }

    /** The attribute of this element with that XML name, or null. */
    Field field(String name) {
        for (Field f : fields) {
            if (f.xmlName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The element named {@code name}, or null. */
    public static Protocol fromXml(String name) {
        for (Protocol p : values()) {
            if (p.xmlName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static List<Field> fields(Field... f) {
        return List.of(f);
    }

    private static List<Field> arp() {
        return fields(SRC_MAC_ADDR, SRC_MAC_MASK, DST_MAC_ADDR, DST_MAC_MASK, HW_TYPE, PROTOCOL_TYPE, OPCODE,
                ARP_SRC_MAC_ADDR, ARP_DST_MAC_ADDR, ARP_SRC_IP_ADDR, ARP_SRC_IP_MASK, ARP_DST_IP_ADDR,
                ARP_DST_IP_MASK, GRATUITOUS, COMMENT);
    }

    /** The attributes common to the layer-4 elements, then ports, then {@code extra}, then the comment. */
    private static List<Field> ip(boolean v6, boolean ports, Field... extra) {
        List<Field> l = new ArrayList<>();
        l.add(SRC_MAC_ADDR);
        if (v6) {
            l.addAll(List.of(SRC_IPV6_ADDR, SRC_IPV6_MASK, DST_IPV6_ADDR, DST_IPV6_MASK, SRC_IPV6_FROM, SRC_IPV6_TO,
                    DST_IPV6_FROM));
        } else {
            l.addAll(List.of(SRC_IP_ADDR, SRC_IP_MASK, DST_IP_ADDR, DST_IP_MASK, SRC_IP_FROM, SRC_IP_TO,
                    DST_IP_FROM));
        }
        l.addAll(List.of(DST_IP_TO, DSCP, CONNLIMIT_ABOVE, STATE, IPSET, IPSET_FLAGS));
        if (ports) {
            l.addAll(List.of(SRC_PORT_START, SRC_PORT_END, DST_PORT_START, DST_PORT_END));
        }
        l.addAll(List.of(extra));
        l.add(COMMENT);
        return List.copyOf(l);
    }
}
