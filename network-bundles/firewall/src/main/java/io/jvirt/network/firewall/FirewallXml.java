package io.jvirt.network.firewall;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A firewall as libvirt 10.x keeps the removal of a network's rules in the network's status file
 * ({@code <firewall name='fwRemoval' backend='nftables'><group ignoreErrors='yes'><action
 * layer='ipv4'><args><item>delete</item>...}), so that a successor driver removes by the handles nft
 * gave when the rules were added. Queries are not kept.
 */
public final class FirewallXml {
    private FirewallXml() {
    }

    /** The {@code <firewall>} element, indented by {@code indent} levels, ending in a newline. */
    public static String format(Firewall fw, String name, int indent) {
        XmlWriter w = new XmlWriter(indent);
        w.open("firewall").attr("name", name).attr("backend", fw.backend().configName());
        for (Transaction t : fw.transactions()) {
            w.open("group");
            if (t.ignoreErrors()) {
                w.attr("ignoreErrors", "yes");
            }
            for (Command c : t.commands()) {
                w.open("action").attr("layer", c.layer().xml());
                // a group that ignores errors says it once for all its actions
                if (c.ignoreErrors() && !t.ignoreErrors()) {
                    w.attr("ignoreErrors", "yes");
                }
                w.open("args");
                for (String a : c.args()) {
                    w.leaf("item", a);
                }
                w.close().close();
            }
            w.close();
        }
        w.close();
        return w.toString();
    }

    public static Firewall parse(String xml) {
        return parse(SecureXml.parse(xml, "firewall", "firewall"));
    }

    /** Reads a {@code <firewall>} element; groups without actions and actions without args are skipped. */
    public static Firewall parse(Element e) {
        Backend backend = Backend.ofConfig(e.getAttribute("backend"));
        if (backend == null) {
            throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.NONE,
                    "Invalid value for attribute 'backend' in element 'firewall': '" + e.getAttribute("backend") + "'.");
        }
        Firewall.Builder b = Firewall.builder(backend);
        for (Element g : Xml.children(e, "group")) {
            List<Element> actions = Xml.children(g, "action");
            if (actions.isEmpty()) {
                continue;
            }
            b.transaction("yes".equals(g.getAttribute("ignoreErrors")), false);
            for (Element a : actions) {
                var args = Xml.child(a, "args");
                if (args.isEmpty()) {
                    continue;
                }
                Layer layer = Layer.ofXml(a.getAttribute("layer"));
                if (layer == null) {
                    throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.NONE,
                            "Invalid value for attribute 'layer' in element 'action': '" + a.getAttribute("layer")
                                    + "'.");
                }
                List<String> items = new ArrayList<>();
                for (Element i : Xml.children(args.get(), "item")) {
                    items.add(i.getTextContent());
                }
                if (items.isEmpty()) {
                    throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                            "Invalid firewall command has 0 arguments");
                }
                if ("yes".equals(a.getAttribute("ignoreErrors"))) {
                    b.addIgnoringErrors(layer, items.toArray(String[]::new));
                } else {
                    b.add(layer, items);
                }
            }
        }
        return b.build();
    }
}
