package io.jvirt.conf.storage;

import java.util.UUID;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * A {@code <secret>} reference: by {@code uuid} or by {@code usage}, exactly one of them, with an
 * optional {@code type} word.
 */
public record SecretRef(String type, UUID uuid, String usage) {
    public SecretRef {
        if ((uuid == null) == (usage == null)) {
            throw new IllegalArgumentException("a secret is looked up by uuid or by usage");
        }
    }

    public static SecretRef byUuid(String type, UUID uuid) {
        return new SecretRef(type, uuid, null);
    }

    public static SecretRef byUsage(String type, String usage) {
        return new SecretRef(type, null, usage);
    }

    /** Reads the lookup part; {@code type} is given by the caller, who knows how it is read there. */
    static SecretRef parse(Element e, String type) {
        String uuid = StorageXml.prop(e, "uuid");
        String usage = StorageXml.prop(e, "usage");
        if (uuid == null && usage == null) {
            throw StorageXml.xmlUtilError("missing secret uuid or usage attribute");
        }
        if (uuid != null && usage != null) {
            throw StorageXml.xmlUtilError("either secret uuid or usage expected");
        }
        if (uuid != null) {
            UUID u = io.jvirt.conf.xml.UuidText.parse(uuid);
            if (u == null) {
                throw StorageXml.xmlUtilError("invalid secret uuid '" + uuid + "'");
            }
            return byUuid(type, u);
        }
        return byUsage(type, usage);
    }

    void format(XmlWriter w) {
        w.open("secret");
        // libvirt writes the type word as given, without escaping
        if (type != null) {
            w.rawAttr("type", type);
        }
        w.attr("uuid", uuid);
        w.attr("usage", usage);
        w.close();
    }
}
