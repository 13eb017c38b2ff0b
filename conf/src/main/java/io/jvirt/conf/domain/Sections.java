package io.jvirt.conf.domain;

/** Normalisation and defaults of the top-level sections other than devices. */
final class Sections {
    private Sections() {
    }

    static void apply(DomainDef def, ParseContext ctx) {
        vcpu(def);
        os(def, ctx);
        if (def.section("clock") == null) {
            def.section(new XmlNode("clock").set("offset", "utc"));
        }
        lifecycle(def, "on_poweroff", "destroy");
        lifecycle(def, "on_reboot", "restart");
        lifecycle(def, "on_crash", "destroy");
    }

    private static void lifecycle(DomainDef def, String name, String dflt) {
        if (def.section(name) == null) {
            def.section(new XmlNode(name).text(dflt));
        }
    }

    private static void vcpu(DomainDef def) {
        XmlNode v = def.section("vcpu");
        if (v == null) {
            v = new XmlNode("vcpu").text("1");
            def.section(v);
        }
        if (v.text() == null) {
            v.text("1");
        }
        v.text(v.text().trim());
        if (!v.has("placement")) {
            v.set("placement", "static");
        }
        String cur = v.attr("current");
        if (cur != null && cur.equals(v.text())) {
            v.remove("current");
        }
        v.only("placement", "cpuset", "current");
    }

    private static void os(DomainDef def, ParseContext ctx) {
        XmlNode os = def.section("os");
        if (os == null) {
            return;
        }
        XmlNode type = os.childOrNull("type");
        if (type != null && type.text() != null) {
            type.text(type.text().trim());
            if (!type.has("arch")) {
                String arch = ctx.hook().defaultArch(def.virtType(), type.text());
                if (arch != null) {
                    type.set("arch", arch);
                }
            }
            type.order("arch", "machine");
        }
        boolean hvm = type != null && "hvm".equals(type.text());
        if (hvm && os.children("boot").isEmpty() && !Devices.anyBootOrder(def)) {
            XmlNode boot = new XmlNode("boot").set("dev", "hd");
            int at = os.children().indexOf(type) + 1;
            for (XmlNode c : os.children()) {
                if (c.name().equals("loader") || c.name().equals("nvram") || c.name().equals("kernel")
                        || c.name().equals("initrd") || c.name().equals("cmdline") || c.name().equals("dtb")
                        || c.name().equals("acpi") || c.name().equals("firmware")) {
                    at = Math.max(at, os.children().indexOf(c) + 1);
                }
            }
            os.add(at, boot);
        }
    }
}
