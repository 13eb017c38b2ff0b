package io.jvirt.conf.network;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.xml.XmlWriter;

/** {@code <dhcp>} of an {@code <ip>}: address ranges, static hosts and the BOOTP file. */
public record Dhcp(List<Range> ranges, List<Host> hosts, String bootFile, IpAddress bootServer) {
    public Dhcp {
        ranges = List.copyOf(ranges);
        hosts = List.copyOf(hosts);
    }

    public static final Dhcp NONE = new Dhcp(List.of(), List.of(), null, null);

    /** A lease time: {@code expiry} 0 is infinite. */
    public record Lease(long expiry, String unit) {
        static Lease parse(Element e) {
            if (e == null) {
                return null;
            }
            Long expiry = NetXml.propULongLong(e, "expiry");
            if (expiry == null) {
                return null;
            }
            String unit = NetXml.prop(e, "unit");
            if (unit == null) {
                unit = "minutes";
            } else if (!unit.equals("seconds") && !unit.equals("minutes") && !unit.equals("hours")) {
                throw NetXml.invalidValue(e, "unit", unit);
            }
            if (expiry != 0 && ((unit.equals("seconds") && Long.compareUnsigned(expiry, 120) < 0)
                    || (unit.equals("minutes") && Long.compareUnsigned(expiry, 2) < 0))) {
                throw NetErrors.unsupported("The minimum lease time should be greater than 2 minutes");
            }
            return new Lease(expiry, unit);
        }

        void format(XmlWriter w) {
            w.open("lease").attr("expiry", Long.toUnsignedString(expiry));
            if (expiry != 0) {
                w.attr("unit", unit);
            }
            w.close();
        }
    }

    /** {@code <range start end>}. */
    public record Range(IpAddress start, IpAddress end, Lease lease) {
    }

    /** {@code <host>}: mac, id and name are kept as written. */
    public record Host(String mac, String id, String name, IpAddress ip, Lease lease) {
    }

    static Element firstChild(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && NetXml.localName(c).equals(name)) {
                return c;
            }
        }
        return null;
    }

    static Dhcp parse(String net, IpDef ip, Element e) {
        List<Range> ranges = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        String bootFile = null;
        IpAddress bootServer = null;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element c)) {
                continue;
            }
            switch (NetXml.localName(c)) {
                case "range" -> ranges.add(parseRange(net, ip, c));
                case "host" -> hosts.add(parseHost(net, ip, c));
                case "bootp" -> {
                    if (ip.address().v6()) {
                        break;
                    }
                    String file = NetXml.prop(c, "file");
                    if (file == null) {
                        break;
                    }
                    String server = NetXml.prop(c, "server");
                    bootServer = server != null ? IpAddress.parse(server) : null;
                    bootFile = file;
                }
                default -> {
                }
            }
        }
        return new Dhcp(ranges, hosts, bootFile, bootServer);
    }

    private static Range parseRange(String net, IpDef ip, Element e) {
        String start = NetXml.prop(e, "start");
        if (start == null) {
            throw NetErrors.xml("Missing 'start' attribute in dhcp range for network '" + net + "'");
        }
        IpAddress s = IpAddress.parse(start);
        String end = NetXml.prop(e, "end");
        if (end == null) {
            throw NetErrors.xml("Missing 'end' attribute in dhcp range for network '" + net + "'");
        }
        IpAddress en = IpAddress.parse(end);
        checkRange(s, en, ip.address(), ip.effectivePrefix());
        return new Range(s, en, Lease.parse(firstChild(e, "lease")));
    }

    /** virSocketAddrGetRange: the checks of a range, within a network when one is given. */
    static void checkRange(IpAddress start, IpAddress end, IpAddress network, int prefix) {
        String range = start + " - " + end;
        if (start.v6() != end.v6()) {
            throw NetErrors.internal(ErrorDomain.NONE, "mismatch of address family in range " + range);
        }
        if (network != null) {
            if (start.v6() != network.v6()) {
                throw NetErrors.internal(ErrorDomain.NONE, "mismatch of address family in range " + range
                        + " for network " + network);
            }
            if (prefix < 0 || prefix > network.bits()) {
                throw NetErrors.internal(ErrorDomain.NONE, "bad prefix " + prefix + " for network " + network
                        + " when  checking range " + range);
            }
            IpAddress mask = IpAddress.netmask(network.v6(), prefix);
            IpAddress net = network.mask(mask);
            if (!start.mask(mask).equals(net) || !end.mask(mask).equals(net)) {
                throw NetErrors.internal(ErrorDomain.NONE, "range " + range + " is not entirely within network "
                        + network + "/" + prefix);
            }
            if (!start.v6()) {
                if (start.equals(net)) {
                    throw NetErrors.internal(ErrorDomain.NONE, "start of range " + range + " in network " + network
                            + "/" + prefix + " is the network address");
                }
                if (end.equals(network.broadcast(mask))) {
                    throw NetErrors.internal(ErrorDomain.NONE, "end of range " + range + " in network " + network
                            + "/" + prefix + " is the broadcast address");
                }
            }
        }
        int[] s = start.units();
        int[] e = end.units();
        if (!start.v6()) {
            if (s[0] != e[0] || s[1] != e[1]) {
                throw NetErrors.internal(ErrorDomain.NONE, "range " + range + " is too large (> 65535)");
            }
            if ((e[2] - s[2]) * 256L + e[3] - s[3] < 0) {
                throw NetErrors.internal(ErrorDomain.NONE, "range " + range + " is reversed ");
            }
        } else {
            for (int i = 0; i < 7; i++) {
                if (s[i] != e[i]) {
                    throw NetErrors.internal(ErrorDomain.NONE, "range " + range + " is too large (> 65535)");
                }
            }
            if (e[7] - s[7] < 0) {
                throw NetErrors.internal(ErrorDomain.NONE, "range " + range + " start larger than end");
            }
        }
    }

    private static Host parseHost(String net, IpDef ipdef, Element e) {
        boolean v6 = ipdef.address().v6();
        String mac = NetXml.prop(e, "mac");
        if (mac != null) {
            if (v6) {
                throw NetErrors.xml("Invalid to specify MAC address '" + mac + "' in network '" + net
                        + "' IPv6 static host definition");
            }
            int[] bytes = Mac.parse(mac);
            if (bytes == null) {
                throw NetErrors.xml("Cannot parse MAC address '" + mac + "' in network '" + net + "'");
            }
            if ((bytes[0] & 1) != 0) {
                throw NetErrors.xml("expected unicast mac address, found multicast '" + mac + "' in network '"
                        + net + "'");
            }
        }
        String id = NetXml.prop(e, "id");
        if (id != null) {
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if ("0123456789abcdefABCDEF:".indexOf(c) < 0) {
                    throw NetErrors.xml("Invalid character '" + c + "' in id '" + id + "' of network '" + net + "'");
                }
            }
        }
        String name = NetXml.prop(e, "name");
        if (name != null && (name.isEmpty() || !isAlnum(name.charAt(0)))) {
            throw NetErrors.xml("Cannot use host name '" + name + "' in network '" + net + "'");
        }
        String ip = NetXml.prop(e, "ip");
        IpAddress addr = null;
        if (ip != null) {
            addr = IpAddress.tryParse(ip);
            if (addr == null) {
                throw NetErrors.xml("Invalid IP address in static host definition for network '" + net + "'");
            }
        }
        if (v6) {
            if (id == null && name == null) {
                throw NetErrors.xml("Static host definition in IPv6 network '" + net
                        + "' must have id or name attribute");
            }
        } else if (mac == null && name == null) {
            throw NetErrors.xml("Static host definition in IPv4 network '" + net + "' must have mac or name attribute");
        }
        if (ip == null) {
            throw NetErrors.xml("Missing IP address in static host definition for network '" + net + "'");
        }
        return new Host(mac, id, name, addr, Lease.parse(firstChild(e, "lease")));
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    boolean present() {
        return !ranges.isEmpty() || !hosts.isEmpty();
    }

    void format(XmlWriter w) {
        if (!present()) {
            return;
        }
        w.open("dhcp");
        for (Range r : ranges) {
            w.open("range").attr("start", r.start()).attr("end", r.end());
            if (r.lease() != null) {
                r.lease().format(w);
            }
            w.close();
        }
        for (Host h : hosts) {
            w.open("host").rawAttr("mac", h.mac()).rawAttr("id", h.id()).rawAttr("name", h.name());
            if (h.ip() != null) {
                w.attr("ip", h.ip());
            }
            if (h.lease() != null) {
                h.lease().format(w);
            }
            w.close();
        }
        if (bootFile != null) {
            w.open("bootp").attr("file", bootFile);
            if (bootServer != null) {
                w.attr("server", bootServer);
            }
            w.close();
        }
        w.close();
    }
}
