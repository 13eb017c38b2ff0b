package io.jvirt.conf.domain;

import io.jvirt.conf.xml.ScaledNumber;
import io.jvirt.conf.xml.UuidText;

/** Reads the top level of {@code <domain>}; sections and devices are normalised by their own classes. */
final class DomainParser {
    static final String TEST_NS = "http://libvirt.org/schemas/domain/test/1.0";

    private DomainParser() {
    }

    static void parse(DomainDef def, XmlNode root, ParseContext ctx) {
        String type = root.attr("type");
        if (type == null) {
            throw Errors.xml("missing domain type attribute");
        }
        def.virtType(type);
        if (!ctx.inactive() && root.attr("id") != null) {
            try {
                def.id(Integer.parseInt(root.attr("id")));
            } catch (NumberFormatException e) {
                throw Errors.xml("invalid domain id '" + root.attr("id") + "'");
            }
        }
        boolean uuidSeen = false;
        for (XmlNode e : root.children()) {
            if (e.ns != null) {
                if (TEST_NS.equals(e.ns)) {
                    def.testNamespace.add(e);
                }
                continue;
            }
            String tag = e.name();
            switch (tag) {
                case "name" -> {
                    if (def.name() == null) {
                        def.parsedName(text(e)); // untrimmed: libvirt 9.0 defines " a" and "a " as given
                    }
                }
                case "uuid" -> {
                    if (!uuidSeen) { // libvirt reads ./uuid[1]: an empty one means "generate", not "look further"
                        uuidSeen = true;
                        def.uuid(parseUuid(e.valueText()));
                    }
                }
                case "metadata" -> {
                    if (def.metadata() == null) {
                        def.metadata(Metadata.parse(e));
                    }
                }
                case "memory" -> {
                    if (def.memoryKiB == null) {
                        def.memoryKiB = memory(e, "./memory[1]");
                        def.dumpCore = e.attr("dumpCore");
                    }
                }
                case "currentMemory" -> {
                    if (def.currentMemoryKiB == null) {
                        def.currentMemoryKiB = memory(e, "./currentMemory[1]");
                    }
                }
                case "maxMemory" -> {
                    if (def.maxMemoryKiB == null) {
                        def.maxMemoryKiB = memory(e, "./maxMemory[1]");
                        def.maxMemorySlots = e.attr("slots");
                    }
                }
                case "devices" -> {
                    if (def.devices.isEmpty()) {
                        for (XmlNode c : e.children()) {
                            if (c.ns == null) {
                                def.devices.add(c);
                            }
                        }
                    }
                }
                default -> {
                    if (DomainDef.TOP_ORDER.contains(tag)) {
                        XmlNode s = e;
                        boolean repeats = tag.equals("seclabel") || tag.equals("sysinfo");
                        if (repeats || def.section(tag) == null) {
                            def.sections.add(s);
                        }
                    }
                }
            }
        }
        if (def.name() == null || def.name().isEmpty()) {
            // libvirt 9.0: code 21 (NO_NAME), domain 20 (DOMAIN) for a missing or empty <name>
            throw Errors.of(io.jvirt.api.ErrorCode.NO_NAME, io.jvirt.api.ErrorDomain.DOMAIN, "missing name information");
        }
        if (def.name().contains("/")) {
            throw Errors.xml("name " + def.name() + " cannot contain '/'");
        }
        VcpuStates.parse(def);
    }

    static String text(XmlNode e) {
        return e.text() == null ? "" : e.text();
    }

    /** virDomainParseMemory of the element's text: KiB, or null when the text is empty (libvirt: absent). */
    static Long memory(XmlNode e, String xpath) {
        return ScaledNumber.memoryKiB(xpath, e.valueText(), e.attr("unit"));
    }

    /**
     * The domain's UUID as libvirt reads it: null (generated later) for empty text, else libvirt
     * 9.0's VIR_ERR_INTERNAL_ERROR from the domain code when malformed.
     */
    static String parseUuid(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        java.util.UUID u = UuidText.parse(text);
        if (u == null) {
            throw Errors.internal("malformed uuid element");
        }
        return u.toString();
    }
}
