package io.jvirt.conf.capabilities;

import java.util.Objects;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * The domain capabilities document ({@code virConnectGetDomainCapabilities},
 * {@code domaincaps.rng}): what one emulator can do for one architecture, machine and domain type. A
 * driver fills this model; {@link #format()} prints it exactly as libvirt 9.0 does.
 *
 * @param path       emulator binary
 * @param domain     domain type
 * @param machine    machine type, null when the driver has none
 * @param arch       guest architecture
 * @param maxVcpus   {@code <vcpu max>}, 0 when unknown (not written)
 * @param iothreads  {@code <iothreads supported>}, null when not reported
 * @param os         firmware and loader
 * @param cpu        CPU modes
 * @param memoryBacking memory backing source types
 * @param devices    device types and their attribute values
 * @param features   domain features
 */
public record DomainCapabilities(String path, VirtType domain, String machine, Arch arch, int maxVcpus,
        Boolean iothreads, DomainOsCaps os, DomainCpuCaps cpu, SupportedCaps memoryBacking, DomainDeviceCaps devices,
        DomainFeatureCaps features) {

    public DomainCapabilities {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(arch, "arch");
        os = os == null ? DomainOsCaps.ABSENT : os;
        cpu = cpu == null ? new DomainCpuCaps(false, null, false, null, null, null) : cpu;
        memoryBacking = memoryBacking == null ? SupportedCaps.ABSENT : memoryBacking;
        devices = devices == null ? DomainDeviceCaps.NONE : devices;
        features = features == null ? DomainFeatureCaps.NONE : features;
    }

    /** Reads a domain capabilities document, e.g. one a real libvirt printed. */
    public static DomainCapabilities parse(String xml) {
        Element root = SecureXml.parse(xml, "domainCapabilities", "domain capabilities");
        return CapsXml.guarded(() -> parse(root));
    }

    private static DomainCapabilities parse(Element root) {
        String vcpu = CapsXml.optChild(root, "vcpu").map(v -> CapsXml.required(v, "max")).orElse(null);
        Element cpu = CapsXml.child(root, "cpu");
        return new DomainCapabilities(CapsXml.text(root, "path"), VirtType.fromXml(CapsXml.text(root, "domain")),
                CapsXml.text(root, "machine"), Arch.fromXml(CapsXml.text(root, "arch")),
                vcpu == null ? 0 : Math.toIntExact(CapsXml.parseLong(vcpu, "vcpu/@max")),
                CapsXml.optChild(root, "iothreads").map(CapsXml::supportedAttr).orElse(null),
                DomainOsCaps.parse(CapsXml.child(root, "os")), cpu == null ? null : DomainCpuCaps.parse(cpu),
                SupportedCaps.parseChild(root, "memoryBacking"), DomainDeviceCaps.parse(CapsXml.child(root, "devices")),
                DomainFeatureCaps.parse(CapsXml.child(root, "features")));
    }

    /** The document as libvirt prints it. */
    public String format() {
        XmlWriter w = new XmlWriter();
        w.open("domainCapabilities");
        w.leaf("path", path);
        w.leaf("domain", domain.xmlName());
        CapsXml.rawLeaf(w, "machine", machine);
        w.leaf("arch", arch.xmlName());
        if (maxVcpus != 0) {
            w.open("vcpu").attr("max", maxVcpus).close();
        }
        DomainFeatureCaps.formatSimple(w, "iothreads", iothreads);
        os.format(w);
        cpu.format(w);
        memoryBacking.format(w, "memoryBacking");
        devices.format(w);
        features.format(w);
        w.close();
        return w.toString();
    }
}
