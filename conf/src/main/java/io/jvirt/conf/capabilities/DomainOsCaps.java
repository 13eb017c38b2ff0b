package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <os>} of domain capabilities: the firmware types ({@code <enum name='firmware'>}) and
 * {@code <loader>}.
 */
public record DomainOsCaps(Boolean supported, List<CapsEnum> enums, Loader loader) {
    public static final DomainOsCaps ABSENT = new DomainOsCaps(null, List.of(), Loader.ABSENT);

    public DomainOsCaps {
        enums = enums == null ? List.of() : List.copyOf(enums);
        loader = loader == null ? Loader.ABSENT : loader;
    }

    /**
     * {@code <loader supported>}: firmware images the driver knows ({@code <value>} paths, escaped)
     * and the enums {@code type}, {@code readonly}, {@code secure}.
     */
    public record Loader(Boolean supported, List<String> values, List<CapsEnum> enums) {
        public static final Loader ABSENT = new Loader(null, List.of(), List.of());

        public Loader {
            values = values == null ? List.of() : List.copyOf(values);
            enums = enums == null ? List.of() : List.copyOf(enums);
        }

        static Loader parse(Element e) {
            if (e == null) {
                return ABSENT;
            }
            return new Loader(CapsXml.supportedAttr(e), CapsXml.map(e, "value", Element::getTextContent),
                    CapsEnum.parseAll(e));
        }

        void format(XmlWriter w) {
            CapsXml.supported(w, "loader", supported, this, (x, l) -> {
                l.values.forEach(v -> x.leaf("value", v));
                l.enums.forEach(en -> en.format(x));
            });
        }
    }

    static DomainOsCaps parse(Element e) {
        if (e == null) {
            return ABSENT;
        }
        return new DomainOsCaps(CapsXml.supportedAttr(e), CapsEnum.parseAll(e), Loader.parse(CapsXml.child(e, "loader")));
    }

    void format(XmlWriter w) {
        CapsXml.supported(w, "os", supported, this, (x, os) -> {
            os.enums.forEach(en -> en.format(x));
            os.loader.format(x);
        });
    }
}
