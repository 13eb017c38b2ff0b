package io.jvirt.conf.secret;

import java.util.Objects;
import java.util.UUID;

import org.w3c.dom.Element;

import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.UuidText;
import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A secret's definition, {@code <secret ephemeral='..' private='..'>}: its UUID, description and
 * usage; never its value. {@link #parse} and {@link #format} read and write it as libvirt 9.0 does:
 * absent or empty attributes are {@code no}, an absent or empty {@code <uuid>} gets a random one,
 * an empty {@code <description>} is dropped, only the first of each element counts, and elements in
 * a namespace are not libvirt's (so ignored).
 *
 * @param isEphemeral kept in memory only: neither definition nor value is written to disk
 * @param isPrivate   the value is never returned to a client
 * @param description null when there is none
 */
public record SecretDef(UUID uuid, boolean isEphemeral, boolean isPrivate, String description, SecretUsage usage) {
    /** libvirt's name for a secret document in its parse errors. */
    private static final String WHAT = "definition_of_secret";

    public SecretDef {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * Parses a {@code <secret>} document.
     *
     * @throws io.jvirt.api.VirtException with libvirt's code, domain and message for what it rejects
     */
    public static SecretDef parse(String xml) {
        return parse(xml, null);
    }

    /**
     * As {@link #parse(String)}; with a validator, the document is first checked against libvirt's
     * schema ({@code VIR_SECRET_DEFINE_VALIDATE}), after it was read and its root checked.
     */
    public static SecretDef parse(String xml, SchemaValidator validator) {
        Element root = readDocument(xml);
        if (validator != null) {
            validator.validate(xml, SchemaValidator.Dialect.SECRET);
        }
        boolean ephemeral = yesNo(root, "ephemeral");
        boolean isPrivate = yesNo(root, "private");
        UUID uuid = UuidText.element(Xml.childText(root, "uuid"), () -> SecretErrors.internal("malformed uuid element"));
        String description = Xml.childText(root, "description");
        if (description != null && description.isEmpty()) {
            description = null;
        }
        SecretUsage usage = Xml.child(root, "usage").map(SecretUsage::parse).orElse(SecretUsage.NONE);
        return new SecretDef(uuid, ephemeral, isPrivate, description, usage);
    }

    /** Formats the definition as libvirt does (two-space indentation, final newline). */
    public String format() {
        XmlWriter w = new XmlWriter();
        w.open("secret").yesNo("ephemeral", isEphemeral).yesNo("private", isPrivate);
        w.leaf("uuid", uuid);
        w.leaf("description", description);
        usage.format(w);
        w.close();
        return w.toString();
    }

    /** The same definition with another UUID (a copy for a different object). */
    public SecretDef withUuid(UUID other) {
        return new SecretDef(other, isEphemeral, isPrivate, description, usage);
    }

    private static boolean yesNo(Element root, String name) {
        String v = Xml.attr(root, name);
        if (v == null || v.isEmpty()) {
            return false;
        }
        return switch (v) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw SecretErrors.xmlError("invalid value of '" + name + "'");
        };
    }

    private static Element readDocument(String xml) {
        if (xml == null || xml.isEmpty()) {
            // libxml2's words for no input at all, with its "(null)" context line
            throw SecretErrors.xmlDetail("(" + WHAT + "):1: Document is empty\n(null)\n^");
        }
        if (xml.isBlank()) {
            // only white space: libxml2 stops at the end, on the last line, still wanting a start tag
            String[] lines = xml.split("\n", -1);
            String last = lines[lines.length - 1];
            throw SecretErrors.xmlDetail("(" + WHAT + "):" + lines.length + ": Start tag expected, '<' not found\n"
                    + last + "\n" + "-".repeat(last.length()) + "^");
        }
        return SecureXml.parse(xml, "secret", WHAT);
    }
}
