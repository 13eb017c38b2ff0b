package io.jvirt.conf.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;

/** {@code <disk>}: target bus from the device name, drive addresses, and libvirt's checks. */
final class Disks {
    static final List<String> ORDER = List.of("driver", "source", "backingStore", "backenddomain", "geometry",
            "blockio", "mirror", "target", "iotune", "throttlefilters", "readonly", "shareable", "transient",
            "serial", "wwn", "vendor", "product", "encryption", "auth", "boot", "alias", "address");

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
        for (XmlNode d : def.devices("disk")) {
            disk(d);
            XmlNode t = d.childOrNull("target");
            String dev = t.attr("dev");
            XmlNode other = targets.put(dev, d);
            if (other != null) {
                throw Errors.xml("target '" + dev + "' duplicated for disk sources '" + source(other) + "' and '"
                        + source(d) + "'");
            }
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
        t.remove("tray");
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
