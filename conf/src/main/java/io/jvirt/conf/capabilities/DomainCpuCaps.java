package io.jvirt.conf.capabilities;

import java.util.List;
import java.util.Locale;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <cpu>} of domain capabilities: the four CPU modes in libvirt's order.
 *
 * @param hostPassthrough           whether {@code host-passthrough} is supported
 * @param hostPassthroughMigratable its {@code hostPassthroughMigratable} enum, null when not reported
 * @param maximum                   whether {@code maximum} is supported
 * @param maximumMigratable         its {@code maximumMigratable} enum, null when not reported
 * @param hostModel                 the CPU {@code host-model} expands to, null when unsupported
 * @param customModels              the named models of {@code custom}; unsupported when empty
 */
public record DomainCpuCaps(boolean hostPassthrough, CapsEnum hostPassthroughMigratable, boolean maximum,
        CapsEnum maximumMigratable, CpuDef hostModel, List<CustomModel> customModels) {

    public DomainCpuCaps {
        customModels = customModels == null ? List.of() : List.copyOf(customModels);
    }

    /** Whether a named model can run on this host as it is. */
    public enum Usable {
        UNKNOWN, YES, NO;

        public String xmlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Usable fromXml(String v) {
            for (Usable u : values()) {
                if (u.xmlName().equals(v)) {
                    return u;
                }
            }
            throw CapsXml.error("invalid usable value '" + v + "'");
        }
    }

    /**
     * A {@code <model usable vendor>} of the custom mode.
     *
     * @param vendor the model's vendor, null for {@code unknown}
     */
    public record CustomModel(String name, Usable usable, boolean deprecated, String vendor) {
        static CustomModel parse(Element e) {
            String vendor = Xml.attr(e, "vendor");
            return new CustomModel(e.getTextContent(), Usable.fromXml(CapsXml.required(e, "usable")),
                    Boolean.TRUE.equals(Xml.yesNo(e, "deprecated")), "unknown".equals(vendor) ? null : vendor);
        }

        void format(XmlWriter w) {
            w.raw("<model usable='" + usable.xmlName() + "'" + (deprecated ? " deprecated='yes'" : "") + " vendor='"
                    + (vendor == null ? "unknown" : vendor) + "'>" + name + "</model>");
        }
    }

    static DomainCpuCaps parse(Element e) {
        boolean passthrough = false;
        CapsEnum passthroughMigratable = null;
        boolean maximum = false;
        CapsEnum maximumMigratable = null;
        CpuDef hostModel = null;
        List<CustomModel> custom = List.of();
        for (Element mode : CapsXml.children(e, "mode")) {
            boolean supported = Boolean.TRUE.equals(CapsXml.supportedAttr(mode));
            Element en = CapsXml.child(mode, "enum");
            switch (CapsXml.required(mode, "name")) {
                case "host-passthrough" -> {
                    passthrough = supported;
                    passthroughMigratable = en == null ? null : CapsEnum.parse(en);
                }
                case "maximum" -> {
                    maximum = supported;
                    maximumMigratable = en == null ? null : CapsEnum.parse(en);
                }
                case "host-model" -> hostModel = supported ? CpuDef.parse(mode) : null;
                case "custom" -> custom = supported ? CapsXml.map(mode, "model", CustomModel::parse) : List.of();
                default -> throw CapsXml.error("unknown CPU mode '" + mode.getAttribute("name") + "'");
            }
        }
        return new DomainCpuCaps(passthrough, passthroughMigratable, maximum, maximumMigratable, hostModel, custom);
    }

    void format(XmlWriter w) {
        w.open("cpu");
        formatMode(w, "host-passthrough", hostPassthrough, hostPassthroughMigratable);
        formatMode(w, "maximum", maximum, maximumMigratable);
        w.open("mode").attr("name", "host-model").attr("supported", hostModel != null ? "yes" : "no");
        if (hostModel != null) {
            hostModel.format(w);
            CapsXml.closeBlock(w);
        } else {
            w.close();
        }
        w.open("mode").attr("name", "custom").attr("supported", customModels.isEmpty() ? "no" : "yes");
        customModels.forEach(m -> m.format(w));
        w.close();
        w.close();
    }

    private static void formatMode(XmlWriter w, String name, boolean supported, CapsEnum migratable) {
        w.open("mode").attr("name", name).attr("supported", supported ? "yes" : "no");
        if (supported && migratable != null) {
            migratable.format(w);
        }
        w.close();
    }
}
