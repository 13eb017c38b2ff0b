package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * The host's memory bandwidth allocation ({@code <memory_bandwidth>}): one {@code <node>} per
 * controller and the bandwidth monitor. Written only when there is a node or a monitor.
 */
public record MemoryBandwidth(List<Node> nodes, ResctrlMonitor monitor) {
    public MemoryBandwidth {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** A {@code <node id cpus>} with its {@code <control granularity min maxAllocs/>} (percentages). */
    public record Node(int id, CpuSet cpus, int granularity, int min, int maxAllocs) {
        static Node parse(Element e) {
            Element c = CapsXml.child(e, "control");
            if (c == null) {
                throw CapsXml.error("missing control in memory_bandwidth node");
            }
            Integer min = CapsXml.intAttrOrNull(c, "min");
            return new Node(CapsXml.intAttr(e, "id"), CpuSet.parse(CapsXml.required(e, "cpus")),
                    CapsXml.intAttr(c, "granularity"), min == null ? 0 : min, CapsXml.intAttr(c, "maxAllocs"));
        }

        void format(XmlWriter w) {
            w.open("node").attr("id", id).rawAttr("cpus", cpus.format());
            w.open("control").attr("granularity", granularity).attr("min", min).attr("maxAllocs", maxAllocs).close();
            w.close();
        }
    }

    static MemoryBandwidth parse(Element e) {
        return new MemoryBandwidth(CapsXml.map(e, "node", Node::parse),
                Xml.child(e, "monitor").map(ResctrlMonitor::parse).orElse(null));
    }

    boolean isEmpty() {
        return nodes.isEmpty() && monitor == null;
    }

    void format(XmlWriter w) {
        if (isEmpty()) {
            return;
        }
        w.open("memory_bandwidth");
        nodes.forEach(n -> n.format(w));
        if (monitor != null) {
            monitor.format(w);
        }
        CapsXml.closeBlock(w);
    }
}
