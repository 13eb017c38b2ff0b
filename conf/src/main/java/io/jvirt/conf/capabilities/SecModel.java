package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <secmodel>}: a security driver of the host.
 *
 * @param model      driver name, e.g. {@code selinux}, {@code dac}, {@code none}
 * @param doi        domain of interpretation (may be empty, then written {@code <doi></doi>})
 * @param baseLabels base labels per virtualization type
 */
public record SecModel(String model, String doi, List<BaseLabel> baseLabels) {
    public SecModel {
        baseLabels = baseLabels == null ? List.of() : List.copyOf(baseLabels);
    }

    /** {@code <baselabel type='kvm'>+107:+107</baselabel>}. */
    public record BaseLabel(String type, String label) {
    }

    static SecModel parse(Element e) {
        return new SecModel(CapsXml.text(e, "model"), CapsXml.text(e, "doi"), CapsXml.map(e, "baselabel",
                b -> new BaseLabel(CapsXml.required(b, "type"), b.getTextContent())));
    }

    void format(XmlWriter w) {
        w.open("secmodel");
        rawLeafAlways(w, "model", model);
        rawLeafAlways(w, "doi", doi);
        for (BaseLabel b : baseLabels) {
            w.raw("<baselabel type='" + b.type() + "'>" + b.label() + "</baselabel>");
        }
        CapsXml.closeBlock(w);
    }

    /** libvirt prints these with {@code %s}: an empty value gives {@code <x></x>}, a missing one {@code (null)}. */
    private static void rawLeafAlways(XmlWriter w, String name, String value) {
        w.raw("<" + name + ">" + (value == null ? "(null)" : value) + "</" + name + ">");
    }
}
