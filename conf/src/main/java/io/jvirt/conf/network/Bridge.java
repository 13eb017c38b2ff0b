package io.jvirt.conf.network;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <bridge>}: the host bridge's name, firewalld zone, spanning tree settings and who manages
 * its MAC table ({@code kernel} or {@code libvirt}).
 *
 * @param stpGiven whether {@code stp} was written at all (only bridge-owning modes allow it)
 */
public record Bridge(String name, String zone, boolean stp, boolean stpGiven, long delay, String macTableManager) {
    public static final Bridge NONE = new Bridge(null, null, true, false, 0, null);

    static Bridge parse(String net, Element e) {
        if (e == null) {
            return NONE;
        }
        String name = NetXml.xprop(e, "name");
        String zone = NetXml.xprop(e, "zone");
        String stp = NetXml.xprop(e, "stp");
        long delay = 0;
        String delayStr = NetXml.xprop(e, "delay");
        if (delayStr != null) {
            Long d = NetXml.strToUnsignedNoSign(delayStr, 10, -1L);
            if (d == null) {
                throw NetErrors.xml("Invalid delay value in network '" + net + "'");
            }
            delay = d;
        }
        String mtm = NetXml.xprop(e, "macTableManager");
        if (mtm != null && !mtm.equals("kernel") && !mtm.equals("libvirt")) {
            throw NetErrors.xml("Invalid macTableManager setting '" + mtm + "' in network '" + net + "'");
        }
        return new Bridge(name, zone, !"off".equals(stp), stp != null, delay, mtm);
    }

    void format(XmlWriter w, boolean hasBridge) {
        if (!hasBridge && name == null && macTableManager == null) {
            return;
        }
        w.open("bridge").attr("name", name).attr("zone", zone);
        if (hasBridge) {
            w.attr("stp", stp ? "on" : "off").attr("delay", delay); // printed with %ld: signed
        }
        w.attr("macTableManager", macTableManager);
        w.close();
    }
}
