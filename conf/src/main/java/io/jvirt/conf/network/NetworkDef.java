package io.jvirt.conf.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NetworkXMLFlag;
import io.jvirt.api.VirtException;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A virtual network ({@code <network>}, libvirt's virNetworkDef): parsed with libvirt 9.0.0's rules and
 * checks, and formatted as {@code virNetworkGetXMLDesc} prints it.
 * <p>
 * Elements libvirt 9.0.0 does not know ({@code <title>}, {@code <description>}, {@code <domain register>},
 * {@code <forwarder port>}, {@code <driver model>}) are dropped as it drops them.
 *
 * @param uuid            lower-case 8-4-4-4-12; generated when the document has none
 * @param ipv6            {@code ipv6='yes'}: guest-to-guest IPv6 without a gateway address
 * @param mtu             0 when not set
 * @param mac             the bridge's MAC address (lower case), or null
 * @param domainName      {@code <domain name>}, or null
 * @param dnsmasqOptions  options of the dnsmasq namespace; only read when asked for (libvirt's test
 *                        driver does not register the namespace and drops them)
 * @param connections     guest interfaces using the network (status only: printed unless INACTIVE)
 */
public record NetworkDef(String name, String uuid, boolean ipv6, Boolean trustGuestRxFilters, Metadata metadata,
        Forward forward, Bridge bridge, long mtu, String mac, String domainName, Boolean domainLocalOnly, Dns dns,
        Vlan vlan, Bandwidth bandwidth, Boolean portIsolated, List<IpDef> ips, List<Route> routes,
        VirtualPort virtualPort, List<PortGroup> portGroups, List<String> dnsmasqOptions, int connections) {

    /** The XML namespace of dnsmasq options. */
    public static final String DNSMASQ_NS = "http://libvirt.org/schemas/network/dnsmasq/1.0";

    public NetworkDef {
        ips = List.copyOf(ips);
        routes = List.copyOf(routes);
        portGroups = List.copyOf(portGroups);
        dnsmasqOptions = List.copyOf(dnsmasqOptions);
    }

    /** Parses as libvirt's test driver does on define (no dnsmasq namespace). */
    public static NetworkDef parse(String xml) {
        return parse(xml, false);
    }

    /**
     * Parses a {@code <network>} document.
     *
     * @param dnsmasq whether to read the dnsmasq options namespace (libvirt's network driver does)
     * @throws VirtException with libvirt's code, domain and message when libvirt rejects the document
     */
    public static NetworkDef parse(String xml, boolean dnsmasq) {
        Element root = SecureXml.parseAnyRoot(xml, "network_definition");
        if (!"network".equals(NetXml.localName(root))) {
            throw NetErrors.xml(ErrorDomain.XML, "expecting root element of 'network', not '"
                    + NetXml.localName(root) + "'");
        }
        Metadata metadata = NetXml.child(root, "metadata") != null ? Metadata.read(xml) : null;
        return parse(root, metadata, dnsmasq);
    }

    private static NetworkDef parse(Element root, Metadata metadataFromText, boolean dnsmasq) {
        String name = NetXml.xtext(root, "name");
        if (name == null) {
            throw new VirtException(ErrorCode.NO_NAME, ErrorDomain.NETWORK, "missing name information");
        }
        if (name.indexOf('/') >= 0) {
            throw NetErrors.detail(ErrorDomain.XML, "invalid char in name: /");
        }
        String uuidText = NetXml.xtext(root, "uuid");
        // libvirt 9.0: VIR_ERR_INTERNAL_ERROR from the network code
        String uuid = io.jvirt.conf.xml.UuidText.element(uuidText, () -> NetErrors.internal("malformed uuid element"))
                .toString();
        boolean ipv6 = false;
        String ipv6Str = NetXml.xprop(root, "ipv6");
        if (ipv6Str != null) {
            if (ipv6Str.equals("yes")) {
                ipv6 = true;
            } else if (!ipv6Str.equals("no")) {
                throw NetErrors.xml("Invalid ipv6 setting '" + ipv6Str + "' in network '" + name + "'");
            }
        }
        Boolean trust = NetXml.propYesNo(root, "trustGuestRxFilters");

        Element domainNode = NetXml.child(root, "domain");
        String domainName = NetXml.prop(domainNode, "name");
        Boolean localOnly = NetXml.propYesNo(domainNode, "localOnly");

        Element bwNode = NetXml.child(root, "bandwidth");
        Bandwidth bandwidth = bwNode != null ? Bandwidth.parse(bwNode) : null;
        Element vlanNode = NetXml.child(root, "vlan");
        Vlan vlan = vlanNode != null ? Vlan.parse(vlanNode) : null;
        Boolean portIsolated = NetXml.propYesNo(NetXml.child(root, "port"), "isolated");

        Bridge bridge = Bridge.parse(name, NetXml.child(root, "bridge"));

        String mac = null;
        String macStr = NetXml.xprop(NetXml.child(root, "mac"), "address");
        if (macStr != null) {
            int[] b = Mac.parse(macStr);
            if (b == null) {
                throw NetErrors.xml("Invalid bridge mac address '" + macStr + "' in network '" + name + "'");
            }
            if ((b[0] & 1) != 0) {
                throw NetErrors.xml("Invalid multicast bridge mac address '" + macStr + "' in network '" + name + "'");
            }
            mac = Mac.format(b);
        }
        long mtu = 0;
        String mtuStr = null;
        for (Element m : NetXml.children(root, "mtu")) {
            if (m.hasAttribute("size")) {
                mtuStr = NetXml.xprop(m, "size");
                break;
            }
        }
        if (mtuStr != null) {
            Long m = NetXml.strToUi(mtuStr, 10);
            if (m == null) {
                throw NetErrors.xml("Invalid mtu size '" + mtuStr + "' in network '" + name + "'");
            }
            mtu = m;
        }
        Element dnsNode = NetXml.child(root, "dns");
        Dns dns = dnsNode != null ? Dns.parse(name, dnsNode) : Dns.NONE;

        Element vpNode = NetXml.child(root, "virtualport");
        VirtualPort virtualPort = vpNode != null ? VirtualPort.parse(vpNode, true) : null;

        List<PortGroup> portGroups = new ArrayList<>();
        for (Element pg : NetXml.children(root, "portgroup")) {
            portGroups.add(PortGroup.parse(pg));
        }
        List<IpDef> ips = new ArrayList<>();
        for (Element ip : NetXml.children(root, "ip")) {
            ips.add(IpDef.parse(name, ip));
        }
        List<Route> routes = new ArrayList<>();
        for (Element r : NetXml.children(root, "route")) {
            routes.add(Route.parse(name, r));
        }
        for (Route r : routes) {
            checkGateway(name, r, ips);
        }
        Element fwdNode = NetXml.child(root, "forward");
        Forward forward = fwdNode != null ? Forward.parse(name, fwdNode) : Forward.NONE;
        checkForwardMode(name, forward, bridge, ips, mtu);

        Metadata metadata = metadataFromText;
        List<String> options = dnsmasq ? dnsmasqOptions(root) : List.of();
        return new NetworkDef(name, uuid, ipv6, trust, metadata, forward, bridge, mtu, mac, domainName, localOnly,
                dns, vlan, bandwidth, portIsolated, ips, routes, virtualPort, portGroups, options, 0);
    }

    private static List<String> dnsmasqOptions(Element root) {
        List<String> values = new ArrayList<>();
        for (Element opts : io.jvirt.conf.xml.Xml.children(root)) {
            if (DNSMASQ_NS.equals(opts.getNamespaceURI()) && "options".equals(opts.getLocalName())) {
                for (Element o : io.jvirt.conf.xml.Xml.children(opts)) {
                    if (DNSMASQ_NS.equals(o.getNamespaceURI()) && "option".equals(o.getLocalName())) {
                        if (!o.hasAttribute("value")) {
                            throw NetErrors.xml("No dnsmasq options value specified");
                        }
                        values.add(o.getAttribute("value"));
                    }
                }
            }
        }
        return values;
    }

    /** A static route's gateway must be on one of the network's own subnets. */
    private static void checkGateway(String name, Route r, List<IpDef> ips) {
        IpAddress gw = r.gateway();
        for (IpDef ip : ips) {
            if (ip.address().v6() != gw.v6()) {
                continue;
            }
            int prefix = ip.effectivePrefix();
            if (prefix < 0 || prefix > ip.address().bits()) {
                continue;
            }
            IpAddress mask = IpAddress.netmask(gw.v6(), prefix);
            if (ip.address().mask(mask).equals(gw.mask(mask))) {
                return;
            }
        }
        throw NetErrors.unsupported("unreachable static route gateway '" + gw + "' specified for network '" + name
                + "'");
    }

    private static void checkForwardMode(String name, Forward f, Bridge bridge, List<IpDef> ips, long mtu) {
        String mode = f.mode().xml();
        switch (f.mode()) {
            case NONE -> {
            }
            case ROUTE, NAT, OPEN -> {
                if (ips.isEmpty()) {
                    throw NetErrors.xml(mode + " forwarding requested, but no IP address provided for network '"
                            + name + "'");
                }
                if (f.interfaces().size() > 1) {
                    throw NetErrors.xml("multiple forwarding interfaces specified for network '" + name
                            + "', only one is supported");
                }
                if (f.mode() == ForwardMode.OPEN && !f.interfaces().isEmpty()) {
                    throw NetErrors.xml("forward dev not allowed for network '" + name + "' with forward mode='"
                            + mode + "'");
                }
            }
            case PRIVATE, VEPA, PASSTHROUGH, HOSTDEV, BRIDGE -> {
                if (f.mode() != ForwardMode.BRIDGE) {
                    if (bridge.name() != null) {
                        throw NetErrors.xml("bridge name not allowed in " + mode + " mode (network '" + name + "')");
                    }
                    if (bridge.zone() != null) {
                        throw NetErrors.xml("bridge zone not allowed in " + mode + " mode (network '" + name + "')");
                    }
                    if (bridge.macTableManager() != null) {
                        throw NetErrors.xml("bridge macTableManager setting not allowed in " + mode
                                + " mode (network '" + name + "')");
                    }
                }
                if (bridge.delay() != 0 || bridge.stpGiven() || bridge.zone() != null) {
                    throw NetErrors.xml("bridge delay/stp/zone options only allowed in route, nat, and isolated mode, "
                            + "not in " + mode + " (network '" + name + "')");
                }
                if (bridge.name() != null && (!f.interfaces().isEmpty() || f.pf() != null)) {
                    throw NetErrors.xml("A network with forward mode='" + mode
                            + "' can specify a bridge name or a forward dev, but not both (network '" + name + "')");
                }
            }
            default -> throw new IllegalStateException();
        }
        if (mtu != 0 && !f.mode().hasBridge()) {
            throw NetErrors.xml("mtu size only allowed in open, route, nat, and isolated mode, not in " + mode
                    + " (network '" + name + "')");
        }
    }

    /** Formats as {@code virNetworkGetXMLDesc} with flags 0. */
    public String format() {
        return format(Set.of());
    }

    /** Formats with {@code virNetworkGetXMLDesc}'s flags. */
    public String format(Set<NetworkXMLFlag> flags) {
        boolean inactive = flags.contains(NetworkXMLFlag.INACTIVE);
        XmlWriter w = new XmlWriter();
        w.open("network");
        if (!dnsmasqOptions.isEmpty()) {
            w.attr("xmlns:dnsmasq", DNSMASQ_NS);
        }
        if (!inactive && connections > 0) {
            w.attr("connections", connections);
        }
        if (ipv6) {
            w.attr("ipv6", "yes");
        }
        w.attr("trustGuestRxFilters", NetXml.yesNo(trustGuestRxFilters));
        w.leaf("name", name);
        w.leaf("uuid", uuid);
        if (metadata != null) {
            metadata.format(w);
        }
        forward.format(w, inactive);
        bridge.format(w, forward.mode().hasBridge());
        if (mtu != 0) {
            w.open("mtu").attr("size", mtu).close();
        }
        if (mac != null) {
            w.open("mac").attr("address", mac).close();
        }
        if (domainName != null) {
            w.open("domain").rawAttr("name", domainName).attr("localOnly", NetXml.yesNo(domainLocalOnly)).close();
        }
        dns.format(w);
        if (vlan != null) {
            vlan.format(w);
        }
        if (bandwidth != null) {
            bandwidth.format(w);
        }
        if (portIsolated != null) {
            w.open("port").attr("isolated", NetXml.yesNo(portIsolated)).close();
        }
        for (IpDef ip : ips) {
            ip.format(w);
        }
        for (Route r : routes) {
            r.format(w);
        }
        if (virtualPort != null) {
            virtualPort.format(w);
        }
        for (PortGroup pg : portGroups) {
            pg.format(w);
        }
        if (!dnsmasqOptions.isEmpty()) {
            w.open("dnsmasq:options");
            for (String o : dnsmasqOptions) {
                w.open("dnsmasq:option").attr("value", o).close();
            }
            w.close();
        }
        w.close();
        return w.toString();
    }

    /** This definition with the count of plugged ports a network driver keeps (its live XML's {@code connections}). */
    public NetworkDef withConnections(int count) {
        return new NetworkDef(name, uuid, ipv6, trustGuestRxFilters, metadata, forward, bridge, mtu, mac, domainName,
                domainLocalOnly, dns, vlan, bandwidth, portIsolated, ips, routes, virtualPort, portGroups,
                dnsmasqOptions, count);
    }

    /** This definition with another UUID (e.g. to compare with a run that generated one). */
    public NetworkDef withUuid(String newUuid) {
        return new NetworkDef(name, newUuid, ipv6, trustGuestRxFilters, metadata, forward, bridge, mtu, mac,
                domainName, domainLocalOnly, dns, vlan, bandwidth, portIsolated, ips, routes, virtualPort, portGroups,
                dnsmasqOptions, connections);
    }
}
