package io.jvirt.conf.capabilities;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <host><cpu>}: the host's architecture, its named host features ({@code <features><pae/>}),
 * the CPU description and the page sizes the host supports.
 *
 * @param arch          host architecture, null when unknown
 * @param hostFeatures  element names written in {@code <features>}, e.g. {@code pae}, {@code vmx}
 * @param cpu           model, vendor, topology, features..., null when not probed
 * @param pageSizesKiB  supported page sizes in KiB
 */
public record HostCpu(Arch arch, List<String> hostFeatures, CpuDef cpu, List<Long> pageSizesKiB) {
    public HostCpu {
        hostFeatures = hostFeatures == null ? List.of() : List.copyOf(hostFeatures);
        pageSizesKiB = pageSizesKiB == null ? List.of() : List.copyOf(pageSizesKiB);
    }

    static HostCpu parse(Element e) {
        String arch = CapsXml.text(e, "arch");
        List<String> features = new ArrayList<>();
        CapsXml.optChild(e, "features").ifPresent(f -> Xml.children(f).forEach(x -> features.add(x.getTagName())));
        CpuDef cpu = CpuDef.parse(e);
        if (cpu.equals(new CpuDef(null, null, null, null, null, null, null, null, null, null, List.of()))) {
            cpu = null;
        }
        List<Long> pages = CapsXml.map(e, "pages",
                p -> CapsXml.kib(CapsXml.required(p, "size"), Xml.attr(p, "unit"), "pages/@size"));
        return new HostCpu(arch == null ? null : Arch.fromXml(arch), features, cpu, pages);
    }

    void format(XmlWriter w) {
        w.open("cpu");
        if (arch != null) {
            w.leaf("arch", arch.xmlName());
        }
        if (!hostFeatures.isEmpty()) {
            w.open("features");
            for (String f : hostFeatures) {
                w.raw("<" + f + "/>");
            }
            w.close();
        }
        if (cpu != null) {
            cpu.format(w);
        }
        for (long size : pageSizesKiB) {
            w.open("pages").attr("unit", "KiB").attr("size", size).close();
        }
        CapsXml.closeBlock(w);
    }
}
