package io.jvirt.conf.capabilities;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A feature of a guest type in {@code <guest><features>}. Features with toggles
 * ({@link Type#toggles()}) carry whether they are on by default and whether a domain may change
 * them; the others are plain {@code <name/>}.
 *
 * @param defaultOn {@code default='on'/'off'}, null when not written
 * @param toggle    {@code toggle='yes'/'no'}, null when not written
 */
public record GuestFeature(Type type, Boolean defaultOn, Boolean toggle) {

    /** The guest features in libvirt's order of output. */
    public enum Type {
        PAE("pae", false),
        NONPAE("nonpae", false),
        IA64_BE("ia64_be", false),
        ACPI("acpi", true),
        APIC("apic", true),
        CPUSELECTION("cpuselection", false),
        DEVICEBOOT("deviceboot", false),
        DISKSNAPSHOT("disksnapshot", true),
        HAP("hap", true),
        EXTERNAL_SNAPSHOT("externalSnapshot", false);

        private final String xmlName;
        private final boolean toggles;

        Type(String xmlName, boolean toggles) {
            this.xmlName = xmlName;
            this.toggles = toggles;
        }

        public String xmlName() {
            return xmlName;
        }

        /** Whether libvirt always reports {@code default} and {@code toggle} for this feature. */
        public boolean toggles() {
            return toggles;
        }

        public static Type fromXml(String name) {
            for (Type t : values()) {
                if (t.xmlName.equals(name)) {
                    return t;
                }
            }
            throw CapsXml.error("unknown guest feature '" + name + "'");
        }
    }

    /** A feature without toggles, e.g. {@code <pae/>}. */
    public static GuestFeature of(Type type) {
        return type.toggles() ? new GuestFeature(type, false, false) : new GuestFeature(type, null, null);
    }

    /** A feature with toggles, e.g. {@code <acpi default='on' toggle='yes'/>}. */
    public static GuestFeature withToggle(Type type, boolean defaultOn, boolean toggle) {
        return type.toggles() ? new GuestFeature(type, defaultOn, toggle) : new GuestFeature(type, null, null);
    }

    static GuestFeature parse(Element e) {
        return new GuestFeature(Type.fromXml(e.getTagName()), Xml.onOff(e, "default"), Xml.yesNo(e, "toggle"));
    }

    void format(XmlWriter w) {
        w.open(type.xmlName()).onOff("default", defaultOn).yesNo("toggle", toggle).close();
    }
}
