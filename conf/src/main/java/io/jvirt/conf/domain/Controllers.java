package io.jvirt.conf.domain;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.conf.xml.Xml;

/**
 * {@code <controller>}: libvirt keeps controllers grouped by type and sorted by index as it
 * parses them, gives controllers without an index the lowest free one, and adds the controllers
 * that disks and other devices need.
 */
final class Controllers {
    private Controllers() {
    }

    static int index(XmlNode c) {
        String i = c.attr("index");
        return i == null ? -1 : Integer.parseInt(i);
    }

    /** Re-inserts the parsed controllers one by one the way libvirt's parser does. */
    static void parseOrder(DomainDef def) {
        List<XmlNode> parsed = def.devices("controller");
        if (parsed.isEmpty()) {
            return;
        }
        int first = def.devices.indexOf(parsed.get(0));
        def.devices.removeAll(parsed);
        List<XmlNode> list = new ArrayList<>();
        boolean usbNone = false;
        boolean usbOther = false;
        for (XmlNode c : parsed) {
            String idx = c.attr("index");
            if (idx != null) {
                int v;
                try {
                    v = Integer.parseInt(idx.trim());
                } catch (NumberFormatException e) {
                    throw Errors.prop("index", "controller", idx, "Expected non-negative value");
                }
                if (v < 0) {
                    throw Errors.prop("index", "controller", idx, "Expected non-negative value");
                }
                c.set("index", Integer.toString(v));
            }
            if (c.attr("type") == null) {
                c.set("type", "ide");
            }
            if ("usb".equals(c.attr("type"))) {
                if ("none".equals(c.attr("model"))) {
                    if (usbOther) {
                        throw Errors.config("Can't add another USB controller: USB is disabled for this "
                                + "domain");
                    }
                    usbNone = true;
                } else {
                    if (usbNone) {
                        throw Errors.config("Can't add another USB controller: USB is disabled for this "
                                + "domain");
                    }
                    usbOther = true;
                }
            }
            insert(list, c);
        }
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                XmlNode a = list.get(i);
                XmlNode b = list.get(j);
                if (index(a) >= 0 && index(a) == index(b) && a.attr("type").equals(b.attr("type"))
                        && !a.attr("type").equals("usb")) {
                    throw Errors.xml("Multiple '" + a.attr("type") + "' controllers with index '" + index(a)
                            + "'");
                }
            }
        }
        for (XmlNode c : list) {
            c.order("type", "index", "model", "ports", "vectors", "maxGrantFrames", "maxEventChannels");
            String model = c.attr("model");
            if ("usb".equals(c.attr("type")) && model != null && model.matches("ich9-uhci[123]")
                    && c.child("master").isEmpty()) {
                int n = model.charAt(model.length() - 1) - '1';
                c.add(0, new XmlNode("master").set("startport", Integer.toString(2 * n)));
            }
            if (("pci-root".equals(c.attr("model")) || "pcie-root".equals(c.attr("model")))
                    && c.child("address").isPresent()) {
                throw Errors.config("pci-root and pcie-root controllers should not have an address");
            }
        }
        def.devices.addAll(first, list);
    }

    static void insert(List<XmlNode> list, XmlNode c) {
        int insertAt = -1;
        int ci = index(c);
        for (int i = list.size() - 1; i >= 0; i--) {
            XmlNode cur = list.get(i);
            if (!cur.attr("type").equals(c.attr("type"))) {
                continue;
            }
            if (ci == -1) {
                insertAt = i + 1;
                break;
            }
            if (index(cur) > ci) {
                insertAt = i;
            } else if (insertAt == -1) {
                insertAt = i + 1;
                break;
            } else {
                break;
            }
        }
        if (insertAt == -1) {
            list.add(c);
        } else {
            list.add(insertAt, c);
        }
    }

    static int unusedIndex(List<XmlNode> list, String type) {
        int i = 0;
        while (find(list, type, i) != null) {
            i++;
        }
        return i;
    }

    static XmlNode find(List<XmlNode> list, String type, int idx) {
        for (XmlNode c : list) {
            if (c.name().equals("controller") && type.equals(c.attr("type")) && index(c) == idx) {
                return c;
            }
        }
        return null;
    }

    /** Appends a controller of {@code type} with {@code index} unless one exists. */
    static XmlNode ensure(DomainDef def, String type, int index) {
        XmlNode c = find(def.devices, type, index);
        if (c == null) {
            c = new XmlNode("controller").set("type", type).set("index", Integer.toString(index));
            int at = def.devices.size();
            def.devices.add(at, c);
        }
        return c;
    }

    static boolean isUsbCompanion(XmlNode c) {
        String model = c.attr("model");
        return "usb".equals(c.attr("type")) && (c.child("master").isPresent()
                || model != null && model.matches("ich9-uhci[123]"));
    }

    /**
     * Gives controllers without an index one: a USB companion the index of the USB controller it
     * follows, any other the lowest index its type does not use yet.
     */
    static void assignMissingIndexes(DomainDef def) {
        List<XmlNode> all = def.devices("controller");
        String lastUsb = null;
        for (XmlNode c : all) {
            if (index(c) < 0) {
                if (isUsbCompanion(c) && lastUsb != null) {
                    c.set("index", lastUsb);
                } else {
                    c.set("index", Integer.toString(unusedIndex(all, c.attr("type"))));
                }
            }
            if ("usb".equals(c.attr("type")) && !isUsbCompanion(c)) {
                lastUsb = c.attr("index");
            }
        }
    }

    /** SCSI host devices get their addresses, and the controllers those name, before indexes are given. */
    static void hostdevScsi(DomainDef def) {
        assignScsiHostdevAddresses(def);
        XmlNode first = find(def.devices, "scsi", 0);
        for (XmlNode h : def.devices("hostdev")) {
            XmlNode a = h.childOrNull("address");
            if ("scsi".equals(h.attr("type")) && a != null && "drive".equals(a.attr("type")) && a.has("controller")) {
                int idx = Integer.parseInt(a.attr("controller"));
                if (find(def.devices, "scsi", idx) == null) {
                    XmlNode added = ensure(def, "scsi", idx);
                    if (first != null && first.has("model")) {
                        added.set("model", first.attr("model"));
                    }
                }
            }
        }
    }

    /** The controllers libvirt adds for the devices that use them (disks, virtio-serial, ...). */
    static void addImplicit(DomainDef def) {
        for (String bus : List.of("scsi", "fdc", "ide", "sata")) {
            int max = -1;
            for (XmlNode d : def.devices("disk")) {
                XmlNode t = d.childOrNull("target");
                XmlNode a = d.childOrNull("address");
                if (t != null && bus.equals(t.attr("bus")) && a != null && "drive".equals(a.attr("type"))
                        && a.has("controller")) {
                    max = Math.max(max, Integer.parseInt(a.attr("controller")));
                }
            }
            for (int i = 0; i <= max; i++) {
                ensure(def, bus, i);
            }
        }
        java.util.Set<Integer> vsIdx = new java.util.TreeSet<>();
        for (XmlNode d : def.devices) {
            boolean virtio = false;
            if (d.name().equals("channel") || d.name().equals("console")) {
                XmlNode t = d.childOrNull("target");
                virtio = t != null && "virtio".equals(t.attr("type"));
            }
            XmlNode a = d.childOrNull("address");
            if (virtio) {
                int ctl = a != null && "virtio-serial".equals(a.attr("type")) && a.has("controller")
                        ? Integer.parseInt(a.attr("controller")) : 0;
                vsIdx.add(ctl);
            }
        }
        for (int i : vsIdx) {
            ensure(def, "virtio-serial", i);
        }
        int maxCcid = -1;
        for (XmlNode d : def.devices("smartcard")) {
            XmlNode a = d.childOrNull("address");
            int ctl = a != null && "ccid".equals(a.attr("type")) && a.has("controller")
                    ? Integer.parseInt(a.attr("controller")) : 0;
            maxCcid = Math.max(maxCcid, ctl);
        }
        for (int i = 0; i <= maxCcid; i++) {
            ensure(def, "ccid", i);
        }
    }

    /** SCSI host devices without an address get the first free unit, controller by controller. */
    private static void assignScsiHostdevAddresses(DomainDef def) {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (XmlNode d : def.devices) {
            boolean scsi = d.name().equals("hostdev") && "scsi".equals(d.attr("type"))
                    || d.name().equals("disk") && d.child("target").map(t -> "scsi".equals(t.attr("bus"))).orElse(false);
            XmlNode a = d.childOrNull("address");
            if (scsi && a != null && "drive".equals(a.attr("type"))) {
                used.add(a.attr("controller") + ":" + a.attr("bus") + ":" + a.attr("target") + ":" + a.attr("unit"));
            }
        }
        for (XmlNode h : def.devices("hostdev")) {
            if (!"scsi".equals(h.attr("type")) || h.child("address").isPresent()) {
                continue;
            }
            int ctl = 0;
            int unit = 0;
            while (used.contains(ctl + ":0:0:" + unit)) {
                unit++;
                if (unit == 7) {
                    unit = 0;
                    ctl++;
                }
            }
            used.add(ctl + ":0:0:" + unit);
            h.add(new XmlNode("address").set("type", "drive").set("controller", Integer.toString(ctl))
                    .set("bus", "0").set("target", "0").set("unit", Integer.toString(unit)));
        }
    }

    static void assignIndexes(DomainDef def) {
        for (XmlNode c : def.devices("controller")) {
            c.order("type", "index", "model", "ports", "vectors", "maxGrantFrames", "maxEventChannels");
        }
    }
}
