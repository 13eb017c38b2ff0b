package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A host NUMA {@code <cell>}.
 *
 * @param id        node number
 * @param memoryKiB total memory of the node in KiB, 0 when unknown (then not written)
 * @param pages     free pages per page size
 * @param distances distances to other nodes ({@code <sibling>}s); zero values are left out
 * @param caches    memory side caches of the node
 * @param cpus      the node's CPUs ({@code <cpus num='N'>}, written even when empty)
 */
public record NumaCell(int id, long memoryKiB, List<Pages> pages, List<Distance> distances, List<MemoryCache> caches,
        List<Cpu> cpus) {
    public NumaCell {
        pages = pages == null ? List.of() : List.copyOf(pages);
        distances = distances == null ? List.of() : List.copyOf(distances);
        caches = caches == null ? List.of() : List.copyOf(caches);
        cpus = cpus == null ? List.of() : List.copyOf(cpus);
    }

    /** {@code <pages unit='KiB' size='4'>524288</pages>}: how many pages of a size are available. */
    public record Pages(long sizeKiB, long count) {
    }

    /** {@code <sibling id value/>}. */
    public record Distance(int cellId, int value) {
    }

    /**
     * A memory side cache ({@code <cache level associativity policy>} with {@code <size>} and
     * {@code <line>}).
     *
     * @param associativity {@code none}, {@code direct} or {@code full}
     * @param policy        {@code none}, {@code writeback} or {@code writethrough}
     * @param lineBytes     cache line in bytes, 0 when unknown
     */
    public record MemoryCache(int level, String associativity, String policy, long sizeKiB, long lineBytes) {
        static MemoryCache parse(Element e) {
            Element size = CapsXml.child(e, "size");
            Element line = CapsXml.child(e, "line");
            return new MemoryCache(CapsXml.intAttr(e, "level"), CapsXml.required(e, "associativity"),
                    CapsXml.required(e, "policy"),
                    size == null ? 0 : CapsXml.kib(CapsXml.required(size, "value"), Xml.attr(size, "unit"), "size"),
                    line == null ? 0 : CapsXml.longAttr(line, "value"));
        }

        void format(XmlWriter w) {
            w.open("cache").attr("level", level).rawAttr("associativity", associativity).rawAttr("policy", policy);
            w.open("size").attr("value", sizeKiB).attr("unit", "KiB").close();
            if (lineBytes != 0) {
                w.open("line").attr("value", lineBytes).attr("unit", "B").close();
            }
            w.close();
        }
    }

    /**
     * A {@code <cpu>} of a cell; the topology ids and siblings are written only when
     * {@code siblings} is known.
     */
    public record Cpu(int id, int socketId, int dieId, int coreId, CpuSet siblings) {
        /** A CPU whose topology is unknown: only its id is written. */
        public static Cpu idOnly(int id) {
            return new Cpu(id, 0, 0, 0, null);
        }

        static Cpu parse(Element e) {
            String siblings = Xml.attr(e, "siblings");
            if (siblings == null) {
                return idOnly(CapsXml.intAttr(e, "id"));
            }
            return new Cpu(CapsXml.intAttr(e, "id"), CapsXml.intAttr(e, "socket_id"), CapsXml.intAttr(e, "die_id"),
                    CapsXml.intAttr(e, "core_id"), CpuSet.parse(siblings));
        }

        void format(XmlWriter w) {
            w.open("cpu").attr("id", id);
            if (siblings != null) {
                w.attr("socket_id", socketId).attr("die_id", dieId).attr("core_id", coreId)
                        .rawAttr("siblings", siblings.format());
            }
            w.close();
        }
    }

    static NumaCell parse(Element e) {
        Element mem = CapsXml.child(e, "memory");
        long memory = mem == null ? 0 : CapsXml.kib(mem.getTextContent(), Xml.attr(mem, "unit"), "memory");
        List<Pages> pages = CapsXml.map(e, "pages", p -> new Pages(
                CapsXml.kib(CapsXml.required(p, "size"), Xml.attr(p, "unit"), "pages/@size"), CapsXml.longText(p)));
        List<Distance> distances = CapsXml.optChild(e, "distances").map(d -> CapsXml.map(d, "sibling",
                s -> new Distance(CapsXml.intAttr(s, "id"), CapsXml.intAttr(s, "value")))).orElse(List.of());
        List<MemoryCache> caches = CapsXml.map(e, "cache", MemoryCache::parse);
        List<Cpu> cpus = CapsXml.optChild(e, "cpus").map(c -> CapsXml.map(c, "cpu", Cpu::parse)).orElse(List.of());
        return new NumaCell(CapsXml.intAttr(e, "id"), memory, pages, distances, caches, cpus);
    }

    void format(XmlWriter w) {
        w.open("cell").attr("id", id);
        if (memoryKiB != 0) {
            w.open("memory").attr("unit", "KiB").text(Long.toString(memoryKiB));
        }
        for (Pages p : pages) {
            w.open("pages").attr("unit", "KiB").attr("size", p.sizeKiB()).text(Long.toString(p.count()));
        }
        List<Distance> shown = distances.stream().filter(d -> d.value() != 0).toList();
        if (!shown.isEmpty()) {
            w.open("distances");
            for (Distance d : shown) {
                w.open("sibling").attr("id", d.cellId()).attr("value", d.value()).close();
            }
            w.close();
        }
        caches.forEach(c -> c.format(w));
        w.open("cpus").attr("num", cpus.size());
        cpus.forEach(c -> c.format(w));
        w.close();
        w.close();
    }
}
