package io.jvirt.conf.domain;

import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;

/**
 * The checks libvirt 9.0 makes while parsing a domain that are not tied to one normalisation:
 * the values its enums know, and cross-references between sections.
 */
final class Validate {
    static final Set<String> ARCHES = Set.of("aarch64", "alpha", "armv6l", "armv7l", "armv7b", "cris", "i686",
            "ia64", "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64", "mips64el",
            "openrisc", "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb", "riscv32", "riscv64",
            "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "x86_64", "xtensa", "xtensaeb");
    static final Set<String> HYPERV = Set.of("relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic",
            "stimer", "reset", "vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs",
            "avic");

    private Validate() {
    }

    static void before(DomainDef def) {
        XmlNode os = def.section("os");
        XmlNode type = os == null ? null : os.childOrNull("type");
        if (type != null && type.attr("arch") != null && !ARCHES.contains(type.attr("arch"))) {
            throw Errors.config("Unknown architecture " + type.attr("arch"));
        }
        if (os != null) {
            XmlNode bm = os.childOrNull("bootmenu");
            if (bm != null && bm.has("timeout")) {
                long t;
                try {
                    t = Long.parseLong(bm.attr("timeout"));
                } catch (NumberFormatException e) {
                    t = -1;
                }
                if (t < 0 || t > 65535) {
                    throw Errors.config("invalid value for boot menu timeout, must be in range [0,65535]");
                }
            }
        }
        XmlNode features = def.section("features");
        if (features != null) {
            for (XmlNode c : features.children()) {
                if (!Sections.FEATURES.contains(c.name())) {
                    throw Errors.config("unexpected feature '" + c.name() + "'");
                }
            }
        }
        XmlNode hv = features == null ? null : features.childOrNull("hyperv");
        if (hv != null) {
            for (XmlNode c : hv.children()) {
                if (!HYPERV.contains(c.name())) {
                    throw Errors.config("unsupported HyperV Enlightenment feature: " + c.name());
                }
            }
            XmlNode gic = features.childOrNull("gic");
            if (gic != null) {
                gic(gic);
            }
        } else if (features != null && features.child("gic").isPresent()) {
            gic(features.childOrNull("gic"));
        }
        XmlNode cpu = def.section("cpu");
        XmlNode numa = cpu == null ? null : cpu.childOrNull("numa");
        if (numa != null) {
            int i = 0;
            for (XmlNode cell : numa.children("cell")) {
                if (cell.has("id") && !cell.attr("id").equals(Integer.toString(i))) {
                    throw Errors.xml("Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous "
                            + "ranges or ranges not starting from 0 are not allowed");
                }
                String ma = cell.attr("memAccess");
                if (ma != null && !ma.equals("shared") && !ma.equals("private")) {
                    throw Errors.prop("memAccess", "cell", ma, null);
                }
                i++;
            }
        }
        // libvirt's generic post-parse: an initial memory of 0 (absent, or <memory>0</memory>) is no size
        if ((def.memoryKiB == null || def.memoryKiB == 0) && (numa == null || numa.children("cell").isEmpty())) {
            throw Errors.xml("Memory size must be specified via <memory> or in the <numa> configuration");
        }
        cputune(def);
        int cells = numa == null ? 0 : numa.children("cell").size();
        XmlNode mb = def.section("memoryBacking");
        XmlNode hp = mb == null ? null : mb.childOrNull("hugepages");
        if (hp != null) {
            for (XmlNode page : hp.children("page")) {
                if (page.has("nodeset")) {
                    BitSet nodes = Bitmaps.parse(page.attr("nodeset"));
                    int bad = nodes.nextSetBit(cells);
                    if (bad >= 0) {
                        throw Errors.detail("hugepages: node " + bad + " not found");
                    }
                }
            }
        }
        for (XmlNode m : def.devices("memory")) {
            XmlNode t = m.childOrNull("target");
            String node = t == null ? null : t.childText("node");
            if (node != null && Integer.parseInt(node.trim()) >= cells) {
                throw Errors.detail("can't add memory backend for guest node '" + node.trim() + "' as the guest has "
                        + "only '" + cells + "' NUMA nodes configured");
            }
        }
        seclabels(def);
        for (XmlNode d : def.devices) {
            device(def, d);
        }
        usb(def);
    }

    private static void seclabels(DomainDef def) {
        Set<String> noRelabel = new HashSet<>();
        for (XmlNode l : def.sections("seclabel")) {
            if ("no".equals(l.attr("relabel")) && l.attr("model") != null) {
                noRelabel.add(l.attr("model"));
            }
        }
        if (noRelabel.isEmpty()) {
            return;
        }
        for (XmlNode d : def.devices) {
            XmlNode src = d.childOrNull("source");
            if (src == null) {
                continue;
            }
            for (XmlNode l : src.children("seclabel")) {
                if (noRelabel.contains(l.attr("model")) && "yes".equals(l.attr("relabel"))) {
                    throw Errors.config("label overrides require relabeling to be enabled at the domain level");
                }
            }
        }
    }

    private static void gic(XmlNode gic) {
        String v = gic.attr("version");
        if (v != null && !Set.of("2", "3", "host").contains(v)) {
            throw Errors.prop("version", "gic", v, null);
        }
    }

    private static void cputune(DomainDef def) {
        XmlNode ct = def.section("cputune");
        if (ct == null) {
            return;
        }
        BitSet seen = new BitSet();
        for (XmlNode s : ct.children("vcpusched")) {
            if (s.has("vcpus")) {
                BitSet b = Bitmaps.parse(s.attr("vcpus"));
                if (b.intersects(seen)) {
                    throw Errors.detail("'vcpusched' attributes 'vcpus' must not overlap");
                }
                seen.or(b);
            }
        }
        XmlNode iot = def.section("iothreads");
        int n = iot == null || iot.text() == null ? 0 : Integer.parseInt(iot.text().trim());
        Set<Integer> ids = new HashSet<>();
        XmlNode idsNode = def.section("iothreadids");
        if (idsNode != null) {
            for (XmlNode t : idsNode.children("iothread")) {
                ids.add(Integer.parseInt(t.attr("id")));
            }
        }
        for (int i = 1; i <= n; i++) {
            ids.add(i);
        }
        for (XmlNode s : ct.children("iothreadsched")) {
            if (s.has("iothreads")) {
                BitSet b = Bitmaps.parse(s.attr("iothreads"));
                for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) {
                    if (!ids.contains(i)) {
                        throw Errors.config("Cannot find 'iothread' : " + i);
                    }
                }
            }
        }
    }

    private static void device(DomainDef def, XmlNode d) {
        switch (d.name()) {
            case "watchdog" -> {
                String m = d.attr("model");
                if (m != null && !Set.of("i6300esb", "ib700", "diag288").contains(m)) {
                    throw Errors.config("unknown watchdog model '" + m + "'");
                }
            }
            case "panic" -> {
                String m = d.attr("model");
                if (m != null && !Set.of("isa", "pseries", "hyperv", "s390").contains(m)) {
                    throw Errors.config("unknown panic model '" + m + "'");
                }
            }
            case "audio" -> {
                String t = d.attr("type");
                if (t != null && !Set.of("none", "alsa", "coreaudio", "jack", "oss", "pulseaudio", "sdl", "spice",
                        "file", "dbus").contains(t)) {
                    throw Errors.prop("type", "audio", t, null);
                }
            }
            case "disk" -> {
                String t = d.attr("type");
                if (t != null && !Set.of("file", "block", "dir", "network", "volume", "nvme", "vhostuser")
                        .contains(t)) {
                    throw Errors.prop("type", "disk", t, null);
                }
                XmlNode src = d.childOrNull("source");
                if (src != null && src.has("fdgroup")) {
                    XmlNode tg = d.childOrNull("target");
                    throw Errors.config("driver does not support FD passing for disk '"
                            + (tg == null ? "" : tg.attr("dev")) + "'");
                }
                if (src != null && src.child("encryption").isPresent() && d.child("encryption").isPresent()) {
                    throw Errors.config("an <encryption> definition already found for disk source");
                }
                for (XmlNode enc : java.util.Arrays.asList(d.childOrNull("encryption"), src == null ? null
                        : src.childOrNull("encryption"))) {
                    if (enc != null && enc.has("format") && !Set.of("default", "qcow", "luks", "luks2")
                            .contains(enc.attr("format"))) {
                        throw Errors.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.STORAGE,
                                "unsupported configuration: unknown volume encryption format type "
                                        + enc.attr("format"));
                    }
                }
            }
            case "filesystem" -> {
                XmlNode drv = d.childOrNull("driver");
                String t = drv == null ? null : drv.attr("type");
                if (t != null && !Set.of("default", "path", "handle", "loop", "nbd", "ploop", "virtiofs")
                        .contains(t)) {
                    throw Errors.prop("type", "driver", t, null);
                }
            }
            case "interface" -> {
                if ("hostdev".equals(d.attr("type"))) {
                    XmlNode src = d.childOrNull("source");
                    XmlNode a = src == null ? null : src.childOrNull("address");
                    if (a == null || !a.has("type")) {
                        throw Errors.xml("missing source address type");
                    }
                }
                XmlNode drv = d.childOrNull("driver");
                String q = drv == null ? null : drv.attr("queues");
                if (q != null && !q.matches("[0-9]+")) {
                    throw Errors.prop("queues", "driver", q, "Expected non-negative integer value");
                }
            }
            case "tpm" -> {
                if (d.child("backend").isEmpty()) {
                    throw Errors.xml("missing TPM device backend");
                }
            }
            case "shmem" -> {
                XmlNode msi = d.childOrNull("msi");
                if (msi != null && d.child("server").isEmpty()) {
                    throw Errors.xml("msi option is only supported with a server");
                }
            }
            case "hostdev" -> {
                XmlNode src = d.childOrNull("source");
                XmlNode a = src == null ? null : src.childOrNull("address");
                if ("mdev".equals(d.attr("type")) && a != null && !a.has("uuid")) {
                    throw Errors.config("Missing 'uuid' attribute for element <address>");
                }
            }
            default -> {
            }
        }
    }

    private static void usb(DomainDef def) {
        boolean usbNone = false;
        for (XmlNode c : def.devices("controller")) {
            if ("usb".equals(c.attr("type")) && "none".equals(c.attr("model"))) {
                usbNone = true;
            }
        }
        int ramfb = 0;
        for (XmlNode h : def.devices("hostdev")) {
            if ("mdev".equals(h.attr("type")) && "on".equals(h.attr("ramfb"))) {
                ramfb++;
            }
        }
        if (ramfb > 1) {
            throw Errors.config("Only one vgpu device can have 'ramfb' enabled");
        }
        boolean anyUsb = false;
        for (XmlNode c : def.devices("controller")) {
            if ("usb".equals(c.attr("type"))) {
                anyUsb = true;
                if (c.child("master").isPresent()) {
                    boolean master = false;
                    for (XmlNode m : def.devices("controller")) {
                        if ("usb".equals(m.attr("type")) && m.child("master").isEmpty()
                                && java.util.Objects.equals(m.attr("index"), c.attr("index"))) {
                            master = true;
                        }
                    }
                    if (!master) {
                        throw Errors.detail("No master USB controller specified");
                    }
                }
            }
        }
        for (XmlNode d : def.devices) {
            if (d.name().equals("hub") && "usb".equals(d.attr("type")) && usbNone) {
                throw Errors.config("Can't add USB hub: USB is disabled for this domain");
            }
            if (d.name().equals("redirdev") && "usb".equals(d.attr("bus")) && (usbNone || !anyUsb)) {
                throw Errors.config("cannot add redirected USB device: USB is disabled for this domain");
            }
        }
    }

    /** Checks made after defaults (controllers have their indexes). */
    static void after(DomainDef def) {
        for (XmlNode c : def.devices("controller")) {
            XmlNode t = c.childOrNull("target");
            if (t != null && t.has("index") && "pci".equals(c.attr("type"))) {
                boolean zeroTarget = "0".equals(t.attr("index"));
                boolean zeroIndex = "0".equals(c.attr("index"));
                if (zeroTarget != zeroIndex) {
                    throw Errors.config("Only the PCI controller with index 0 can have target index 0, and vice "
                            + "versa");
                }
            }
        }
    }
}
