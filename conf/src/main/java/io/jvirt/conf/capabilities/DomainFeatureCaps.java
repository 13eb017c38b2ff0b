package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <features>} of domain capabilities, in libvirt's order. The simple features are
 * {@code <name supported='yes|no'/>}, null when not reported; {@code sev} and {@code sgx} are
 * always written ({@code supported='no'} when null); {@code gic} and {@code hyperv} are
 * {@link SupportedCaps}.
 */
public record DomainFeatureCaps(SupportedCaps gic, Boolean vmcoreinfo, Boolean genid, Boolean backingStoreInput,
        Boolean backup, Boolean asyncTeardown, Boolean s390Pv, Sev sev, Sgx sgx, SupportedCaps hyperv) {

    public static final DomainFeatureCaps NONE = new DomainFeatureCaps(null, null, null, null, null, null, null, null,
            null, null);

    public DomainFeatureCaps {
        gic = gic == null ? SupportedCaps.ABSENT : gic;
        hyperv = hyperv == null ? SupportedCaps.ABSENT : hyperv;
    }

    /**
     * AMD SEV parameters.
     *
     * @param cpu0Id the platform's CPU 0 id, null when unknown
     */
    public record Sev(int cbitpos, int reducedPhysBits, int maxGuests, int maxESGuests, String cpu0Id) {
        static Sev parse(Element e) {
            return new Sev(intText(e, "cbitpos"), intText(e, "reducedPhysBits"), intText(e, "maxGuests"),
                    intText(e, "maxESGuests"), CapsXml.text(e, "cpu0Id"));
        }

        void format(XmlWriter w) {
            w.leaf("cbitpos", cbitpos);
            w.leaf("reducedPhysBits", reducedPhysBits);
            w.leaf("maxGuests", maxGuests);
            w.leaf("maxESGuests", maxESGuests);
            CapsXml.rawLeaf(w, "cpu0Id", cpu0Id);
        }
    }

    /** Intel SGX parameters: flags, EPC section size and the EPC sections per NUMA node. */
    public record Sgx(boolean flc, boolean sgx1, boolean sgx2, long sectionSizeKiB, List<Section> sections) {
        public Sgx {
            sections = sections == null ? List.of() : List.copyOf(sections);
        }

        /** {@code <section node size unit='KiB'/>}. */
        public record Section(int node, long sizeKiB) {
        }

        static Sgx parse(Element e) {
            Element size = CapsXml.child(e, "section_size");
            List<Section> sections = CapsXml.optChild(e, "sections").map(s -> CapsXml.map(s, "section",
                    x -> new Section(CapsXml.intAttr(x, "node"),
                            CapsXml.kib(CapsXml.required(x, "size"), x.getAttribute("unit"), "section/@size"))))
                    .orElse(List.of());
            return new Sgx("yes".equals(CapsXml.text(e, "flc")), "yes".equals(CapsXml.text(e, "sgx1")),
                    "yes".equals(CapsXml.text(e, "sgx2")),
                    size == null ? 0 : CapsXml.kib(size.getTextContent(), size.getAttribute("unit"), "section_size"),
                    sections);
        }

        void format(XmlWriter w) {
            w.leaf("flc", flc ? "yes" : "no");
            w.leaf("sgx1", sgx1 ? "yes" : "no");
            w.leaf("sgx2", sgx2 ? "yes" : "no");
            w.open("section_size").attr("unit", "KiB").text(Long.toString(sectionSizeKiB));
            if (!sections.isEmpty()) {
                w.open("sections");
                for (Section s : sections) {
                    w.open("section").attr("node", s.node()).attr("size", s.sizeKiB()).attr("unit", "KiB").close();
                }
                w.close();
            }
        }
    }

    private static int intText(Element e, String name) {
        String t = CapsXml.text(e, name);
        if (t == null) {
            throw CapsXml.error("missing " + name);
        }
        return Math.toIntExact(CapsXml.parseLong(t, name));
    }

    static DomainFeatureCaps parse(Element e) {
        if (e == null) {
            return NONE;
        }
        Element sev = CapsXml.child(e, "sev");
        Element sgx = CapsXml.child(e, "sgx");
        return new DomainFeatureCaps(SupportedCaps.parseChild(e, "gic"), simple(e, "vmcoreinfo"), simple(e, "genid"),
                simple(e, "backingStoreInput"), simple(e, "backup"), simple(e, "async-teardown"), simple(e, "s390-pv"),
                sev != null && Boolean.TRUE.equals(CapsXml.supportedAttr(sev)) ? Sev.parse(sev) : null,
                sgx != null && Boolean.TRUE.equals(CapsXml.supportedAttr(sgx)) ? Sgx.parse(sgx) : null,
                SupportedCaps.parseChild(e, "hyperv"));
    }

    private static Boolean simple(Element parent, String name) {
        return CapsXml.optChild(parent, name).map(CapsXml::supportedAttr).orElse(null);
    }

    static void formatSimple(XmlWriter w, String name, Boolean supported) {
        if (supported != null) {
            w.open(name).yesNo("supported", supported).close();
        }
    }

    void format(XmlWriter w) {
        w.open("features");
        gic.format(w, "gic");
        formatSimple(w, "vmcoreinfo", vmcoreinfo);
        formatSimple(w, "genid", genid);
        formatSimple(w, "backingStoreInput", backingStoreInput);
        formatSimple(w, "backup", backup);
        formatSimple(w, "async-teardown", asyncTeardown);
        formatSimple(w, "s390-pv", s390Pv);
        CapsXml.supported(w, "sev", sev != null, sev, (x, s) -> s.format(x));
        CapsXml.supported(w, "sgx", sgx != null, sgx, (x, s) -> s.format(x));
        hyperv.format(w, "hyperv");
        w.close();
    }
}
