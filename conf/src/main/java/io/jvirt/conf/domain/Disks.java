package io.jvirt.conf.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;

/** {@code <disk>}: target bus from the device name, drive addresses, and libvirt's checks. */
final class Disks {
    static final List<String> ORDER = List.of("driver", "auth", "source", "backingStore", "backenddomain", "geometry",
            "blockio", "mirror", "target", "iotune", "throttlefilters", "readonly", "shareable", "transient",
            "serial", "wwn", "vendor", "product", "encryption", "boot", "alias", "acpi", "address");

    private Disks() {
    }

    /** sda -> 0, sdz -> 25, sdaa -> 26 (libvirt's virDiskNameToIndex); -1 when not a disk name. */
    static int nameToIndex(String name) {
        int i = 0;
        String[] prefixes = {"fd", "hd", "vd", "sd", "xvd", "ubd"};
        String rest = null;
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                rest = name.substring(p.length());
                break;
            }
        }
        if (rest == null || rest.isEmpty()) {
            return -1;
        }
        int idx = 0;
        int k = 0;
        for (; k < rest.length() && Character.isLowerCase(rest.charAt(k)); k++) {
            idx = (idx == 0 && k == 0 ? 0 : (idx + 1) * 26) + (rest.charAt(k) - 'a');
        }
        if (k == 0) {
            return -1;
        }
        for (; k < rest.length(); k++) {
            if (!Character.isDigit(rest.charAt(k))) {
                return -1;
            }
        }
        return idx + i;
    }

    static void apply(DomainDef def) {
        Map<String, XmlNode> targets = new HashMap<>();
        List<XmlNode> disks = def.devices("disk");
        // libvirt sorts disks as it parses them, before it derives a missing bus from the name:
        // a disk without bus='...' sorts as IDE (bus 0)
        Map<XmlNode, String> givenBus = new java.util.IdentityHashMap<>();
        for (XmlNode d : disks) {
            XmlNode t = d.childOrNull("target");
            givenBus.put(d, t == null ? null : t.attr("bus"));
        }
        for (XmlNode d : disks) {
            disk(d);
        }
        if (!disks.isEmpty()) {
            int first = def.devices.indexOf(disks.get(0));
            def.devices.removeAll(disks);
            List<XmlNode> sorted = new java.util.ArrayList<>();
            for (XmlNode d : disks) {
                String bus = d.childOrNull("target").attr("bus");
                if (d.childOrNull("target").attr("bus") == null || givenBus.get(d) == null) {
                    bus = "ide";
                }
                int idx = nameToIndex(d.childOrNull("target").attr("dev"));
                int insertAt = -1;
                for (int i = sorted.size() - 1; i >= 0; i--) {
                    XmlNode t = sorted.get(i).childOrNull("target");
                    String otherBus = givenBus.get(sorted.get(i)) == null ? "ide" : t.attr("bus");
                    if (!bus.equals(otherBus)) {
                        continue;
                    }
                    if (nameToIndex(t.attr("dev")) > idx) {
                        insertAt = i;
                    } else {
                        if (insertAt == -1) {
                            insertAt = i + 1;
                        }
                        break;
                    }
                }
                if (insertAt < 0) {
                    sorted.add(d);
                } else {
                    sorted.add(insertAt, d);
                }
            }
            def.devices.addAll(first, sorted);
        }
        for (XmlNode d : def.devices("disk")) {
            XmlNode t = d.childOrNull("target");
            String dev = t.attr("dev");
            XmlNode other = targets.put(dev, d);
            if (other != null) {
                throw Errors.xml("target '" + dev + "' duplicated for disk sources '" + source(other) + "' and '"
                        + source(d) + "'");
            }
        }
    }

    static void source(XmlNode s, String type) {
        if (s == null) {
            return;
        }
        s.remove("index");
        XmlNode auth = s.childOrNull("auth");
        XmlNode enc = s.childOrNull("encryption");
        if (auth != null && enc != null && s.children().indexOf(enc) < s.children().indexOf(auth)) {
            s.children().remove(auth);
            s.children().add(s.children().indexOf(enc), auth);
        }
        for (XmlNode mc : s.children("metadata_cache")) {
            maxSize(mc);
        }
        s.order("protocol", "name", "tls", "tlsHostname", "query", "file", "dev", "dir", "pool", "volume", "mode",
                "type", "path", "startupPolicy");
        if ("network".equals(type)) {
            String protocol = s.attr("protocol");
            if ("iscsi".equals(protocol) && s.attr("name") != null && !s.attr("name").contains("/")) {
                s.set("name", s.attr("name") + "/0");
            }
            String port = protocol == null ? null : switch (protocol) {
                case "nbd" -> "10809";
                case "rbd" -> "6789";
                case "iscsi" -> "3260";
                case "gluster" -> "24007";
                case "http" -> "80";
                case "https" -> "443";
                case "ftp" -> "21";
                case "ftps" -> "990";
                case "tftp" -> "69";
                case "ssh" -> "22";
                case "sheepdog" -> "7000";
                default -> null;
            };
            for (XmlNode h : s.children("host")) {
                if (port != null && !h.has("port") && !h.has("socket") && !"unix".equals(h.attr("transport"))) {
                    h.set("port", port);
                }
                h.order("transport", "name", "port", "socket");
            }
        }
    }

    static void maxSize(XmlNode mc) {
        XmlNode max = mc == null ? null : mc.childOrNull("max_size");
        if (max != null && max.text() != null && !max.text().isEmpty()) {
            long bytes = io.jvirt.conf.xml.ScaledNumber.parse("./metadata_cache/max_size", max.text(),
                    max.attr("unit"), 1, io.jvirt.conf.xml.ScaledNumber.UNBOUNDED);
            max.attrs().clear();
            max.set("unit", "bytes");
            max.text(Long.toUnsignedString(bytes));
        }
    }

    static String source(XmlNode d) {
        XmlNode s = d.childOrNull("source");
        if (s == null) {
            return "";
        }
        for (String a : List.of("file", "dev", "dir", "name", "volume")) {
            if (s.has(a)) {
                return s.attr(a);
            }
        }
        return "";
    }

    static void disk(XmlNode d) {
        if (!d.has("type")) {
            d.set("type", "file");
        }
        if (!d.has("device")) {
            d.set("device", "disk");
        }
        if ("volume".equals(d.attr("type")) && d.child("source").isEmpty()) {
            d.set("type", "file");
        }
        d.order("type", "device", "model", "rawio", "sgio", "snapshot");
        XmlNode t = d.childOrNull("target");
        if (t == null || t.attr("dev") == null) {
            String src = source(d);
            throw Errors.of(ErrorCode.NO_TARGET, ErrorDomain.DOMAIN, "missing target information for device "
                    + src);
        }
        String dev = t.attr("dev");
        String device = d.attr("device");
        if ("lun".equals(device) && !"block".equals(d.attr("type")) && !"network".equals(d.attr("type"))
                && !"volume".equals(d.attr("type"))) {
            throw Errors.config("disk device='lun' is only valid for block type disk source");
        }
        if (!t.has("bus")) {
            String bus;
            if (dev.startsWith("hd")) {
                bus = "ide";
            } else if (dev.startsWith("sd")) {
                bus = "scsi";
            } else if (dev.startsWith("vd")) {
                bus = "virtio";
            } else if (dev.startsWith("fd")) {
                bus = "fdc";
            } else if (dev.startsWith("xvd")) {
                bus = "xen";
            } else if (dev.startsWith("ubd")) {
                bus = "uml";
            } else {
                bus = "ide";
            }
            t.set("bus", bus);
        }
        if (!"open".equals(t.attr("tray")) || !("cdrom".equals(device) || "floppy".equals(device))) {
            t.remove("tray");
        }
        if ("cdrom".equals(device) && d.child("readonly").isEmpty()) {
            d.add(new XmlNode("readonly"));
        }
        if ("no".equals(d.attr("snapshot")) && d.child("readonly").isPresent()) {
            d.remove("snapshot");
        }
        d.removeChildren("mirror");
        XmlNode src = d.childOrNull("source");
        if (src != null) {
            src.removeChildren(x -> x.name().equals("seclabel") && "yes".equals(x.attr("labelskip")));
            src.removeChildren("knownHosts", "reconnect");
            src.child("cookies").ifPresent(c -> c.secret = true);
            if ("ssh".equals(src.attr("protocol"))) {
                src.removeChildren("identity");
            }
        }
        XmlNode drv = d.childOrNull("driver");
        if (drv != null) {
            drv.order("name", "type", "cache", "error_policy", "rerror_policy", "io", "ioeventfd", "event_idx",
                    "copy_on_read", "discard", "iothread", "detect_zeroes", "queues", "queue_size", "iommu", "ats",
                    "packed", "page_per_vq");
            drv.removeChildren("iothreads");
            drv.remove("discard_no_unref");
            maxSize(drv.childOrNull("metadata_cache"));
            if (drv.attrs().isEmpty() && drv.children().isEmpty()) {
                d.children().remove(drv);
            }
        }
        source(d.childOrNull("source"), d.attr("type"));
        for (XmlNode b = d.childOrNull("backingStore"); b != null; b = b.childOrNull("backingStore")) {
            b.remove("index");
            source(b.childOrNull("source"), b.attr("type"));
            b.orderChildren("format", "source", "backingStore");
            XmlNode fmt = b.childOrNull("format");
            if (fmt != null) {
                maxSize(fmt.childOrNull("metadata_cache"));
            }
        }
        t.order("dev", "bus", "tray", "removable", "rotation_rate");
        String bus = t.attr("bus");
        if (bus.equals("fdc") && !"floppy".equals(device)) {
            throw Errors.internal("Invalid bus type 'fdc' for disk");
        }
        XmlNode a = d.childOrNull("address");
        if (a != null && a.attr("type") != null && !"drive".equals(a.attr("type"))
                && (bus.equals("ide") || bus.equals("fdc") || bus.equals("scsi") || bus.equals("sata"))) {
            throw Errors.config("Invalid address type '" + a.attr("type") + "' for the disk '" + dev
                    + "' with the bus type '" + bus + "'");
        }
        if (a == null && (bus.equals("ide") || bus.equals("fdc") || bus.equals("scsi") || bus.equals("sata"))) {
            int idx = nameToIndex(dev);
            if (idx >= 0) {
                a = new XmlNode("address").set("type", "drive");
                switch (bus) {
                    case "ide" -> a.set("controller", Integer.toString(idx / 4)).set("bus",
                            Integer.toString((idx % 4) / 2)).set("target", "0").set("unit",
                            Integer.toString(idx % 2));
                    case "fdc" -> a.set("controller", Integer.toString(idx / 2)).set("bus", "0")
                            .set("target", "0").set("unit", Integer.toString(idx % 2));
                    case "scsi" -> a.set("controller", Integer.toString(idx / 7)).set("bus", "0")
                            .set("target", "0").set("unit", Integer.toString(idx % 7));
                    default -> a.set("controller", Integer.toString(idx / 6)).set("bus", "0")
                            .set("target", "0").set("unit", Integer.toString(idx % 6));
                }
                d.add(a);
            }
        } else if (a != null && "drive".equals(a.attr("type"))) {
            for (String k : List.of("controller", "bus", "target", "unit")) {
                if (!a.has(k)) {
                    a.set(k, "0");
                }
            }
            a.order("type", "controller", "bus", "target", "unit");
        }
        d.orderChildren(ORDER.toArray(new String[0]));
    }
}
