package io.jvirt.conf.storage;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/** {@code <auth type='chap|ceph' username='...'>} with its {@code <secret>}, in a pool source. */
public record PoolAuth(AuthType type, String username, SecretRef secret) {
    /** The authentication scheme. */
    public enum AuthType {
        NONE("none"),
        CHAP("chap"),
        CEPH("ceph");

        private final String xml;

        AuthType(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    static PoolAuth parse(Element e) {
        String username = StorageXml.emptyToNull(StorageXml.prop(e, "username"));
        if (username == null) {
            throw StorageXml.xmlError("missing username for auth");
        }
        AuthType type = AuthType.NONE;
        String t = StorageXml.emptyToNull(StorageXml.prop(e, "type"));
        if (t != null) {
            type = null;
            for (AuthType a : AuthType.values()) {
                if (a.xml.equals(t)) {
                    type = a;
                }
            }
            if (type == null) {
                throw StorageXml.unsupported("unknown auth type '" + t + "'");
            }
        }
        Element secret = StorageXml.first(e, "secret");
        if (secret == null) {
            throw StorageXml.xmlError("Missing <secret> element in auth");
        }
        SecretRef ref = SecretRef.parse(secret, StorageXml.prop(secret, "type"));
        if (type == AuthType.NONE) {
            throw StorageXml.unsupported("storage pool missing auth type");
        }
        return new PoolAuth(type, username, ref);
    }

    void format(XmlWriter w) {
        w.open("auth");
        if (type != AuthType.NONE) {
            w.attr("type", type.xml());
        }
        w.attr("username", username);
        secret.format(w);
        w.close();
    }
}
