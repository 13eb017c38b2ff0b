package io.jvirt.conf.domain;

import java.util.Locale;

import io.jvirt.conf.xml.ScaledNumber;
import io.jvirt.conf.xml.Xml;

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
                    if (def.uuid() == null) {
                        def.uuid(parseUuid(text(e)));
                    }
                }
                case "metadata" -> {
                    if (def.metadata() == null) {
                        def.metadata(Metadata.parse(e));
                    }
                }
                case "memory" -> {
                    if (def.memoryKiB == null) {
                        def.memoryKiB = memory(e, "memory");
                        def.dumpCore = e.attr("dumpCore");
                    }
                }
                case "currentMemory" -> {
                    if (def.currentMemoryKiB == null) {
                        def.currentMemoryKiB = memory(e, "currentMemory");
                    }
                }
                case "maxMemory" -> {
                    if (def.maxMemoryKiB == null) {
                        def.maxMemoryKiB = memory(e, "maxMemory");
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

    static Long memory(XmlNode e, String what) {
        long bytes = ScaledNumber.parse(what, text(e), e.attr("unit"), 1024, Long.MAX_VALUE);
        return (bytes + 1023) / 1024;
    }

    static String parseUuid(String text) {
        String hex = text.trim().replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{32}")) {
            throw Xml.xmlError("malformed uuid element");
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
