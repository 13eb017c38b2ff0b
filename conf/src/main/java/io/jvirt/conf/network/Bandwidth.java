package io.jvirt.conf.network;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <bandwidth>}: inbound and outbound rates (kilobytes per second, kilobytes for bursts).
 * libvirt keeps the element when it has either child, even if every rate is zero, and then prints it empty.
 */
public record Bandwidth(Rate inbound, Rate outbound) {
    /** A rate; 0 means unset. {@code floor} only ever comes from inbound rates of interfaces. */
    public record Rate(long average, long peak, long burst, long floor) {
        static Rate parse(Element e) {
            String average = NetXml.prop(e, "average");
            String peak = NetXml.prop(e, "peak");
            String burst = NetXml.prop(e, "burst");
            String floor = NetXml.prop(e, "floor");
            long a = 0;
            if (average != null) {
                a = number(average, "average");
            } else if (floor == null) {
                throw NetErrors.detail(ErrorDomain.NONE, "Missing mandatory average or floor attributes");
            }
            if ((peak != null || burst != null) && average == null) {
                throw NetErrors.unsupported(ErrorDomain.NONE, "'peak' and 'burst' require 'average' attribute");
            }
            long p = peak != null ? number(peak, "peak") : 0;
            long b = burst != null ? number(burst, "burst") : 0;
            long f = floor != null ? number(floor, "floor") : 0;
            return new Rate(a, p, b, f);
        }

        private static long number(String v, String what) {
            Long n = NetXml.strToUnsignedNoSign(v, 10, -1L);
            if (n == null) {
                throw NetErrors.unsupported(ErrorDomain.NONE,
                        "could not convert bandwidth " + what + " value '" + v + "'");
            }
            return n;
        }

        void format(XmlWriter w, String element) {
            if (average == 0 && floor == 0) {
                return;
            }
            w.open(element);
            if (average != 0) {
                w.attr("average", Long.toUnsignedString(average));
            }
            if (peak != 0) {
                w.attr("peak", Long.toUnsignedString(peak));
            }
            if (floor != 0) {
                w.attr("floor", Long.toUnsignedString(floor));
            }
            if (burst != 0) {
                w.attr("burst", Long.toUnsignedString(burst));
            }
            w.close();
        }
    }

    /** Parses {@code <bandwidth>} where floor is not allowed (networks and port groups); null if it has no rate. */
    static Bandwidth parse(Element e) {
        return parse(e, false);
    }

    /**
     * Parses {@code <bandwidth>}; {@code allowFloor} for network ports, whose inbound rate may have a
     * floor (libvirt checks it against the network when the port is plugged). Null if it has no rate.
     */
    static Bandwidth parse(Element e, boolean allowFloor) {
        Element in = null;
        Element out = null;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                String name = NetXml.localName(c);
                if (name.equals("inbound")) {
                    if (in != null) {
                        throw NetErrors.detail(ErrorDomain.NONE, "Only one child <inbound> element allowed");
                    }
                    in = c;
                } else if (name.equals("outbound")) {
                    if (out != null) {
                        throw NetErrors.detail(ErrorDomain.NONE, "Only one child <outbound> element allowed");
                    }
                    out = c;
                }
            }
        }
        Rate inbound = null;
        Rate outbound = null;
        if (in != null) {
            inbound = Rate.parse(in);
            if (inbound.floor() != 0 && !allowFloor) {
                throw NetErrors.unsupported(ErrorDomain.NONE, "floor attribute is not supported for this config");
            }
        }
        if (out != null) {
            outbound = Rate.parse(out);
            if (outbound.floor() != 0) {
                throw NetErrors.unsupported(ErrorDomain.NONE, "'floor' attribute allowed only in <inbound> element");
            }
        }
        return inbound == null && outbound == null ? null : new Bandwidth(inbound, outbound);
    }

    /**
     * A network port's {@code classID} attribute (the traffic class its floor was given on the
     * network's bridge): 0 when absent; read before the rates, as libvirt does.
     */
    static long parseClassId(Element e) {
        String v = NetXml.prop(e, "classID");
        if (v == null) {
            return 0;
        }
        Long id = NetXml.strToUi(v, 10);
        if (id == null) {
            throw NetErrors.internal(ErrorDomain.NONE, "Unable to parse class id '" + v + "'");
        }
        return id;
    }

    void format(XmlWriter w) {
        format(w, 0);
    }

    /** Formats with a port's class id ({@code classID='N'} unless 0). */
    void format(XmlWriter w, long classId) {
        w.open("bandwidth");
        if (classId != 0) {
            w.attr("classID", classId);
        }
        w.endStartTag();
        if (inbound != null) {
            inbound.format(w, "inbound");
        }
        if (outbound != null) {
            outbound.format(w, "outbound");
        }
        w.close();
    }
}
