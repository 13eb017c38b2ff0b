package io.jvirt.conf.network;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/** {@code <dns>}: the network's DNS server settings and records. */
public record Dns(Boolean enable, Boolean forwardPlainNames, List<Forwarder> forwarders, List<Txt> txts,
        List<Srv> srvs, List<Host> hosts) {
    public Dns {
        forwarders = List.copyOf(forwarders);
        txts = List.copyOf(txts);
        srvs = List.copyOf(srvs);
        hosts = List.copyOf(hosts);
    }

    /** No {@code <dns>} element. */
    public static final Dns NONE = new Dns(null, null, List.of(), List.of(), List.of(), List.of());

    /** {@code <forwarder>}: an upstream server, optionally only for a domain. */
    public record Forwarder(String domain, IpAddress addr) {
    }

    /** {@code <txt>} record. */
    public record Txt(String name, String value) {
    }

    /** {@code <srv>} record; 0 means an unset port, priority or weight. */
    public record Srv(String service, String protocol, String domain, String target, long port, long priority,
            long weight) {
    }

    /** {@code <host>}: an address and its names. */
    public record Host(IpAddress ip, List<String> hostnames) {
        public Host {
            hostnames = List.copyOf(hostnames);
        }
    }

    private static final String PROTOCOL_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+/";
    private static final String SERVICE_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/*";
    /** 512 bytes less the overhead RFC 2782 mentions. */
    private static final int SRV_LENGTH = 512 - 30;

    static Dns parse(String net, Element e) {
        Boolean enable = NetXml.propYesNo(e, "enable");
        Boolean plain = NetXml.propYesNo(e, "forwardPlainNames");
        List<Forwarder> fwds = new ArrayList<>();
        for (Element f : NetXml.children(e, "forwarder")) {
            String addr = NetXml.prop(f, "addr");
            IpAddress a = null;
            if (addr != null) {
                a = IpAddress.tryParse(addr);
                if (a == null) {
                    throw NetErrors.xml("Invalid forwarder IP address '" + addr + "' in network '" + net + "'");
                }
            }
            String domain = NetXml.prop(f, "domain");
            if (addr == null && domain == null) {
                throw NetErrors.xml("Invalid forwarder element, must contain at least one of addr or domain");
            }
            fwds.add(new Forwarder(domain, a));
        }
        List<Host> hosts = new ArrayList<>();
        for (Element h : NetXml.children(e, "host")) {
            hosts.add(parseHost(net, h));
        }
        List<Srv> srvs = new ArrayList<>();
        for (Element s : NetXml.children(e, "srv")) {
            srvs.add(parseSrv(net, s));
        }
        List<Txt> txts = new ArrayList<>();
        for (Element t : NetXml.children(e, "txt")) {
            txts.add(parseTxt(net, t));
        }
        if (Boolean.FALSE.equals(enable) && !(fwds.isEmpty() && hosts.isEmpty() && srvs.isEmpty() && txts.isEmpty())) {
            throw NetErrors.xml("Extra data in disabled network '" + net + "'");
        }
        return new Dns(enable, plain, fwds, txts, srvs, hosts);
    }

    private static Host parseHost(String net, Element e) {
        String ip = NetXml.prop(e, "ip");
        if (ip == null) {
            throw NetErrors.detail("Missing IP address in network '" + net + "' DNS HOST record");
        }
        IpAddress addr = IpAddress.tryParse(ip);
        if (addr == null) {
            throw NetErrors.detail("Invalid IP address in network '" + net + "' DNS HOST record");
        }
        List<String> names = new ArrayList<>();
        for (Element n : NetXml.children(e, "hostname")) {
            String name = n.getTextContent();
            if (name.isEmpty()) {
                throw NetErrors.detail("Missing hostname in network '" + net + "' DNS HOST record");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw NetErrors.detail("Missing hostname in network '" + net + "' DNS HOST record");
        }
        return new Host(addr, names);
    }

    private static boolean onlyChars(String s, String allowed) {
        for (int i = 0; i < s.length(); i++) {
            if (allowed.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Srv parseSrv(String net, Element e) {
        String service = NetXml.prop(e, "service");
        if (service == null) {
            throw NetErrors.detail("missing required service attribute in DNS SRV record of network '" + net + "'");
        }
        if (service.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SRV_LENGTH) {
            throw NetErrors.detail("service attribute '" + service + "' in network '" + net
                    + "' is too long, limit is " + SRV_LENGTH + " bytes");
        }
        if (!onlyChars(service, SERVICE_CHARS)) {
            throw NetErrors.detail("invalid character in service attribute '" + service
                    + "' in DNS SRV record of network '" + net + "'");
        }
        String protocol = NetXml.prop(e, "protocol");
        if (protocol == null) {
            throw NetErrors.detail("missing required protocol attribute in DNS SRV record '" + service
                    + "' of network '" + net + "'");
        }
        if (!onlyChars(protocol, PROTOCOL_CHARS)) {
            throw NetErrors.detail("invalid character in protocol attribute '" + protocol
                    + "' in DNS SRV record of network '" + net + "'");
        }
        String domain = NetXml.prop(e, "domain");
        String target = NetXml.prop(e, "target");
        long port = NetXml.xpathUInt(e, "port");
        if (port >= 0 && target == null) {
            throw NetErrors.detail("DNS SRV port attribute not permitted without target for service '" + service
                    + "' in network '" + net + "'");
        }
        if (port == -2 || (port >= 0 && (port < 1 || port > 65535))) {
            throw NetErrors.detail("invalid DNS SRV port attribute for service '" + service + "' in network '"
                    + net + "'");
        }
        long priority = NetXml.xpathUInt(e, "priority");
        if (priority >= 0 && target == null) {
            throw NetErrors.detail("DNS SRV priority attribute not permitted without target for service '"
                    + service + "' in network '" + net + "'");
        }
        if (priority == -2 || priority > 65535) {
            throw NetErrors.detail("Invalid DNS SRV priority attribute for service '" + service + "' in network '"
                    + net + "'");
        }
        long weight = NetXml.xpathUInt(e, "weight");
        if (weight >= 0 && target == null) {
            throw NetErrors.detail("DNS SRV weight attribute not permitted without target for service '" + service
                    + "' in network '" + net + "'");
        }
        if (weight == -2 || weight > 65535) {
            throw NetErrors.detail("invalid DNS SRV weight attribute for service '" + service + "' in network '"
                    + net + "'");
        }
        return new Srv(service, protocol, domain, target, Math.max(port, 0), Math.max(priority, 0),
                Math.max(weight, 0));
    }

    private static Txt parseTxt(String net, Element e) {
        String name = NetXml.prop(e, "name");
        if (name == null) {
            throw NetErrors.detail("missing required name attribute in DNS TXT record of network " + net);
        }
        if (name.indexOf(' ') >= 0 || name.indexOf(',') >= 0) {
            throw NetErrors.detail("prohibited character in DNS TXT record name '" + name + "' of network " + net);
        }
        String value = NetXml.prop(e, "value");
        if (value == null) {
            throw NetErrors.detail("missing required value attribute in DNS TXT record named '" + name
                    + "' of network " + net);
        }
        return new Txt(name, value);
    }

    void format(XmlWriter w) {
        boolean records = !(forwarders.isEmpty() && hosts.isEmpty() && srvs.isEmpty() && txts.isEmpty());
        if (enable == null && forwardPlainNames == null && !records) {
            return;
        }
        w.open("dns").attr("enable", NetXml.yesNo(enable)).attr("forwardPlainNames", NetXml.yesNo(forwardPlainNames));
        for (Forwarder f : forwarders) {
            w.open("forwarder").attr("domain", f.domain());
            if (f.addr() != null) {
                w.attr("addr", f.addr());
            }
            w.close();
        }
        for (Txt t : txts) {
            w.open("txt").attr("name", t.name()).attr("value", t.value()).close();
        }
        for (Srv s : srvs) {
            w.open("srv").attr("service", s.service()).attr("protocol", s.protocol()).attr("domain", s.domain())
                    .attr("target", s.target());
            if (s.port() != 0) {
                w.attr("port", s.port());
            }
            if (s.priority() != 0) {
                w.attr("priority", s.priority());
            }
            if (s.weight() != 0) {
                w.attr("weight", s.weight());
            }
            w.close();
        }
        for (Host h : hosts) {
            w.open("host").attr("ip", h.ip()).endStartTag();
            for (String n : h.hostnames()) {
                w.leaf("hostname", n);
            }
            w.close();
        }
        w.close();
    }
}
