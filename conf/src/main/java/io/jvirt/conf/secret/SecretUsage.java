package io.jvirt.conf.secret;

import java.util.Objects;

import org.w3c.dom.Element;

import io.jvirt.api.SecretUsageType;
import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <usage type='...'>}: what a secret protects, named by one child element whose text is the
 * usage ID ({@code <volume>} path, {@code <name>}, {@code <target>}). libvirt matches secrets by
 * this ID, so it is kept exactly as written, white space included.
 *
 * @param id the usage ID; null only for {@link SecretUsageType#NONE}
 */
public record SecretUsage(SecretUsageType type, String id) {
    /** A secret without usage (no {@code <usage>}, or {@code type='none'}). */
    public static final SecretUsage NONE = new SecretUsage(SecretUsageType.NONE, null);

    /** Each type's element and how libvirt names the type and the element in its error. */
    private enum Form {
        NONE(null, null, null),
        VOLUME("volume", "volume", "volume path"),
        CEPH("name", "Ceph", "name"),
        ISCSI("target", "iSCSI", "target"),
        TLS("name", "TLS", "name"),
        VTPM("name", "vTPM", "name");

        final String element;
        final String typeWord;
        final String elementWord;

        Form(String element, String typeWord, String elementWord) {
            this.element = element;
            this.typeWord = typeWord;
            this.elementWord = elementWord;
        }

        static Form of(SecretUsageType type) {
            return values()[type.ordinal()];
        }
    }

    public SecretUsage {
        Objects.requireNonNull(type, "type");
        if (type == SecretUsageType.NONE) {
            id = null;
        } else if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(type + " usage needs an ID");
        }
    }

    /** The usage ID as libvirt's API reports it: empty for none. */
    public String idOrEmpty() {
        return id == null ? "" : id;
    }

    static SecretUsage parse(Element usage) {
        String word = Xml.attr(usage, "type");
        if (word == null || word.isEmpty()) {
            throw SecretErrors.xmlError("unknown secret usage type");
        }
        SecretUsageType type = typeOf(word);
        if (type == null) {
            throw SecretErrors.configUnsupported("unknown secret usage type " + word);
        }
        Form form = Form.of(type);
        if (form.element == null) {
            return NONE;
        }
        String id = Xml.childText(usage, form.element);
        if (id == null || id.isEmpty()) {
            throw SecretErrors.internal(form.typeWord + " usage specified, but " + form.elementWord + " is missing");
        }
        return new SecretUsage(type, id);
    }

    void format(XmlWriter w) {
        Form form = Form.of(type);
        if (form.element == null) {
            return;
        }
        w.open("usage").attr("type", Xml.xmlName(type));
        w.leaf(form.element, id);
        w.close();
    }

    /** The usage type of an XML word ({@code volume}, {@code ceph}, ...), or null. */
    public static SecretUsageType typeOf(String word) {
        for (SecretUsageType t : SecretUsageType.values()) {
            if (Xml.xmlName(t).equals(word)) {
                return t;
            }
        }
        return null;
    }
}
