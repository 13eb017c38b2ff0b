package io.jvirt.conf.domain;

/** libvirt's generic post-parse defaults (what every driver gets, before and after its own hook). */
final class DomainDefaults {
    private DomainDefaults() {
    }

    static void apply(DomainDef def, ParseContext ctx) {
        Validate.before(def);
        for (XmlNode s : def.sections) {
            NewerThan9.strip(s);
        }
        for (XmlNode d : def.devices) {
            NewerThan9.strip(d);
        }
        if (def.uuid() == null) {
            def.uuid(DomainDef.randomUuid());
        }
        if (def.memoryKiB != null) {
            if (def.currentMemoryKiB == null || def.currentMemoryKiB == 0 || def.currentMemoryKiB > def.memoryKiB) {
                def.currentMemoryKiB = def.memoryKiB;
            }
        }
        Sections.apply(def, ctx);
        Devices.apply(def, ctx);
        for (XmlNode s : def.sections) {
            AttributeOrder.apply("domain", s);
        }
        for (XmlNode d : def.devices) {
            AttributeOrder.apply("devices", d);
        }
        Validate.after(def);
    }
}
