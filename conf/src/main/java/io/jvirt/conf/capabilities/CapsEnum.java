package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <enum name='bus'><value>ide</value>...</enum>} of domain capabilities: the values an
 * attribute of the domain XML may take, in the driver's order ({@code <enum name='x'/>} when none).
 */
public record CapsEnum(String name, List<String> values) {
    public CapsEnum {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static CapsEnum of(String name, String... values) {
        return new CapsEnum(name, List.of(values));
    }

    static CapsEnum parse(Element e) {
        return new CapsEnum(CapsXml.required(e, "name"), CapsXml.map(e, "value", Element::getTextContent));
    }

    static List<CapsEnum> parseAll(Element parent) {
        return CapsXml.map(parent, "enum", CapsEnum::parse);
    }

    void format(XmlWriter w) {
        w.open("enum").rawAttr("name", name);
        for (String v : values) {
            CapsXml.rawLeaf(w, "value", v);
        }
        w.close();
    }
}
