package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * The host's CPU caches ({@code <cache>}): one {@code <bank>} per cache, with its allocation
 * controls where the host supports cache allocation, and the cache monitor. Written only when there
 * is a bank or a monitor.
 */
public record HostCache(List<Bank> banks, ResctrlMonitor monitor) {
    public HostCache {
        banks = banks == null ? List.of() : List.copyOf(banks);
    }

    /**
     * A cache {@code <bank>}; its size is written in the largest unit that divides it.
     *
     * @param type {@code both}, {@code code} or {@code data}
     */
    public record Bank(int id, int level, String type, long sizeBytes, CpuSet cpus, List<Control> controls) {
        public Bank {
            controls = controls == null ? List.of() : List.copyOf(controls);
        }

        static Bank parse(Element e) {
            String unit = CapsXml.required(e, "unit");
            long size = CapsXml.bytes(CapsXml.longAttr(e, "size"), unit, "bank/@size");
            return new Bank(CapsXml.intAttr(e, "id"), CapsXml.intAttr(e, "level"), CapsXml.required(e, "type"), size,
                    CpuSet.parse(CapsXml.required(e, "cpus")), CapsXml.map(e, "control", Control::parse));
        }

        void format(XmlWriter w) {
            CapsXml.Pretty size = CapsXml.Pretty.of(sizeBytes);
            w.open("bank").attr("id", id).attr("level", level).rawAttr("type", type).attr("size", size.value())
                    .attr("unit", size.unit()).rawAttr("cpus", cpus.format());
            controls.forEach(c -> c.format(w));
            w.close();
        }
    }

    /**
     * Cache allocation {@code <control>}: granularity and minimum in bytes (written in a common unit),
     * scope ({@code both}, {@code code}, {@code data}) and the number of allocations.
     */
    public record Control(long granularityBytes, long minBytes, String type, int maxAllocs) {
        static Control parse(Element e) {
            String unit = CapsXml.required(e, "unit");
            Long min = CapsXml.longAttrOrNull(e, "min");
            return new Control(CapsXml.bytes(CapsXml.longAttr(e, "granularity"), unit, "control/@granularity"),
                    min == null ? 0 : CapsXml.bytes(min, unit, "control/@min"), CapsXml.required(e, "type"),
                    CapsXml.intAttr(e, "maxAllocs"));
        }

        void format(XmlWriter w) {
            CapsXml.Pretty gran = CapsXml.Pretty.of(granularityBytes);
            CapsXml.Pretty min = CapsXml.Pretty.of(minBytes);
            long granValue = gran.value();
            long minValue = min.value();
            String unit = gran.unit();
            if (minValue != 0) {
                long granDiv = gran.divisor();
                long minDiv = min.divisor();
                if (minDiv > granDiv) {
                    minValue *= minDiv / granDiv;
                } else if (minDiv < granDiv) {
                    unit = min.unit();
                    granValue *= granDiv / minDiv;
                }
            }
            w.open("control").attr("granularity", granValue).attr("min", minValue != 0 ? minValue : null)
                    .attr("unit", unit).rawAttr("type", type).attr("maxAllocs", maxAllocs).close();
        }
    }

    static HostCache parse(Element e) {
        return new HostCache(CapsXml.map(e, "bank", Bank::parse),
                Xml.child(e, "monitor").map(ResctrlMonitor::parse).orElse(null));
    }

    boolean isEmpty() {
        return banks.isEmpty() && monitor == null;
    }

    void format(XmlWriter w) {
        if (isEmpty()) {
            return;
        }
        w.open("cache");
        banks.forEach(b -> b.format(w));
        if (monitor != null) {
            monitor.format(w);
        }
        CapsXml.closeBlock(w);
    }
}
