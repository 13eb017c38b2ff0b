package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * An element of domain capabilities that says whether something is supported and, if it is, which
 * values its attributes take: {@code <disk supported='yes'><enum name='bus'>...</enum></disk>},
 * {@code <gic supported='no'/>}. Not written at all when {@code supported} is null.
 */
public record SupportedCaps(Boolean supported, List<CapsEnum> enums) {
    public static final SupportedCaps ABSENT = new SupportedCaps(null, List.of());
    public static final SupportedCaps UNSUPPORTED = new SupportedCaps(false, List.of());

    public SupportedCaps {
        enums = enums == null ? List.of() : List.copyOf(enums);
    }

    public static SupportedCaps of(CapsEnum... enums) {
        return new SupportedCaps(true, List.of(enums));
    }

    static SupportedCaps parse(Element e) {
        if (e == null) {
            return ABSENT;
        }
        return new SupportedCaps(CapsXml.supportedAttr(e), CapsEnum.parseAll(e));
    }

    static SupportedCaps parseChild(Element parent, String name) {
        return parse(CapsXml.child(parent, name));
    }

    void format(XmlWriter w, String name) {
        CapsXml.supported(w, name, supported, enums, (x, list) -> list.forEach(en -> en.format(x)));
    }
}
