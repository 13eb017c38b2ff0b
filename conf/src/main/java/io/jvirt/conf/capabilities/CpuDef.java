package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * The description of a CPU that the capabilities documents carry: the host CPU in
 * {@code <host><cpu>} and the host-model CPU in domain capabilities. Every part is optional (null)
 * and written only when set; the host CPU has no {@code fallback} and no feature policies, the
 * host-model CPU has no microcode, signature or counter.
 *
 * @param model       CPU model name
 * @param fallback    {@code allow} or {@code forbid} (guest CPUs only)
 * @param vendorId    {@code vendor_id} attribute of the model (guest CPUs only)
 * @param vendor      vendor name
 * @param microcode   microcode version (host only)
 * @param signature   family, model, stepping (host only)
 * @param counter     TSC frequency (host only)
 * @param topology    sockets, dies, cores, threads
 * @param cache       cache mode
 * @param maxPhysAddr physical address bits
 * @param features    CPU features in order
 */
public record CpuDef(String model, String fallback, String vendorId, String vendor, Long microcode,
        Signature signature, Counter counter, Topology topology, Cache cache, MaxPhysAddr maxPhysAddr,
        List<Feature> features) {

    public CpuDef {
        features = features == null ? List.of() : List.copyOf(features);
    }

    /** {@code <signature family model stepping/>} of a host CPU. */
    public record Signature(long family, long model, long stepping) {
    }

    /** {@code <counter name='tsc' frequency scaling/>}; {@code scaling} null when unknown. */
    public record Counter(long frequency, Boolean scaling) {
    }

    /** {@code <topology sockets dies cores threads/>}. */
    public record Topology(int sockets, int dies, int cores, int threads) {
    }

    /** {@code <cache level mode/>}; {@code level} null when not given. */
    public record Cache(Integer level, String mode) {
    }

    /** {@code <maxphysaddr mode bits limit/>}; {@code bits} and {@code limit} null when not given. */
    public record MaxPhysAddr(String mode, Integer bits, Integer limit) {
    }

    /** {@code <feature [policy] name/>}; {@code policy} null for host CPUs. */
    public record Feature(String name, String policy) {
        public static Feature host(String name) {
            return new Feature(name, null);
        }
    }

    /** Reads the children of a {@code <cpu>} or {@code <mode name='host-model'>} element. */
    static CpuDef parse(Element e) {
        String model = null;
        String fallback = null;
        String vendorId = null;
        Element m = CapsXml.child(e, "model");
        if (m != null) {
            model = m.getTextContent().isEmpty() ? null : m.getTextContent();
            fallback = Xml.attr(m, "fallback");
            vendorId = Xml.attr(m, "vendor_id");
        }
        Long microcode = CapsXml.optChild(e, "microcode").map(x -> CapsXml.longAttr(x, "version")).orElse(null);
        Signature signature = CapsXml.optChild(e, "signature").map(x -> new Signature(CapsXml.longAttr(x, "family"),
                CapsXml.longAttr(x, "model"), CapsXml.longAttr(x, "stepping"))).orElse(null);
        Counter counter = CapsXml.optChild(e, "counter")
                .map(x -> new Counter(CapsXml.longAttr(x, "frequency"), Xml.yesNo(x, "scaling"))).orElse(null);
        Topology topology = CapsXml.optChild(e, "topology").map(x -> new Topology(CapsXml.intAttr(x, "sockets"),
                CapsXml.intAttr(x, "dies"), CapsXml.intAttr(x, "cores"), CapsXml.intAttr(x, "threads"))).orElse(null);
        Cache cache = CapsXml.optChild(e, "cache")
                .map(x -> new Cache(CapsXml.intAttrOrNull(x, "level"), CapsXml.required(x, "mode"))).orElse(null);
        MaxPhysAddr addr = CapsXml.optChild(e, "maxphysaddr").map(x -> new MaxPhysAddr(CapsXml.required(x, "mode"),
                CapsXml.intAttrOrNull(x, "bits"), CapsXml.intAttrOrNull(x, "limit"))).orElse(null);
        List<Feature> features = CapsXml.map(e, "feature",
                x -> new Feature(CapsXml.required(x, "name"), Xml.attr(x, "policy")));
        return new CpuDef(model, fallback, vendorId, CapsXml.text(e, "vendor"), microcode, signature, counter,
                topology, cache, addr, features);
    }

    /** Writes the children of the enclosing {@code <cpu>} or {@code <mode>} element. */
    void format(XmlWriter w) {
        if (model != null || vendorId != null) {
            w.open("model").attr("fallback", model != null ? fallback : null).attr("vendor_id", vendorId);
            if (model != null) {
                w.text(model);
            } else {
                w.close();
            }
        }
        w.leaf("vendor", vendor);
        if (microcode != null) {
            w.open("microcode").attr("version", microcode).close();
        }
        if (signature != null) {
            w.open("signature").attr("family", signature.family()).attr("model", signature.model())
                    .attr("stepping", signature.stepping()).close();
        }
        if (counter != null) {
            w.open("counter").attr("name", "tsc").attr("frequency", counter.frequency())
                    .yesNo("scaling", counter.scaling()).close();
        }
        if (topology != null) {
            w.open("topology").attr("sockets", topology.sockets()).attr("dies", topology.dies())
                    .attr("cores", topology.cores()).attr("threads", topology.threads()).close();
        }
        if (cache != null) {
            w.open("cache").attr("level", cache.level()).rawAttr("mode", cache.mode()).close();
        }
        if (maxPhysAddr != null) {
            w.open("maxphysaddr").rawAttr("mode", maxPhysAddr.mode()).attr("bits", maxPhysAddr.bits())
                    .attr("limit", maxPhysAddr.limit() != null && maxPhysAddr.limit() > 0 ? maxPhysAddr.limit() : null)
                    .close();
        }
        for (Feature f : features) {
            w.open("feature").rawAttr("policy", f.policy()).rawAttr("name", f.name()).close();
        }
    }
}
