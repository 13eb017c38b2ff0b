package io.jvirt.conf.network;

import java.util.Locale;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/** {@code <portgroup>}: settings that guest interfaces pick by name (or the default group). */
public record PortGroup(String name, boolean isDefault, Boolean trustGuestRxFilters, VirtualPort virtualPort,
        Bandwidth bandwidth, Vlan vlan) {

    static PortGroup parse(Element e) {
        String name = NetXml.xprop(e, "name");
        if (name == null) {
            throw NetErrors.xml("Missing required name attribute in portgroup");
        }
        String def = NetXml.xprop(e, "default");
        boolean isDefault = def != null && def.toLowerCase(Locale.ROOT).equals("yes");
        Boolean trust = NetXml.propYesNo(e, "trustGuestRxFilters");
        Element vp = NetXml.child(e, "virtualport");
        VirtualPort virtualPort = vp != null ? VirtualPort.parse(vp, false) : null;
        Element bw = NetXml.child(e, "bandwidth");
        Bandwidth bandwidth = bw != null ? Bandwidth.parse(bw) : null;
        Element vl = NetXml.child(e, "vlan");
        Vlan vlan = vl != null ? Vlan.parse(vl) : null;
        return new PortGroup(name, isDefault, trust, virtualPort, bandwidth, vlan);
    }

    void format(XmlWriter w) {
        w.open("portgroup").rawAttr("name", name);
        if (isDefault) {
            w.attr("default", "yes");
        }
        w.attr("trustGuestRxFilters", NetXml.yesNo(trustGuestRxFilters));
        w.endStartTag();
        if (vlan != null) {
            vlan.format(w);
        }
        if (virtualPort != null) {
            virtualPort.format(w);
        }
        if (bandwidth != null) {
            bandwidth.format(w);
        }
        w.close();
    }
}
