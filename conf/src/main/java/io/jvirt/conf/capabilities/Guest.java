package io.jvirt.conf.capabilities;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A {@code <guest>}: an OS type the driver runs on an architecture, with the domain types that can
 * run it. Values libvirt prints without escaping (emulator, loader, machine names) are written the
 * same way.
 *
 * @param osType   {@code <os_type>}
 * @param arch     {@code <arch name>}
 * @param wordSize {@code <wordsize>}; {@link Arch#wordSize()} for libvirt's drivers
 * @param emulator default emulator, null for none
 * @param loader   default loader, null for none
 * @param machines default machine types
 * @param domains  domain types ({@code <domain type>}), each with its own emulator and machines
 * @param features guest features; written in libvirt's fixed order
 */
public record Guest(OsType osType, Arch arch, int wordSize, String emulator, String loader, List<Machine> machines,
        List<Domain> domains, List<GuestFeature> features) {

    public Guest {
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(arch, "arch");
        machines = machines == null ? List.of() : List.copyOf(machines);
        domains = domains == null ? List.of() : List.copyOf(domains);
        features = features == null ? List.of() : List.copyOf(features);
    }

    /** A guest whose word size is the architecture's, as libvirt's drivers register them. */
    public Guest(OsType osType, Arch arch, String emulator, String loader, List<Machine> machines,
            List<Domain> domains, List<GuestFeature> features) {
        this(osType, arch, arch.wordSize(), emulator, loader, machines, domains, features);
    }

    /**
     * A {@code <machine>} type.
     *
     * @param canonical  the machine this name is an alias of, null for none
     * @param maxCpus    maximum vCPUs, 0 when unknown
     * @param deprecated whether the emulator deprecates it (written only for the guest's default
     *                   machines, as libvirt does)
     */
    public record Machine(String name, String canonical, int maxCpus, boolean deprecated) {
        public static Machine of(String name) {
            return new Machine(name, null, 0, false);
        }

        static Machine parse(Element e) {
            Integer max = CapsXml.intAttrOrNull(e, "maxCpus");
            return new Machine(e.getTextContent(), Xml.attr(e, "canonical"), max == null ? 0 : max,
                    Boolean.TRUE.equals(Xml.yesNo(e, "deprecated")));
        }

        void format(XmlWriter w, boolean withDeprecated) {
            StringBuilder sb = new StringBuilder("<machine");
            if (canonical != null) {
                sb.append(" canonical='").append(canonical).append('\'');
            }
            if (maxCpus > 0) {
                sb.append(" maxCpus='").append(maxCpus).append('\'');
            }
            if (withDeprecated && deprecated) {
                sb.append(" deprecated='yes'");
            }
            w.raw(sb.append('>').append(name).append("</machine>").toString());
        }
    }

    /** A {@code <domain type>} with its own emulator, loader and machines (null/empty: the guest's). */
    public record Domain(VirtType type, String emulator, String loader, List<Machine> machines) {
        public Domain {
            Objects.requireNonNull(type, "type");
            machines = machines == null ? List.of() : List.copyOf(machines);
        }

        public static Domain of(VirtType type) {
            return new Domain(type, null, null, List.of());
        }

        static Domain parse(Element e) {
            return new Domain(VirtType.fromXml(CapsXml.required(e, "type")), CapsXml.text(e, "emulator"),
                    CapsXml.text(e, "loader"), CapsXml.map(e, "machine", Machine::parse));
        }

        void format(XmlWriter w) {
            w.open("domain").rawAttr("type", type.xmlName());
            CapsXml.rawLeaf(w, "emulator", emulator);
            CapsXml.rawLeaf(w, "loader", loader);
            machines.forEach(m -> m.format(w, false));
            w.close();
        }
    }

    static Guest parse(Element e) {
        Element arch = CapsXml.child(e, "arch");
        if (arch == null) {
            throw CapsXml.error("missing arch of guest");
        }
        String wordSize = CapsXml.text(arch, "wordsize");
        Arch a = Arch.fromXml(CapsXml.required(arch, "name"));
        List<GuestFeature> features = CapsXml.optChild(e, "features")
                .map(f -> Xml.children(f).stream().map(GuestFeature::parse).toList()).orElse(List.of());
        return new Guest(OsType.fromXml(CapsXml.text(e, "os_type")), a,
                wordSize == null ? a.wordSize() : (int) CapsXml.parseLong(wordSize, "wordsize"),
                CapsXml.text(arch, "emulator"), CapsXml.text(arch, "loader"), CapsXml.map(arch, "machine", Machine::parse),
                CapsXml.map(arch, "domain", Domain::parse), features);
    }

    void format(XmlWriter w) {
        w.open("guest");
        w.leaf("os_type", osType.xmlName());
        w.open("arch").rawAttr("name", arch.xmlName());
        w.leaf("wordsize", wordSize);
        CapsXml.rawLeaf(w, "emulator", emulator);
        CapsXml.rawLeaf(w, "loader", loader);
        machines.forEach(m -> m.format(w, true));
        domains.forEach(d -> d.format(w));
        CapsXml.closeBlock(w);
        if (!features.isEmpty()) {
            w.open("features");
            features.stream().sorted(Comparator.comparing(GuestFeature::type)).forEach(f -> f.format(w));
            w.close();
        }
        w.close();
    }
}
