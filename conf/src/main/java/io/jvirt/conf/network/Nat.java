package io.jvirt.conf.network;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/** {@code <nat>} of a NAT forward: the public address range and port range, and IPv6 NAT. */
public record Nat(IpAddress start, IpAddress end, long portStart, long portEnd, Boolean ipv6) {
    public static final Nat NONE = new Nat(null, null, 0, 0, null);

    static Nat parse(String net, Element e) {
        Boolean ipv6 = NetXml.propYesNo(e, "ipv6");
        List<Element> addrs = NetXml.children(e, "address");
        String addrStart = null;
        String addrEnd = null;
        if (addrs.size() > 1) {
            throw NetErrors.xml("Only one <address> element is allowed in <nat> in <forward> in network " + net);
        } else if (addrs.size() == 1) {
            addrStart = NetXml.prop(addrs.get(0), "start");
            if (addrStart == null) {
                throw NetErrors.xml("missing 'start' attribute in <address> element in <nat> in <forward> in network "
                        + net);
            }
            addrEnd = NetXml.prop(addrs.get(0), "end");
            if (addrEnd == null) {
                throw NetErrors.xml("missing 'end' attribute in <address> element in <nat> in <forward> in network "
                        + net);
            }
        }
        IpAddress start = null;
        IpAddress end = null;
        if (addrStart != null) {
            start = IpAddress.tryParse4(addrStart);
            if (start == null) {
                throw NetErrors.xml("Bad ipv4 start address '" + addrStart + "' in <nat> in <forward> in network '"
                        + net + "'");
            }
        }
        if (addrEnd != null) {
            end = IpAddress.tryParse4(addrEnd);
            if (end == null) {
                throw NetErrors.xml("Bad ipv4 end address '" + addrEnd + "' in <nat> in <forward> in network '"
                        + net + "'");
            }
        }
        if (start != null && end != null) {
            Dhcp.checkRange(start, end, null, 0);
        }
        List<Element> ports = NetXml.children(e, "port");
        long portStart = 0;
        long portEnd = 0;
        if (ports.size() > 1) {
            throw NetErrors.xml("Only one <port> element is allowed in <nat> in <forward> in network " + net);
        } else if (ports.size() == 1) {
            portStart = NetXml.xpathUInt(ports.get(0), "start");
            if (portStart < 0 || portStart > 65535) {
                throw NetErrors.detail("Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network "
                        + net);
            }
            portEnd = NetXml.xpathUInt(ports.get(0), "end");
            if (portEnd < 0 || portEnd > 65535 || portEnd < portStart) {
                throw NetErrors.detail("Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network "
                        + net);
            }
        }
        return new Nat(start, end, portStart, portEnd, ipv6);
    }

    boolean hasAddressOrPorts() {
        return start != null || end != null || portStart != 0 || portEnd != 0;
    }

    void format(XmlWriter w) {
        if (!hasAddressOrPorts() && ipv6 == null) {
            return;
        }
        w.open("nat").attr("ipv6", NetXml.yesNo(ipv6));
        if (start != null) {
            w.open("address").attr("start", start).attr("end", end).close();
        }
        if (portStart != 0 || portEnd != 0) {
            w.open("port").attr("start", portStart);
            if (portEnd != 0) {
                w.attr("end", portEnd);
            }
            w.close();
        }
        w.close();
    }
}
