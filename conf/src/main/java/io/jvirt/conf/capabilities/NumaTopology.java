package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * The host's NUMA {@code <topology>}: its cells and, where the firmware describes them, the
 * latencies and bandwidths between initiators and targets ({@code <interconnects>}).
 */
public record NumaTopology(List<NumaCell> cells, List<Interconnect> interconnects) {
    public NumaTopology {
        cells = List.copyOf(cells);
        interconnects = interconnects == null ? List.of() : List.copyOf(interconnects);
    }

    /**
     * {@code <latency>} or {@code <bandwidth>} between an initiator and a target node.
     *
     * @param bandwidth  true for {@code <bandwidth>} (value in KiB/s), false for {@code <latency>}
     * @param cache      cache level of the target, 0 for none
     * @param accessType {@code access}, {@code read} or {@code write}
     */
    public record Interconnect(boolean bandwidth, int initiator, int target, int cache, String accessType,
            long value) {
        static Interconnect parse(Element e) {
            Integer cache = CapsXml.intAttrOrNull(e, "cache");
            return new Interconnect(e.getTagName().equals("bandwidth"), CapsXml.intAttr(e, "initiator"),
                    CapsXml.intAttr(e, "target"), cache == null ? 0 : cache, CapsXml.required(e, "type"),
                    CapsXml.longAttr(e, "value"));
        }

        void format(XmlWriter w) {
            w.open(bandwidth ? "bandwidth" : "latency").attr("initiator", initiator).attr("target", target)
                    .attr("cache", cache > 0 ? cache : null).rawAttr("type", accessType).attr("value", value);
            if (bandwidth) {
                w.attr("unit", "KiB");
            }
            w.close();
        }
    }

    static NumaTopology parse(Element e) {
        Element cells = CapsXml.child(e, "cells");
        List<Interconnect> ics = CapsXml.optChild(e, "interconnects")
                .map(i -> Xml.children(i).stream().map(Interconnect::parse).toList()).orElse(List.of());
        return new NumaTopology(cells == null ? List.of() : CapsXml.map(cells, "cell", NumaCell::parse), ics);
    }

    void format(XmlWriter w) {
        w.open("topology");
        w.open("cells").attr("num", cells.size());
        cells.forEach(c -> c.format(w));
        CapsXml.closeBlock(w);
        if (!interconnects.isEmpty()) {
            w.open("interconnects");
            interconnects.forEach(i -> i.format(w));
            w.close();
        }
        w.close();
    }
}
