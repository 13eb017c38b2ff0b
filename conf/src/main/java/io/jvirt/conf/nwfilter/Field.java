package io.jvirt.conf.nwfilter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.jvirt.conf.nwfilter.Value.Flag;
import io.jvirt.conf.nwfilter.Value.IpAddress;
import io.jvirt.conf.nwfilter.Value.IpsetFlag;
import io.jvirt.conf.nwfilter.Value.IpsetFlags;
import io.jvirt.conf.nwfilter.Value.MacAddress;
import io.jvirt.conf.nwfilter.Value.Number;
import io.jvirt.conf.nwfilter.Value.Prefix;
import io.jvirt.conf.nwfilter.Value.State;
import io.jvirt.conf.nwfilter.Value.States;
import io.jvirt.conf.nwfilter.Value.TcpFlags;
import io.jvirt.conf.nwfilter.Value.Text;
import io.jvirt.conf.nwfilter.Value.Variable;

/**
 * An attribute of a rule's protocol element, with the value types libvirt tries for it. Some
 * XML names mean different things in different elements ({@code srcipaddr} is IPv4 in
 * {@code <tcp>} and IPv6 in {@code <tcp-ipv6>}, {@code flags} is a number in {@code <stp>} and
 * TCP flags in {@code <tcp>}), so they are distinct constants with the same {@link #xmlName()}.
 * <p>
 * {@link #read} and {@link #write} are the parse and format of one attribute value, side by side.
 */
public enum Field {
    SRC_MAC_ADDR("srcmacaddr", Check.NONE, Type.MACADDR),
    SRC_MAC_MASK("srcmacmask", Check.NONE, Type.MACMASK),
    DST_MAC_ADDR("dstmacaddr", Check.NONE, Type.MACADDR),
    DST_MAC_MASK("dstmacmask", Check.NONE, Type.MACMASK),
    MAC_PROTOCOL_ID("protocolid", Check.ETHERTYPE, Type.UINT16, Type.UINT16_HEX, Type.STRING),
    VLAN_ID("vlanid", Check.VLAN_ID, Type.UINT16, Type.UINT16_HEX),
    VLAN_ENCAP_PROTOCOL("encap-protocol", Check.VLAN_ENCAP, Type.UINT16, Type.UINT16_HEX, Type.STRING),

    STP_TYPE("type", Check.NONE, Type.UINT8, Type.UINT8_HEX),
    STP_FLAGS("flags", Check.NONE, Type.UINT8, Type.UINT8_HEX),
    ROOT_PRIORITY("root-priority", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    ROOT_PRIORITY_HI("root-priority-hi", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    ROOT_ADDRESS("root-address", Check.NONE, Type.MACADDR),
    ROOT_ADDRESS_MASK("root-address-mask", Check.NONE, Type.MACMASK),
    ROOT_COST("root-cost", Check.NONE, Type.UINT32, Type.UINT32_HEX),
    ROOT_COST_HI("root-cost-hi", Check.NONE, Type.UINT32, Type.UINT32_HEX),
    SENDER_PRIORITY("sender-priority", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    SENDER_PRIORITY_HI("sender-priority-hi", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    SENDER_ADDRESS("sender-address", Check.NONE, Type.MACADDR),
    SENDER_ADDRESS_MASK("sender-address-mask", Check.NONE, Type.MACMASK),
    PORT("port", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    PORT_HI("port-hi", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    AGE("age", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    AGE_HI("age-hi", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    MAX_AGE("max-age", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    MAX_AGE_HI("max-age-hi", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    HELLO_TIME("hello-time", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    HELLO_TIME_HI("hello-time-hi", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    FORWARD_DELAY("forward-delay", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    FORWARD_DELAY_HI("forward-delay-hi", Check.NONE, Type.UINT16, Type.UINT16_HEX),

    HW_TYPE("hwtype", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    PROTOCOL_TYPE("protocoltype", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    OPCODE("opcode", Check.ARP_OPCODE, Type.UINT16, Type.UINT16_HEX, Type.STRING),
    ARP_SRC_MAC_ADDR("arpsrcmacaddr", Check.NONE, Type.MACADDR),
    ARP_DST_MAC_ADDR("arpdstmacaddr", Check.NONE, Type.MACADDR),
    ARP_SRC_IP_ADDR("arpsrcipaddr", Check.NONE, Type.IPADDR),
    ARP_SRC_IP_MASK("arpsrcipmask", Check.NONE, Type.IPMASK),
    ARP_DST_IP_ADDR("arpdstipaddr", Check.NONE, Type.IPADDR),
    ARP_DST_IP_MASK("arpdstipmask", Check.NONE, Type.IPMASK),
    GRATUITOUS("gratuitous", Check.NONE, Type.BOOLEAN),

    SRC_IP_ADDR("srcipaddr", Check.NONE, Type.IPADDR),
    SRC_IP_MASK("srcipmask", Check.NONE, Type.IPMASK),
    DST_IP_ADDR("dstipaddr", Check.NONE, Type.IPADDR),
    DST_IP_MASK("dstipmask", Check.NONE, Type.IPMASK),
    SRC_IP_FROM("srcipfrom", Check.NONE, Type.IPADDR),
    SRC_IP_TO("srcipto", Check.NONE, Type.IPADDR),
    DST_IP_FROM("dstipfrom", Check.NONE, Type.IPADDR),
    /** Always IPv4, also in the {@code -ipv6} elements: libvirt declares it so. */
    DST_IP_TO("dstipto", Check.NONE, Type.IPADDR),
    SRC_IPV6_ADDR("srcipaddr", Check.NONE, Type.IPV6ADDR),
    SRC_IPV6_MASK("srcipmask", Check.NONE, Type.IPV6MASK),
    DST_IPV6_ADDR("dstipaddr", Check.NONE, Type.IPV6ADDR),
    DST_IPV6_MASK("dstipmask", Check.NONE, Type.IPV6MASK),
    SRC_IPV6_FROM("srcipfrom", Check.NONE, Type.IPV6ADDR),
    SRC_IPV6_TO("srcipto", Check.NONE, Type.IPV6ADDR),
    DST_IPV6_FROM("dstipfrom", Check.NONE, Type.IPV6ADDR),
    IP_PROTOCOL("protocol", Check.IP_PROTOCOL, Type.UINT8, Type.UINT8_HEX, Type.STRING),
    SRC_PORT_START("srcportstart", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    SRC_PORT_END("srcportend", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    DST_PORT_START("dstportstart", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    DST_PORT_END("dstportend", Check.NONE, Type.UINT16, Type.UINT16_HEX),
    DSCP("dscp", Check.DSCP, Type.UINT8, Type.UINT8_HEX),
    CONNLIMIT_ABOVE("connlimit-above", Check.NONE, Type.UINT16),
    STATE("state", Check.STATE, Type.STRING),
    IPSET("ipset", Check.IPSET, Type.IPSETNAME),
    IPSET_FLAGS("ipsetflags", Check.IPSET_FLAGS, Type.IPSETFLAGS),
    TCP_OPTION("option", Check.NONE, Type.UINT8, Type.UINT8_HEX),
    TCP_FLAGS("flags", Check.TCP_FLAGS, Type.STRING),
    ICMP_TYPE("type", Check.NONE, Type.UINT8, Type.UINT8_HEX),
    ICMP_TYPE_END("typeend", Check.NONE, Type.UINT8, Type.UINT8_HEX),
    ICMP_CODE("code", Check.NONE, Type.UINT8, Type.UINT8_HEX),
    ICMP_CODE_END("codeend", Check.NONE, Type.UINT8, Type.UINT8_HEX),

    COMMENT("comment", Check.NONE, Type.STRINGCOPY);

    /** libvirt keeps at most this many bytes of a comment. */
    static final int MAX_COMMENT_BYTES = 256;
    /** An ipset name is shorter than this many bytes. */
    static final int MAX_IPSET_NAME = 32;
    private static final String IPSET_NAME_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-+ ";
    static final String VARIABLE_NAME_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    /** The largest iterator id of {@code $NAME[@id]}. */
    static final int MAX_ITERATOR_ID = 1000;

    /** The ways libvirt tries to read a value, in the order it tries them. */
    private enum Type {
        UINT16, UINT8, UINT16_HEX, UINT8_HEX, MACADDR, MACMASK, IPADDR, IPMASK, STRING, IPV6ADDR, IPV6MASK,
        STRINGCOPY, BOOLEAN, UINT32, UINT32_HEX, IPSETNAME, IPSETFLAGS
    }

    /** The check (and for symbolic names, translation) applied after a value was read. */
    private enum Check {
        NONE, ETHERTYPE, VLAN_ID, VLAN_ENCAP, ARP_OPCODE, IP_PROTOCOL, DSCP, STATE, TCP_FLAGS, IPSET, IPSET_FLAGS
    }

    /** A symbolic name for a number. */
    private record Name(int value, String name) {
    }

    private static final List<Name> ETHERTYPES = List.of(new Name(0x0806, "arp"), new Name(0x8035, "rarp"),
            new Name(0x0800, "ipv4"), new Name(0x86dd, "ipv6"), new Name(0x8100, "vlan"));
    private static final List<Name> ARP_OPCODES = List.of(new Name(1, "Request"), new Name(2, "Reply"),
            new Name(3, "Request_Reverse"), new Name(4, "Reply_Reverse"), new Name(5, "DRARP_Request"),
            new Name(6, "DRARP_Reply"), new Name(7, "DRARP_Error"), new Name(8, "InARP_Request"),
            new Name(9, "ARP_NAK"));
    private static final List<Name> IP_PROTOCOLS = List.of(new Name(6, "tcp"), new Name(17, "udp"),
            new Name(136, "udplite"), new Name(50, "esp"), new Name(51, "ah"), new Name(1, "icmp"),
            new Name(2, "igmp"), new Name(132, "sctp"), new Name(58, "icmpv6"));
    private static final List<Name> STATES = List.of(new Name(1 << 1, "NEW"), new Name(1 << 2, "ESTABLISHED"),
            new Name(1 << 3, "RELATED"), new Name(1 << 4, "INVALID"), new Name(1 << 5, "NONE"));
    private static final List<Name> TCP_FLAG_NAMES = List.of(new Name(0x1, "FIN"), new Name(0x2, "SYN"),
            new Name(0x4, "RST"), new Name(0x8, "PSH"), new Name(0x10, "ACK"), new Name(0x20, "URG"),
            new Name(0x3F, "ALL"), new Name(0x0, "NONE"));

    private final String xmlName;
    private final Check check;
    private final Set<Type> types;

    Field(String xmlName, Check check, Type first, Type... more) {
        this.xmlName = xmlName;
        this.check = check;
        this.types = EnumSet.of(first, more);
    }

    /** The attribute's name in XML. */
    public String xmlName() {
        return xmlName;
    }

    /**
     * Reads an attribute value as libvirt does: a {@code $variable}, or the first of the field's
     * types that accepts the text, then that field's check. Returns null for a value libvirt
     * calls illegal.
     */
    Value read(String raw) {
        if (raw.startsWith("$")) {
            return readVariable(raw.substring(1));
        }
        for (Type t : types) {
            Value v = readAs(t, raw);
            if (v != null) {
                return check(t, v, raw);
            }
        }
        return null;
    }

    /** Writes a value back as libvirt formats it. */
    String write(Value v) {
        if (v instanceof Variable var) {
            return var.toString();
        }
        switch (check) {
            case ETHERTYPE, VLAN_ENCAP, IP_PROTOCOL -> {
                Number n = (Number) v;
                String name = nameOf(check == Check.IP_PROTOCOL ? IP_PROTOCOLS : ETHERTYPES, n.value());
                return name != null ? name : number(n);
            }
            case ARP_OPCODE -> {
                Number n = (Number) v;
                String name = nameOf(ARP_OPCODES, n.value());
                return name != null ? name : Long.toString(n.value());
            }
            case STATE -> {
                int bits = 0;
                for (State s : ((States) v).states()) {
                    bits |= 1 << (s.ordinal() + 1);
                }
                return names(STATES, bits);
            }
            case TCP_FLAGS -> {
                TcpFlags f = (TcpFlags) v;
                return tcpFlags(f.mask()) + "/" + tcpFlags(f.flags());
            }
            case IPSET_FLAGS -> {
                List<String> words = new ArrayList<>();
                for (IpsetFlag f : ((IpsetFlags) v).flags()) {
                    words.add(f == IpsetFlag.SRC ? "src" : "dst");
                }
                return String.join(",", words);
            }
            default -> {
                // the plain formats below
            }
        }
        if (v instanceof Number n) {
            return number(n);
        } else if (v instanceof Prefix p) {
            return Integer.toString(p.length());
        } else if (v instanceof Flag f) {
            return f.value() ? "true" : "false";
        } else if (v instanceof Text t) {
            return t.text();
        }
        return v.toString();
    }

    private static String number(Number n) {
        return n.hex() ? "0x" + Long.toHexString(n.value()) : Long.toString(n.value());
    }

    private static Value readAs(Type t, String raw) {
        switch (t) {
            case UINT8, UINT16, UINT32, UINT8_HEX, UINT16_HEX, UINT32_HEX -> {
                boolean hex = t == Type.UINT8_HEX || t == Type.UINT16_HEX || t == Type.UINT32_HEX;
                long v = NumberText.toUInt(raw, hex ? 16 : 10);
                long max = t == Type.UINT8 || t == Type.UINT8_HEX ? 0xFF
                        : t == Type.UINT16 || t == Type.UINT16_HEX ? 0xFFFF : NumberText.UINT_MAX;
                return v < 0 || v > max ? null : new Number(v, hex);
            }
            case MACADDR -> {
                byte[] mac = AddressText.parseMac(raw);
                return mac == null ? null : new MacAddress(mac);
            }
            case MACMASK -> {
                byte[] mac = AddressText.parseMac(raw);
                return mac == null || AddressText.prefixLength(mac) < 0 ? null : new MacAddress(mac);
            }
            case IPADDR -> {
                byte[] a = AddressText.parseIPv4(raw);
                return a == null ? null : new IpAddress(a);
            }
            case IPV6ADDR -> {
                byte[] a = AddressText.parseIPv6(raw);
                return a == null ? null : new IpAddress(a);
            }
            case IPMASK, IPV6MASK -> {
                boolean v6 = t == Type.IPV6MASK;
                long bits = NumberText.toUInt(raw, 10);
                if (bits >= 0) {
                    return bits <= (v6 ? 128 : 32) ? new Prefix((int) bits) : null;
                }
                byte[] a = v6 ? AddressText.parseIPv6(raw) : AddressText.parseIPv4(raw);
                int len = a == null ? -1 : AddressText.prefixLength(a);
                return len < 0 ? null : new Prefix(len);
            }
            case STRING, IPSETNAME, IPSETFLAGS -> {
                return new Text(raw);
            }
            case STRINGCOPY -> {
                return new Text(truncate(raw, MAX_COMMENT_BYTES));
            }
            case BOOLEAN -> {
                return new Flag(raw.equals("true") || raw.equals("1") || raw.equals("yes"));
            }
            default -> throw new AssertionError(t);
        }
    }

    private Value check(Type t, Value v, String raw) {
        switch (check) {
            case NONE -> {
                return v;
            }
            case ETHERTYPE, VLAN_ENCAP -> {
                long min = check == Check.ETHERTYPE ? 0x600 : 0x3c;
                if (t == Type.STRING) {
                    Integer n = valueOf(ETHERTYPES, raw);
                    return n == null ? null : new Number(n, false);
                }
                return ((Number) v).value() < min ? null : v;
            }
            case VLAN_ID -> {
                return ((Number) v).value() > 4095 ? null : v;
            }
            case ARP_OPCODE, IP_PROTOCOL -> {
                if (t == Type.STRING) {
                    Integer n = valueOf(check == Check.ARP_OPCODE ? ARP_OPCODES : IP_PROTOCOLS, raw);
                    return n == null ? null : new Number(n, check == Check.IP_PROTOCOL);
                }
                return v;
            }
            case DSCP -> {
                return ((Number) v).value() > 63 ? null : v;
            }
            case STATE -> {
                int bits = parseNames(STATES, raw);
                if (bits < 0) {
                    return null;
                }
                if ((bits & 1 << 5) != 0) {
                    bits = 1 << 5;
                }
                EnumSet<State> set = EnumSet.noneOf(State.class);
                for (State s : State.values()) {
                    if ((bits & 1 << (s.ordinal() + 1)) != 0) {
                        set.add(s);
                    }
                }
                return new States(set);
            }
            case TCP_FLAGS -> {
                int slash = raw.indexOf('/');
                if (slash < 0) {
                    return null;
                }
                int mask = parseNames(TCP_FLAG_NAMES, raw.substring(0, slash));
                int flags = parseNames(TCP_FLAG_NAMES, raw.substring(slash + 1));
                return mask < 0 || flags < 0 ? null : new TcpFlags(mask & 0x3F, flags & 0x3F);
            }
            case IPSET -> {
                if (raw.getBytes(StandardCharsets.UTF_8).length >= MAX_IPSET_NAME) {
                    return null;
                }
                for (int i = 0; i < raw.length(); i++) {
                    if (IPSET_NAME_CHARS.indexOf(raw.charAt(i)) < 0) {
                        return null;
                    }
                }
                return v;
            }
            case IPSET_FLAGS -> {
                List<IpsetFlag> flags = new ArrayList<>();
                int idx = 0;
                while (flags.size() < 6) {
                    if (startsWithIgnoreCase(raw, idx, "src")) {
                        flags.add(IpsetFlag.SRC);
                    } else if (startsWithIgnoreCase(raw, idx, "dst")) {
                        flags.add(IpsetFlag.DST);
                    } else {
                        return null;
                    }
                    idx += 3;
                    if (idx >= raw.length() || raw.charAt(idx) != ',') {
                        break;
                    }
                    idx++;
                }
                return idx == raw.length() ? new IpsetFlags(flags) : null;
            }
            default -> throw new AssertionError(check);
        }
    }

    /**
     * A variable reference after its {@code $}: {@code NAME}, {@code NAME[n]} or
     * {@code NAME[@n]} (blanks allowed inside the brackets, anything after them ignored).
     */
    static Variable readVariable(String s) {
        int idx = 0;
        while (idx < s.length() && VARIABLE_NAME_CHARS.indexOf(s.charAt(idx)) >= 0) {
            idx++;
        }
        if (idx == s.length()) {
            return new Variable(s, true, 0);
        }
        if (s.charAt(idx) != '[') {
            return null;
        }
        String name = s.substring(0, idx);
        int i = skipSpaces(s, idx + 1);
        boolean iterator = i < s.length() && s.charAt(i) == '@';
        if (iterator) {
            i++;
        }
        long[] r = NumberText.toUInt(s, i, 10, false);
        if (r == null) {
            return null;
        }
        i = skipSpaces(s, (int) r[1]);
        if (i >= s.length() || s.charAt(i) != ']') {
            return null;
        }
        if (iterator && r[0] > MAX_ITERATOR_ID) {
            return null;
        }
        return new Variable(name, iterator, r[0]);
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && NumberText.isCSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The first {@code max} bytes of the UTF-8 text (a character cut in two is left out). */
    private static String truncate(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= max) {
            return s;
        }
        int end = max;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    private static boolean startsWithIgnoreCase(String s, int at, String word) {
        if (at + word.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = s.charAt(at + k);
            char w = word.charAt(k);
            if (c != w && asciiLower(c) != asciiLower(w)) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static Integer valueOf(List<Name> names, String raw) {
        for (Name n : names) {
            if (n.name().length() == raw.length() && startsWithIgnoreCase(raw, 0, n.name())) {
                return n.value();
            }
        }
        return null;
    }

    private static String nameOf(List<Name> names, long value) {
        for (Name n : names) {
            if (n.value() == value) {
                return n.name();
            }
        }
        return null;
    }

    /** Words from {@code names} (case-insensitive, each may run into the next) separated by ',' or blanks; -1 if any is unknown. */
    private static int parseNames(List<Name> names, String s) {
        int bits = 0;
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (NumberText.isCSpace(s.charAt(i)) || s.charAt(i) == ',')) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            boolean found = false;
            for (Name n : names) {
                if (startsWithIgnoreCase(s, i, n.name())) {
                    bits |= n.value();
                    i += n.name().length();
                    found = true;
                    break;
                }
            }
            if (!found) {
                return -1;
            }
        }
        return bits;
    }

    /** The names of the single bits set in {@code bits}, lowest first, joined by ','. */
    private static String names(List<Name> names, int bits) {
        List<String> words = new ArrayList<>();
        for (int bit = 1; bit != 0 && bits != 0; bit <<= 1) {
            if ((bits & bit) != 0) {
                for (Name n : names) {
                    if (n.value() == bit) {
                        words.add(n.name());
                    }
                }
                bits ^= bit;
            }
        }
        return String.join(",", words);
    }

    private static String tcpFlags(int flags) {
        if (flags == 0) {
            return "NONE";
        } else if (flags == 0x3F) {
            return "ALL";
        }
        return names(TCP_FLAG_NAMES, flags);
    }

    /** The protocol number of an {@code <ip>}/{@code <ipv6>} rule, 0 when it is a variable. */
    static long protocolNumber(Value v) {
        return v instanceof Number n ? n.value() & 0xFF : 0;
    }
}
