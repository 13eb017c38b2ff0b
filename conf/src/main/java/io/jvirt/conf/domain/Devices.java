package io.jvirt.conf.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.jvirt.conf.xml.Xml;

/** Normalisation and defaults of {@code <devices>}, device family by device family. */
final class Devices {
    /** Device elements in the order libvirt formats them. */
    static final List<String> ORDER = java.util.Arrays.stream(DeviceKind.values()).map(DeviceKind::xmlName).toList();

    private Devices() {
    }

    static boolean anyBootOrder(DomainDef def) {
        for (XmlNode d : def.devices) {
            if (d.child("boot").isPresent()) {
                return true;
            }
        }
        return false;
    }

    static boolean isX86(DomainDef def) {
        XmlNode os = def.section("os");
        String arch = os == null ? null : os.child("type").map(t -> t.attr("arch")).orElse(null);
        return arch == null || arch.equals("i686") || arch.equals("x86_64");
    }

    static void apply(DomainDef def, ParseContext ctx) {
        def.devices.removeIf(d -> !ORDER.contains(d.name()));
        def.devices.removeIf(d -> d.name().equals("panic") && d.isEmpty());
        List<XmlNode> emulators = def.devices("emulator");
        if (emulators.size() > 1) {
            def.devices.removeAll(emulators.subList(1, emulators.size()));
        }
        Controllers.parseOrder(def);
        for (XmlNode d : def.devices) {
            Addresses.normalize(d);
        }
        Disks.apply(def);
        Chardevs.apply(def);
        for (XmlNode d : new ArrayList<>(def.devices)) {
            switch (d.name()) {
                case "graphics" -> graphics(d);
                case "input" -> input(def, d);
                case "watchdog" -> {
                    if (!d.has("action")) {
                        d.set("action", "reset");
                    }
                    d.order("model", "action");
                }
                case "hostdev" -> hostdev(d);
                case "filesystem" -> {
                    if (!d.has("accessmode")) {
                        d.set("accessmode", "passthrough");
                    }
                    if (!d.has("type")) {
                        d.set("type", "mount");
                    }
                    d.order("type", "accessmode", "model", "multidevs", "fmode", "dmode");
                    d.removeChildren("idmap");
                    XmlNode bin = d.childOrNull("binary");
                    if (bin != null) {
                        bin.removeChildren("openfiles");
                    }
                    XmlNode src = d.childOrNull("source");
                    if ("ram".equals(d.attr("type")) && src != null && src.has("usage")) {
                        Long usage = io.jvirt.conf.xml.ScaledNumber.unsignedDecimal(src.attr("usage"));
                        if (usage == null) {
                            throw Errors.xml("cannot parse usage '" + src.attr("usage") + "' for RAM filesystem");
                        }
                        long bytes = io.jvirt.conf.xml.ScaledNumber.scale(usage, src.attr("units"), 1024,
                                io.jvirt.conf.xml.ScaledNumber.UNBOUNDED);
                        src.set("usage", Long.toUnsignedString(Long.divideUnsigned(bytes, 1024)));
                        src.set("units", "KiB");
                    }
                }
                case "shmem" -> {
                    if (d.child("model").isEmpty()) {
                        d.add(new XmlNode("model").set("type", "ivshmem"));
                    }
                    d.orderChildren("model", "size", "server", "msi");
                    XmlNode size = d.childOrNull("size");
                    if (size != null && size.text() != null && !size.text().isEmpty()) {
                        long bytes = io.jvirt.conf.xml.ScaledNumber.parse("./size[1]", size.text(),
                                size.attr("unit"), 1, io.jvirt.conf.xml.ScaledNumber.UNBOUNDED);
                        size.attrs().clear();
                        size.set("unit", "M");
                        size.text(Long.toUnsignedString(Long.divideUnsigned(bytes, 1024 * 1024)));
                    }
                }
                case "rng" -> rng(d);
                case "redirdev" -> {
                    d.block = true;
                    if ("dbus".equals(d.attr("type")) && d.child("source").isEmpty()) {
                        d.add(0, new XmlNode("source").set("channel", "org.qemu.usbredir"));
                    }
                }
                case "interface" -> Interfaces.normalize(def, d);
                default -> {
                }
            }
        }
        video(def);
        for (XmlNode d : def.devices) {
            d.orderChildren();
            List<XmlNode> tail = new ArrayList<>();
            for (String n : List.of("boot", "alias", "acpi", "address")) {
                tail.addAll(d.children(n));
            }
            if (!tail.isEmpty() && (d.name().equals("redirdev") || d.name().equals("hostdev"))) {
                d.children().removeAll(tail);
                d.children().addAll(tail);
            }
        }
        Controllers.hostdevScsi(def);
        Controllers.assignMissingIndexes(def);
        Controllers.addImplicit(def);
        Controllers.assignIndexes(def);
        sort(def);
    }

    static void sort(DomainDef def) {
        List<XmlNode> sorted = new ArrayList<>(def.devices);
        sorted.sort(Comparator.comparingInt(d -> ORDER.indexOf(d.name())));
        def.devices.clear();
        def.devices.addAll(sorted);
    }

    private static void graphics(XmlNode g) {
        String type = g.attr("type");
        g.secretAttrs.add("passwd");
        if (type == null) {
            return;
        }
        if (type.equals("vnc") || type.equals("spice")) {
            String listenAttr = g.attr("listen");
            List<XmlNode> listens = g.children("listen");
            if (type.equals("vnc") && !listens.isEmpty() && "socket".equals(listens.get(0).attr("type"))
                    && listens.get(0).has("socket")) {
                String s = g.attr("socket");
                String l = listens.get(0).attr("socket");
                if (s != null && !s.equals(l)) {
                    throw Errors.config("graphics 'socket' attribute '" + s + "' must match 'socket' "
                            + "attribute of first listen element (found '" + l + "')");
                }
                g.set("socket", l);
            }
            for (XmlNode l : listens) {
                if ("network".equals(l.attr("type")) && !l.has("network")) {
                    throw Errors.xml("'network' attribute is required for listen type 'network'");
                }
            }
            if (g.has("port") && "-1".equals(g.attr("port")) || (type.equals("vnc") && !g.has("port")
                    && !g.has("socket") && listens.stream().noneMatch(l -> "socket".equals(l.attr("type"))
                            || "none".equals(l.attr("type"))))) {
                if (!"no".equals(g.attr("autoport"))) {
                    g.set("port", "-1");
                    g.set("autoport", "yes");
                }
            }
            if (type.equals("spice") && "yes".equals(g.attr("autoport"))) {
                g.remove("port", "tlsPort");
            }
            if (type.equals("spice") && "no".equals(g.attr("autoport")) && !g.has("port") && !g.has("tlsPort")) {
                g.remove("autoport");
            }
            if (g.has("port") && !"-1".equals(g.attr("port")) && !g.has("autoport")) {
                g.set("autoport", "no");
            }
            if ("yes".equals(g.attr("autoport")) && g.has("port") && type.equals("vnc")) {
                g.set("port", "-1");
            }
            if (g.has("socket") && type.equals("vnc") && listens.isEmpty()) {
                g.add(0, new XmlNode("listen").set("type", "socket").set("socket", g.attr("socket")));
                listens = g.children("listen");
            }
            if (listens.isEmpty()) {
                XmlNode l = new XmlNode("listen");
                if (listenAttr != null) {
                    l.set("type", "address").set("address", listenAttr);
                } else if (type.equals("spice") && !g.has("port") && !g.has("tlsPort") && !g.has("autoport")) {
                    l.set("type", "none");
                } else {
                    l.set("type", "address");
                }
                g.add(0, l);
            } else if (listenAttr == null && "address".equals(listens.get(0).attr("type"))
                    && listens.get(0).has("address")) {
                g.set("listen", listens.get(0).attr("address"));
            }
            if (type.equals("vnc")) {
                g.order("type", "socket", "port", "autoport", "websocket", "listen", "keymap", "sharePolicy",
                        "powerControl", "passwd", "passwdValidTo", "connected");
            } else {
                g.order("type", "port", "tlsPort", "autoport", "listen", "keymap", "defaultMode", "passwd",
                        "passwdValidTo", "connected");
            }
            g.orderChildren("listen", "channel", "image", "jpeg", "zlib", "playback", "streaming", "clipboard",
                    "mouse", "filetransfer", "gl", "audio");
        }
    }

    private static void input(DomainDef def, XmlNode in) {
        if (!in.has("bus")) {
            String type = in.attr("type");
            if (("mouse".equals(type) || "keyboard".equals(type)) && isX86(def)) {
                in.set("bus", "ps2");
            } else if ("tablet".equals(type) || "mouse".equals(type) || "keyboard".equals(type)) {
                in.set("bus", "usb");
            }
        }
        in.order("type", "bus", "model");
    }

    private static void hostdev(XmlNode h) {
        if ("subsystem".equals(h.attr("mode")) && !h.has("managed") && !"scsi_host".equals(h.attr("type"))) {
            h.set("managed", "no");
        }
        if (!"mdev".equals(h.attr("type"))) {
            h.remove("display", "ramfb");
        }
        h.order("mode", "type", "managed", "sgio", "rawio", "model", "display", "ramfb");
        XmlNode src = h.childOrNull("source");
        if (src != null && "iscsi".equals(src.attr("protocol")) && src.attr("name") != null
                && !src.attr("name").contains("/")) {
            src.set("name", src.attr("name") + "/0");
        }
        if (src != null) {
            XmlNode a = src.childOrNull("address");
            if (a != null && ("pci".equals(h.attr("type")) || a.has("slot") && a.has("function"))) {
                if (!a.has("type")) {
                    a.set("type", "pci");
                    Addresses.address(a, null);
                    a.remove("type");
                } else {
                    Addresses.address(a, h);
                }
            }
        }
    }

    private static void rng(XmlNode r) {
        XmlNode b = r.childOrNull("backend");
        if (b != null && "random".equals(b.attr("model")) && b.text() == null) {
            b.text("/dev/random");
        }
    }

    /** The video model libvirt picks when none is given: VGA on 64-bit POWER, Xen's own for Xen guests. */
    static String defaultVideo(DomainDef def) {
        Views.OsType os = def.osType();
        if ("xen".equals(os.type())) {
            return "xen";
        }
        if ("ppc64".equals(os.arch()) || "ppc64le".equals(os.arch())) {
            return "vga";
        }
        return "cirrus";
    }

    private static void video(DomainDef def) {
        List<XmlNode> videos = def.devices("video");
        if (videos.isEmpty() && !def.devices("graphics").isEmpty()) {
            XmlNode v = new XmlNode("video");
            v.add(new XmlNode("model").set("type", defaultVideo(def)));
            def.devices.add(v);
            videos = List.of(v);
        }
        boolean hasNone = false;
        for (XmlNode v : videos) {
            XmlNode m = v.childOrNull("model");
            if (m != null && "none".equals(m.attr("type"))) {
                hasNone = true;
            }
        }
        if (hasNone && videos.size() > 1) {
            throw Errors.config("a 'none' video type must be the only video device defined for the domain");
        }
        int primaries = 0;
        for (XmlNode v : videos) {
            XmlNode m = v.childOrNull("model");
            if (m != null && "yes".equals(m.attr("primary"))) {
                primaries++;
            }
        }
        if (primaries > 1) {
            throw Errors.config("Only one primary video device is supported");
        }
        boolean first = true;
        for (XmlNode v : videos) {
            XmlNode m = v.childOrNull("model");
            if (m == null) {
                m = new XmlNode("model").set("type", defaultVideo(def));
                v.add(0, m);
            }
            String type = m.attr("type");
            if (type == null) {
                m.set("type", type = defaultVideo(def));
            }
            if ("ramfb".equals(type) && v.child("address").isPresent()) {
                throw Errors.config("address not supported for video type ramfb");
            }
            if (!type.equals("none")) {
                if (!m.has("vram")) {
                    String vram = switch (type) {
                        case "cirrus", "vga", "bochs" -> "16384";
                        case "qxl" -> "65536";
                        case "vmvga", "xen" -> "4096";
                        default -> null;
                    };
                    m.set("vram", vram);
                }
                if (type.equals("qxl") && !m.has("ram")) {
                    m.set("ram", "65536");
                }
                if (!m.has("heads")) {
                    m.set("heads", "1");
                }
                if (first && primaries == 0) {
                    m.set("primary", "yes");
                }
                if ("no".equals(m.attr("primary"))) {
                    m.remove("primary");
                }
                m.remove("blob");
            }
            first = false;
            m.order("type", "ram", "vram", "vram64", "vgamem", "heads", "primary");
        }
        if (primaries > 0) {
            // libvirt moves the primary video first
            XmlNode primary = null;
            for (XmlNode v : videos) {
                XmlNode m = v.childOrNull("model");
                if (m != null && "yes".equals(m.attr("primary"))) {
                    primary = v;
                }
            }
            if (primary != null && primary != videos.get(0)) {
                int at = def.devices.indexOf(videos.get(0));
                def.devices.remove(primary);
                def.devices.add(at, primary);
            }
        }
    }
}
