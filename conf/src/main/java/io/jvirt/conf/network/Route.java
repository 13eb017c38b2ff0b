package io.jvirt.conf.network;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/** {@code <route>}: a static route through a gateway reachable on the network. */
public record Route(String family, IpAddress address, IpAddress netmask, Long prefix, IpAddress gateway,
        Long metric) {

    static Route parse(String net, Element e) {
        String family = NetXml.prop(e, "family");
        String address = NetXml.prop(e, "address");
        String netmaskStr = NetXml.prop(e, "netmask");
        String gatewayStr = NetXml.prop(e, "gateway");
        Long prefix = NetXml.propUInt(e, "prefix", false, false);
        Long metric = NetXml.propUInt(e, "metric", false, true);
        if (address == null) {
            throw NetErrors.xml(net + ": Missing required address attribute in route definition");
        }
        if (gatewayStr == null) {
            throw NetErrors.xml(net + ": Missing required gateway attribute in route definition");
        }
        IpAddress addr = IpAddress.tryParse(address);
        if (addr == null) {
            throw NetErrors.xml(net + ": Bad network address '" + address + "' in route definition");
        }
        IpAddress gw = IpAddress.tryParse(gatewayStr);
        if (gw == null) {
            throw NetErrors.xml(net + ": Bad gateway address '" + gatewayStr + "' in route definition");
        }
        long pfx = prefix == null ? 0 : prefix;
        IpAddress netmask = null;
        if (family == null || family.equals("ipv4")) {
            if (addr.v6()) {
                throw NetErrors.xml(net + (family == null ? ": No family specified for non-IPv4 address '"
                        : ": IPv4 family specified for non-IPv4 address '") + address + "' in route definition");
            }
            if (gw.v6()) {
                throw NetErrors.xml(net + (family == null ? ": No family specified for non-IPv4 gateway '"
                        : ": IPv4 family specified for non-IPv4 gateway '") + address + "' in route definition");
            }
            if (netmaskStr != null) {
                netmask = IpAddress.tryParse(netmaskStr);
                if (netmask == null) {
                    throw NetErrors.xml(net + ": Bad netmask address '" + netmaskStr + "' in route definition");
                }
                if (netmask.v6()) {
                    throw NetErrors.xml(net + ": Invalid netmask '" + netmaskStr + "' for address '" + address
                            + "' (both must be IPv4)");
                }
                if (prefix != null) {
                    throw NetErrors.xml(net + ": Route definition cannot have both a prefix and a netmask");
                }
            }
            if (pfx > 32) {
                throw NetErrors.xml(net + ": Invalid prefix " + pfx + " specified in route definition, must be 0 - 32");
            }
        } else if (family.equals("ipv6")) {
            if (!addr.v6()) {
                throw NetErrors.xml(net + ": ipv6 family specified for non-IPv6 address '" + address
                        + "' in route definition");
            }
            if (netmaskStr != null) {
                throw NetErrors.xml(net + ": Specifying netmask invalid for IPv6 address '" + address
                        + "' in route definition");
            }
            if (!gw.v6()) {
                throw NetErrors.xml(net + ": ipv6 specified for non-IPv6 gateway address '" + gatewayStr
                        + "' in route definition");
            }
            if (pfx > 128) {
                throw NetErrors.xml(net + ": Invalid prefix " + pfx
                        + " specified in route definition, must be 0 - 128");
            }
        } else {
            throw NetErrors.xml(net + ": Unrecognized family '" + family + "' in route definition");
        }
        IpAddress network = netmask != null ? addr.mask(netmask) : addr.mask(IpAddress.netmask(addr.v6(), (int) pfx));
        if (!network.equals(addr)) {
            throw NetErrors.xml(net + ": Address '" + address + "' in route definition is not a network address");
        }
        return new Route(family, addr, netmask, prefix, gw, metric);
    }

    void format(XmlWriter w) {
        w.open("route").rawAttr("family", family).attr("address", address).attr("netmask", netmask)
                .attr("prefix", prefix).attr("gateway", gateway);
        if (metric != null && metric > 0) {
            w.attr("metric", metric);
        }
        w.close();
    }
}
