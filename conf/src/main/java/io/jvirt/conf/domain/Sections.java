package io.jvirt.conf.domain;

/** Normalisation and defaults of the top-level sections other than devices. */
final class Sections {
    private Sections() {
    }

    static void apply(DomainDef def, ParseContext ctx) {
        vcpu(def);
        os(def, ctx);
        cpu(def);
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

    private static void cpu(DomainDef def) {
        XmlNode cpu = def.section("cpu");
        if (cpu == null) {
            return;
        }
        XmlNode model = cpu.childOrNull("model");
        if (model != null && (model.text() == null || model.text().isBlank())) {
            cpu.children().remove(model);
            model = null;
        }
        if (model != null && !cpu.has("mode")) {
            cpu.set("mode", "custom");
        }
        String mode = cpu.attr("mode");
        if ("custom".equals(mode) && model != null && !cpu.has("match")) {
            cpu.set("match", "exact");
        }
        if (model != null && "custom".equals(mode) && !model.has("fallback")) {
            model.set("fallback", "allow");
        }
        if (model != null) {
            model.order("fallback", "vendor_id");
        }
        cpu.order("mode", "match", "check", "migratable");
        for (XmlNode f : cpu.children("feature")) {
            if (!f.has("policy") && !"host-model".equals(mode)) {
                f.set("policy", "require");
            }
            f.order("policy", "name");
        }
        XmlNode topo = cpu.childOrNull("topology");
        if (topo != null) {
            topo.remove("clusters");
            if (!topo.has("dies")) {
                topo.set("dies", "1");
            }
            topo.order("sockets", "dies", "cores", "threads");
        }
        XmlNode phys = cpu.childOrNull("maxphysaddr");
        if (phys != null) {
            phys.order("mode", "bits");
        }
        XmlNode numa = cpu.childOrNull("numa");
        if (numa != null) {
            int id = 0;
            for (XmlNode cell : numa.children("cell")) {
                if (!cell.has("id")) {
                    cell.set("id", Integer.toString(id));
                }
                id++;
                if (cell.has("memory")) {
                    long bytes = io.jvirt.conf.xml.ScaledNumber.parse("memory", cell.attr("memory"),
                            cell.attr("unit"), 1024, Long.MAX_VALUE);
                    cell.set("memory", Long.toString((bytes + 1023) / 1024));
                    cell.set("unit", "KiB");
                }
                cell.order("id", "cpus", "memory", "unit", "discard", "memAccess");
            }
        }
        cpu.orderChildren("model", "vendor", "topology", "maxphysaddr", "cache", "feature", "numa");
        if (cpu.isEmpty()) {
            def.removeSection("cpu");
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
        XmlNode loader = os.childOrNull("loader");
        if (loader != null) {
            loader.remove("format");
            if (loader.text() != null && !loader.has("type")) {
                loader.set("type", "rom");
            }
            loader.order("readonly", "secure", "type", "stateless");
            if (loader.attrs().isEmpty() && loader.text() == null) {
                os.children().remove(loader);
            }
        }
        XmlNode nvram = os.childOrNull("nvram");
        if (nvram != null) {
            nvram.remove("format");
        }
        os.onlyChildren("type", "firmware", "init", "initarg", "initenv", "initdir", "inituser", "initgroup",
                "loader", "nvram", "kernel", "initrd", "cmdline", "dtb", "root", "acpi", "boot", "bootmenu",
                "smbios", "bios");
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
            os.onlyChildren("type", "firmware", "init", "initarg", "initenv", "initdir", "inituser", "initgroup",
                    "loader", "nvram", "kernel", "initrd", "cmdline", "dtb", "root", "acpi", "boot", "bootmenu",
                    "smbios", "bios");
        }
    }
}
