package io.jvirt.conf.network;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <ip>}: an address of the network's bridge, with its netmask or prefix and DHCP/TFTP service.
 *
 * @param family {@code ipv4}, {@code ipv6} or null as written
 * @param prefix 0 when not given
 */
public record IpDef(String family, IpAddress address, IpAddress netmask, long prefix, Boolean localPtr, Dhcp dhcp,
        String tftpRoot) {

    /** The prefix length in effect: the prefix, the netmask's, the address class's (IPv4) or 64 (IPv6). */
    public int effectivePrefix() {
        if (prefix > 0) {
            return (int) prefix;
        }
        if (netmask != null) {
            return netmask.netmaskBits();
        }
        if (!address.v6()) {
            int octet = address.units()[0];
            if ((octet & 0x80) == 0) {
                return 8;
            } else if ((octet & 0xC0) == 0x80) {
                return 16;
            } else if ((octet & 0xE0) == 0xC0) {
                return 24;
            }
            return -1;
        }
        return 64;
    }

    static IpDef parse(String net, Element e) {
        String family = NetXml.xprop(e, "family");
        String address = NetXml.xprop(e, "address");
        if (address == null) {
            throw NetErrors.xml("Missing required address attribute in network '" + net + "'");
        }
        IpAddress addr = IpAddress.tryParse(address);
        if (addr == null) {
            throw NetErrors.xml("Invalid address '" + address + "' in network '" + net + "'");
        }
        String netmaskStr = NetXml.xprop(e, "netmask");
        IpAddress netmask = null;
        if (netmaskStr != null) {
            netmask = IpAddress.tryParse(netmaskStr);
            if (netmask == null) {
                throw NetErrors.xml("Invalid netmask '" + netmaskStr + "' in network '" + net + "'");
            }
        }
        Long p = NetXml.propUInt(e, "prefix", false, false);
        long prefix = p == null ? 0 : p;
        Boolean localPtr = NetXml.propYesNo(e, "localPtr");
        if (family == null || family.equals("ipv4")) {
            if (addr.v6()) {
                throw NetErrors.unsupported((family == null ? "no" : "ipv4") + " family specified for non-IPv4 address '"
                        + address + "' in network '" + net + "'");
            }
            if (netmask != null) {
                if (netmask.v6()) {
                    throw NetErrors.unsupported("Invalid netmask '" + netmaskStr + "' for address '" + address
                            + "' in network '" + net + "' (both must be IPv4)");
                }
                if (prefix > 0) {
                    throw NetErrors.unsupported("Network '" + net
                            + "' IP address cannot have both a prefix and a netmask");
                }
            } else if (prefix > 32) {
                throw NetErrors.unsupported("Invalid IPv4 prefix '" + prefix + "' in network '" + net + "'");
            }
        } else if (family.equals("ipv6")) {
            if (!addr.v6()) {
                throw NetErrors.unsupported("Family 'ipv6' specified for non-IPv6 address '" + address
                        + "' in network '" + net + "'");
            }
            if (netmask != null) {
                throw NetErrors.unsupported("netmask not allowed for IPv6 address '" + address + "' in network '"
                        + net + "'");
            }
            if (prefix > 128) {
                throw NetErrors.unsupported("Invalid IPv6 prefix '" + prefix + "' in network '" + net + "'");
            }
        } else {
            throw NetErrors.xml("Unrecognized family '" + family + "' in network '" + net + "'");
        }
        IpDef ip = new IpDef(family, addr, netmask, prefix, localPtr, Dhcp.NONE, null);
        Element dhcpNode = NetXml.child(e, "dhcp");
        Dhcp dhcp = dhcpNode != null ? Dhcp.parse(net, ip, dhcpNode) : Dhcp.NONE;
        String tftp = null;
        Element tftpNode = NetXml.child(e, "tftp");
        if (tftpNode != null) {
            if (addr.v6()) {
                throw NetErrors.unsupported("Unsupported <tftp> element in an IPv6 element in network '" + net + "'");
            }
            tftp = NetXml.xprop(tftpNode, "root");
        }
        return new IpDef(family, addr, netmask, prefix, localPtr, dhcp, tftp);
    }

    void format(XmlWriter w) {
        w.open("ip").rawAttr("family", family).attr("address", address).attr("netmask", netmask);
        if (prefix > 0) {
            w.attr("prefix", prefix);
        }
        w.attr("localPtr", NetXml.yesNo(localPtr));
        w.endStartTag();
        if (tftpRoot != null) {
            w.open("tftp").attr("root", tftpRoot).close();
        }
        dhcp.format(w);
        w.close();
    }
}
