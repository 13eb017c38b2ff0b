package io.jvirt.conf.storage;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * A volume's {@code <encryption format='...' engine='...'>}: passphrase secrets, and for LUKS the
 * cipher and IV generator.
 *
 * @param format  encryption format
 * @param engine  encryption engine, null for the default
 * @param secrets {@code <secret type='passphrase' uuid|usage/>}
 * @param cipher  {@code <cipher>} (LUKS only), or null
 * @param ivgen   {@code <ivgen>} (LUKS only, needs a cipher), or null
 */
public record VolEncryption(Format format, Engine engine, List<SecretRef> secrets, Cipher cipher, Ivgen ivgen) {
    public VolEncryption {
        secrets = List.copyOf(secrets);
    }

    /** {@code format='...'}. */
    public enum Format {
        DEFAULT("default"),
        QCOW("qcow"),
        LUKS("luks"),
        LUKS2("luks2");

        private final String xml;

        Format(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    /** {@code engine='...'}; the default engine is written as no attribute. */
    public enum Engine {
        DEFAULT("default"),
        QEMU("qemu"),
        LIBRBD("librbd");

        private final String xml;

        Engine(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    /** {@code <cipher name size mode hash/>}. */
    public record Cipher(String name, long size, String mode, String hash) {
    }

    /** {@code <ivgen name hash/>}. */
    public record Ivgen(String name, String hash) {
    }

    /** The only secret type of volume encryption. */
    public static final String PASSPHRASE = "passphrase";

    static VolEncryption parse(Element e) {
        String f = StorageXml.emptyToNull(StorageXml.prop(e, "format"));
        if (f == null) {
            throw StorageXml.xmlError("unknown volume encryption format");
        }
        Format format = null;
        for (Format c : Format.values()) {
            if (c.xml.equals(f)) {
                format = c;
            }
        }
        if (format == null) {
            throw StorageXml.unsupported("unknown volume encryption format type " + f);
        }
        Engine engine = StorageXml.enumProp(e, "engine", Engine.values(), Engine::xml, false, false);
        List<SecretRef> secrets = new ArrayList<>();
        for (Element s : StorageXml.kids(e, "secret")) {
            String t = StorageXml.emptyToNull(StorageXml.prop(s, "type"));
            if (t == null) {
                throw StorageXml.xmlError("unknown volume encryption secret type");
            }
            if (!t.equals(PASSPHRASE)) {
                throw StorageXml.unsupported("unknown volume encryption secret type " + t);
            }
            secrets.add(SecretRef.parse(s, t));
        }
        Cipher cipher = null;
        Ivgen ivgen = null;
        if (format == Format.LUKS) {
            Element c = StorageXml.first(e, "cipher");
            if (c != null) {
                String name = StorageXml.prop(c, "name");
                if (name == null) {
                    throw StorageXml.xmlError("cipher info missing 'name' attribute");
                }
                long size = StorageXml.uintProp(c, "size", 10, true);
                cipher = new Cipher(name, size, StorageXml.prop(c, "mode"), StorageXml.prop(c, "hash"));
            }
            Element i = StorageXml.first(e, "ivgen");
            if (i != null) {
                if (cipher == null) {
                    throw StorageXml.xmlError("ivgen element found, but cipher is missing");
                }
                String name = StorageXml.prop(i, "name");
                if (name == null) {
                    throw StorageXml.xmlError("missing ivgen info name string");
                }
                ivgen = new Ivgen(name, StorageXml.prop(i, "hash"));
            }
        }
        return new VolEncryption(format, engine, secrets, cipher, ivgen);
    }

    void format(XmlWriter w) {
        w.open("encryption").attr("format", format.xml());
        if (engine != null && engine != Engine.DEFAULT) {
            w.attr("engine", engine.xml());
        }
        w.raw("");
        for (SecretRef s : secrets) {
            s.format(w);
        }
        if (format == Format.LUKS && cipher != null) {
            w.open("cipher").attr("name", cipher.name()).attr("size", cipher.size()).attr("mode", cipher.mode())
                    .attr("hash", cipher.hash()).close();
            if (ivgen != null) {
                w.open("ivgen").attr("name", ivgen.name()).attr("hash", ivgen.hash()).close();
            }
        }
        w.close();
    }
}
