package io.jvirt.conf.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <vlan>}: one or more tags; more than one makes a trunk.
 *
 * @param nativeMode {@code tagged} or {@code untagged} for the tag {@code nativeTag}, or null
 */
public record Vlan(List<Integer> tags, boolean trunk, String nativeMode, int nativeTag) {
    public Vlan {
        tags = List.copyOf(tags);
    }

    static Vlan parse(Element e) {
        List<Element> tagNodes = NetXml.children(e, "tag");
        if (tagNodes.isEmpty()) {
            throw NetErrors.xml(ErrorDomain.NONE,
                    "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
        }
        List<Integer> tags = new ArrayList<>();
        String nativeMode = null;
        int nativeTag = 0;
        for (Element t : tagNodes) {
            long id = NetXml.propUInt(t, "id", true, false);
            if (id > 4095) {
                throw NetErrors.xml(ErrorDomain.NONE, "vlan tag id " + id + " too large (maximum 4095)");
            }
            String mode = NetXml.prop(t, "nativeMode");
            if (mode != null) {
                if (nativeMode != null) {
                    throw NetErrors.xml(ErrorDomain.NONE, "duplicate native vlan setting");
                }
                if (!mode.equals("tagged") && !mode.equals("untagged")) {
                    throw NetXml.invalidValue(t, "nativeMode", mode);
                }
                nativeMode = mode;
                nativeTag = (int) id;
            }
            tags.add((int) id);
        }
        boolean trunk = tags.size() > 1;
        String t = NetXml.xprop(e, "trunk");
        if (t != null) {
            trunk = t.toLowerCase(Locale.ROOT).equals("yes");
            if (!trunk) {
                if (tags.size() > 1) {
                    throw NetErrors.xml(ErrorDomain.NONE, "invalid \"trunk='" + t
                            + "'\" in <vlan> - trunk='yes' is required for more than one vlan tag");
                }
                if (nativeMode != null) {
                    throw NetErrors.xml(ErrorDomain.NONE,
                            "invalid configuration in <vlan> - \"trunk='no'\" is not allowed with a native vlan id");
                }
                if (!t.toLowerCase(Locale.ROOT).equals("no")) {
                    throw NetErrors.xml(ErrorDomain.NONE, "invalid \"trunk='" + t + "'\" in <vlan> - must be yes or no");
                }
            }
        }
        return new Vlan(tags, trunk, nativeMode, nativeTag);
    }

    void format(XmlWriter w) {
        w.open("vlan");
        if (trunk) {
            w.attr("trunk", "yes");
        }
        for (int id : tags) {
            w.open("tag").attr("id", id);
            if (nativeMode != null && nativeTag == id) {
                w.attr("nativeMode", nativeMode);
            }
            w.close();
        }
        w.close();
    }
}
