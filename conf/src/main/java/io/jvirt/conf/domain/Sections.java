package io.jvirt.conf.domain;

/** Normalisation and defaults of the top-level sections other than devices. */
final class Sections {
    private Sections() {
    }

    static void apply(DomainDef def, ParseContext ctx) {
        vcpu(def);
        iothreads(def);
        os(def, ctx);
        cpu(def);
        memtune(def);
        resctrl(def);
        XmlNode blkio = def.section("blkiotune");
        if (blkio != null) {
            for (XmlNode dev : blkio.children("device")) {
                dev.orderChildren("path", "weight", "read_iops_sec", "write_iops_sec", "read_bytes_sec",
                        "write_bytes_sec");
            }
        }
        numatune(def);
        memoryBacking(def);
        features(def);
        seclabels(def);
        if (def.section("clock") == null) {
            def.section(new XmlNode("clock").set("offset", "utc"));
        }
        lifecycle(def, "on_poweroff", "destroy");
        lifecycle(def, "on_reboot", "restart");
        lifecycle(def, "on_crash", "destroy");
    }

    private static final java.util.List<String> LIFECYCLE_ACTIONS = java.util.List.of("destroy", "restart",
            "rename-restart", "preserve", "coredump-destroy", "coredump-restart");

    /** The default action, or a check of the given one: core dumps only make sense after a crash. */
    private static void lifecycle(DomainDef def, String name, String dflt) {
        XmlNode s = def.section(name);
        if (s == null) {
            def.section(new XmlNode(name).text(dflt));
            return;
        }
        String action = s.text() == null ? "" : s.text().trim();
        if (!LIFECYCLE_ACTIONS.contains(action)) {
            throw Errors.config("unknown " + name + " action: " + action);
        }
        if (action.startsWith("coredump-") && !name.equals("on_crash")) {
            throw Errors.config("Lifecycle event '" + name.substring(3) + "' doesn't support '" + action + "' action");
        }
    }

    static final java.util.List<String> FEATURES = java.util.List.of("acpi", "apic", "pae", "hap", "viridian",
            "privnet", "hyperv", "kvm", "pvspinlock", "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt",
            "vmcoreinfo", "htm", "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg");

    private static void features(DomainDef def) {
        XmlNode f = def.section("features");
        if (f == null) {
            return;
        }
        for (XmlNode c : f.children()) {
            if (!FEATURES.contains(c.name())) {
                throw Errors.config("unexpected feature '" + c.name() + "'");
            }
        }
        f.orderChildren(FEATURES.toArray(new String[0]));
        XmlNode hv = f.childOrNull("hyperv");
        if (hv != null) {
            if (!hv.has("mode")) {
                hv.set("mode", "custom");
            }
            hv.block = true;
        }
        XmlNode smm = f.childOrNull("smm");
        XmlNode tseg = smm == null ? null : smm.childOrNull("tseg");
        if (tseg != null && tseg.text() != null) {
            long bytes = io.jvirt.conf.xml.ScaledNumber.parse("string(./features/smm/tseg)", tseg.text(),
                    tseg.attr("unit"), 1024 * 1024, io.jvirt.conf.xml.ScaledNumber.UNBOUNDED);
            tseg.attrs().clear();
            tseg.set("unit", "MiB");
            tseg.text(Long.toUnsignedString(Long.divideUnsigned(bytes, 1024 * 1024)));
        }
    }

    private static void seclabels(DomainDef def) {
        java.util.List<XmlNode> labels = def.sections("seclabel");
        if (labels.size() > 1) {
            for (XmlNode l : labels) {
                if (!l.has("model")) {
                    throw Errors.xml("missing security model when using multiple labels");
                }
            }
        }
        for (XmlNode l : labels) {
            String type = l.attr("type");
            if (type == null) {
                l.set("type", type = "dynamic");
            }
            if ("dynamic".equals(type) && !l.has("relabel")) {
                l.set("relabel", "yes");
            }
            if ("none".equals(type)) {
                l.remove("relabel");
            }
            if ("dynamic".equals(type)) {
                l.removeChildren("label");
            }
            l.removeChildren("imagelabel");
            l.order("type", "model", "relabel");
            l.orderChildren("label", "imagelabel", "baselabel");
        }
    }

    /** {@code <cachetune>} and {@code <memorytune>}: vcpus limited to existing ones, runtime ids dropped, collisions refused. */
    private static void resctrl(DomainDef def) {
        XmlNode ct = def.section("cputune");
        if (ct == null) {
            return;
        }
        XmlNode vcpu = def.section("vcpu");
        int max = vcpu == null || vcpu.text() == null ? 1 : Integer.parseInt(vcpu.text().trim());
        java.util.List<java.util.BitSet> seen = new java.util.ArrayList<>();
        for (XmlNode t : new java.util.ArrayList<>(ct.children())) {
            if (!t.name().equals("cachetune") && !t.name().equals("memorytune")) {
                continue;
            }
            if (t.attr("vcpus") == null) {
                throw Errors.xml("Missing " + t.name() + " attribute 'vcpus'");
            }
            java.util.BitSet vcpus = Bitmaps.parse(t.attr("vcpus"));
            vcpus.clear(max, Math.max(max, vcpus.length()));
            if (vcpus.isEmpty()) {
                ct.children().remove(t);
                continue;
            }
            t.liveAttrs.add("id");
            t.set("vcpus", Bitmaps.format(vcpus));
            t.order("vcpus", "id");
            if (t.name().equals("cachetune")) {
                for (java.util.BitSet other : seen) {
                    if (other.equals(vcpus)) {
                        throw Errors.xml("Identical vcpus in cachetunes found");
                    }
                }
                seen.add(vcpus);
                java.util.Set<String> caches = new java.util.HashSet<>();
                for (XmlNode c : t.children("cache")) {
                    if (!caches.add(c.attr("level") + "/" + c.attr("id") + "/" + c.attr("type"))) {
                        throw Errors.of(io.jvirt.api.ErrorCode.XML_ERROR, io.jvirt.api.ErrorDomain.RESCTRL,
                                "XML error: Colliding cache allocations for cache level '" + c.attr("level")
                                        + "' id '" + c.attr("id") + "', type '" + c.attr("type") + "'");
                    }
                }
                for (XmlNode m : t.children("monitor")) {
                    if (m.attr("vcpus") == null) {
                        throw Errors.xml("Missing monitor attribute 'vcpus'");
                    }
                    java.util.BitSet mv = Bitmaps.parse(m.attr("vcpus"));
                    java.util.BitSet outside = (java.util.BitSet) mv.clone();
                    outside.andNot(vcpus);
                    if (!outside.isEmpty()) {
                        throw Errors.of(io.jvirt.api.ErrorCode.INVALID_ARG, io.jvirt.api.ErrorDomain.DOMAIN,
                                "invalid argument: Monitor vcpus conflicts with allocation");
                    }
                }
            } else {
                java.util.Set<String> nodes = new java.util.HashSet<>();
                for (XmlNode n : t.children("node")) {
                    if (!nodes.add(n.attr("id"))) {
                        throw Errors.of(io.jvirt.api.ErrorCode.XML_ERROR, io.jvirt.api.ErrorDomain.RESCTRL,
                                "XML error: Memory Bandwidth already defined for node " + n.attr("id"));
                    }
                }
            }
        }
    }

    static final long UNLIMITED_KIB = 9007199254740991L;

    private static void memtune(DomainDef def) {
        XmlNode mt = def.section("memtune");
        if (mt == null) {
            return;
        }
        for (XmlNode c : new java.util.ArrayList<>(mt.children())) {
            if (c.text() == null) {
                continue;
            }
            if (c.text().isEmpty()) { // libvirt reads empty text as absent: no minimum, no limit
                mt.children().remove(c);
                continue;
            }
            String xpath = "./memtune/" + c.name() + "[1]";
            long kib;
            if (c.name().equals("min_guarantee")) {
                kib = io.jvirt.conf.xml.ScaledNumber.memoryKiB(xpath, c.text(), c.attr("unit"));
            } else {
                // the limits: virDomainParseMemoryLimit, bounded by "unlimited" in bytes
                long bytes = io.jvirt.conf.xml.ScaledNumber.parse(xpath, c.text(), c.attr("unit"), 1024,
                        UNLIMITED_KIB << 10);
                kib = (bytes + 1023) / 1024;
            }
            if (kib >= UNLIMITED_KIB) {
                mt.children().remove(c);
                continue;
            }
            c.attrs().clear();
            c.set("unit", "KiB");
            c.text(Long.toString(kib));
        }
        mt.onlyChildren("hard_limit", "soft_limit", "min_guarantee", "swap_hard_limit");
        if (mt.children().isEmpty()) {
            def.removeSection("memtune");
        }
    }

    private static void numatune(DomainDef def) {
        XmlNode nt = def.section("numatune");
        XmlNode vcpu = def.section("vcpu");
        if (nt == null && vcpu != null && "auto".equals(vcpu.attr("placement"))) {
            nt = new XmlNode("numatune");
            nt.add(new XmlNode("memory").set("mode", "strict").set("placement", "auto"));
            def.section(nt);
        }
        if (nt == null) {
            return;
        }
        XmlNode mem = nt.childOrNull("memory");
        if (mem != null) {
            if (mem.has("nodeset") && Bitmaps.parse(mem.attr("nodeset")).isEmpty()) {
                throw Errors.config("Invalid value of 'nodeset': " + mem.attr("nodeset"));
            }
            Bitmaps.canon(mem, "nodeset");
            if (!mem.has("mode")) {
                mem.set("mode", "strict");
            }
            if ("static".equals(mem.attr("placement")) && !mem.has("nodeset")) {
                throw Errors.config("nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
            }
            if (!"auto".equals(mem.attr("placement"))) {
                mem.remove("placement");
            }
            mem.order("mode", "nodeset", "placement");
        }
        java.util.List<XmlNode> memnodes = nt.children("memnode");
        XmlNode cpu = def.section("cpu");
        if (!memnodes.isEmpty() && (cpu == null || cpu.child("numa").isEmpty())) {
            throw Errors.xml("Element 'memnode' is invalid without any guest NUMA cells");
        }
        for (XmlNode m : memnodes) {
            if (m.attr("cellid") == null) {
                throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.XML_ERROR, io.jvirt.api.ErrorDomain.XML,
                        "XML error: Missing required attribute 'cellid' in element 'memnode'");
            }
            Bitmaps.canon(m, "nodeset");
            m.order("cellid", "mode", "nodeset");
        }
        memnodes.sort(java.util.Comparator.comparingInt(m -> Integer.parseInt(m.attr("cellid"))));
        nt.removeChildren("memnode");
        nt.children().addAll(memnodes);
        nt.orderChildren("memory", "memnode");
    }

    private static void memoryBacking(DomainDef def) {
        XmlNode mb = def.section("memoryBacking");
        if (mb == null) {
            return;
        }
        mb.orderChildren("hugepages", "nosharepages", "locked", "source", "access", "allocation", "discard");
        XmlNode hp = mb.childOrNull("hugepages");
        if (hp != null) {
            for (XmlNode page : hp.children("page")) {
                if (page.has("size")) {
                    Long kib = io.jvirt.conf.xml.ScaledNumber.memoryKiB("./@size", page.attr("size"),
                            page.attr("unit"));
                    page.set("size", Long.toString(kib == null ? 0 : kib));
                    page.set("unit", "KiB");
                }
                Bitmaps.canon(page, "nodeset");
                page.order("size", "unit", "nodeset");
            }
        }
    }

    /** Firmware autoselection ({@code <os firmware='efi'>}) versus a manually given loader. */
    private static void firmware(XmlNode os) {
        boolean auto = os.has("firmware");
        XmlNode loader = os.childOrNull("loader");
        XmlNode nvram = os.childOrNull("nvram");
        XmlNode fw = os.childOrNull("firmware");
        if (auto) {
            if (loader != null && loader.has("readonly")) {
                throw Errors.detail("loader attribute 'readonly' cannot be specified when firmware autoselection is "
                        + "enabled");
            }
            if (nvram != null && nvram.has("template")) {
                throw Errors.detail("nvram attribute 'template' cannot be specified when firmware autoselection is "
                        + "enabled");
            }
            if (fw != null) {
                XmlNode enrolled = null;
                XmlNode secure = null;
                for (XmlNode f : fw.children("feature")) {
                    if ("enrolled-keys".equals(f.attr("name"))) {
                        enrolled = f;
                    } else if ("secure-boot".equals(f.attr("name"))) {
                        secure = f;
                    }
                }
                if (enrolled != null && "yes".equals(enrolled.attr("enabled"))) {
                    if (secure != null && "no".equals(secure.attr("enabled"))) {
                        throw Errors.detail("firmware feature 'enrolled-keys' cannot be enabled when firmware feature "
                                + "'secure-boot' is disabled");
                    }
                    if (secure == null) {
                        fw.add(new XmlNode("feature").set("enabled", "yes").set("name", "secure-boot"));
                    }
                }
                for (XmlNode f : fw.children("feature")) {
                    f.order("enabled", "name");
                }
            }
            return;
        }
        if (fw != null) {
            os.children().remove(fw);
        }
        if (loader != null) {
            if (loader.text() == null) {
                throw Errors.detail("no loader path specified and firmware auto selection disabled");
            }
            boolean pflash = "pflash".equals(loader.attr("type"));
            if (!pflash && "no".equals(loader.attr("stateless"))) {
                throw Errors.detail("Only pflash loader type permits NVRAM");
            }
            if ("yes".equals(loader.attr("stateless")) && nvram != null && nvram.has("template")) {
                throw Errors.detail("NVRAM template is not permitted when loader is stateless");
            }
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
        if (model != null && !model.has("fallback")) {
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
            distances(numa);
            for (XmlNode cell : numa.children("cell")) {
                for (XmlNode cache : cell.children("cache")) {
                    if ("none".equals(cache.attr("associativity"))) {
                        cache.remove("associativity");
                    }
                    if ("none".equals(cache.attr("policy"))) {
                        cache.remove("policy");
                    }
                }
            }
            int id = 0;
            for (XmlNode cell : numa.children("cell")) {
                if (!cell.has("id")) {
                    cell.set("id", Integer.toString(id));
                }
                id++;
                if (cell.has("memory")) {
                    Long kib = io.jvirt.conf.xml.ScaledNumber.memoryKiB("./@memory", cell.attr("memory"),
                            cell.attr("unit"));
                    cell.set("memory", Long.toString(kib == null ? 0 : kib));
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

    private static void iothreads(DomainDef def) {
        XmlNode ids = def.section("iothreadids");
        if (ids != null) {
            for (XmlNode t : ids.children("iothread")) {
                t.children().clear();
            }
        }
    }

    /** libvirt completes a distance matrix: the symmetric value when one is given, 10 to itself. */
    private static void distances(XmlNode numa) {
        java.util.List<XmlNode> cells = numa.children("cell");
        boolean any = cells.stream().anyMatch(c -> c.child("distances").isPresent());
        if (!any) {
            return;
        }
        int n = cells.size();
        String[][] m = new String[n][n];
        for (int i = 0; i < n; i++) {
            XmlNode d = cells.get(i).childOrNull("distances");
            if (d != null) {
                for (XmlNode s : d.children("sibling")) {
                    int j = Integer.parseInt(s.attr("id"));
                    if (j >= 0 && j < n) {
                        m[i][j] = s.attr("value");
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            XmlNode d = cells.get(i).childOrNull("distances");
            if (d == null) {
                d = new XmlNode("distances");
                cells.get(i).add(d);
            }
            d.children().clear();
            for (int j = 0; j < n; j++) {
                String v = m[i][j] != null ? m[i][j] : m[j][i] != null ? m[j][i] : i == j ? "10" : null;
                if (v != null) {
                    d.add(new XmlNode("sibling").set("id", Integer.toString(j)).set("value", v));
                }
            }
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
        Bitmaps.canon(v, "cpuset");
        VcpuStates.defaults(def);
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
        firmware(os);
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
            if (nvram.isEmpty()) {
                os.children().remove(nvram);
            }
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
