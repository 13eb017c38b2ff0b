package io.jvirt.conf.domain;

import java.util.List;

/** {@code <interface>}: child order and defaults. */
public final class Interfaces {
    /** Children of an interface in libvirt's output order. */
    static final List<String> ORDER = List.of("mac", "source", "portForward", "vlan", "virtualport", "bandwidth",
            "port", "ip", "route", "script", "downscript", "backenddomain", "target", "guest", "model", "driver",
            "backend", "teaming", "filterref", "tune", "link", "mtu", "coalesce", "rom", "boot", "alias", "acpi",
            "address");

    private Interfaces() {
    }

    static void normalize(DomainDef def, XmlNode net) {
        if (!net.has("type")) {
            net.set("type", "user");
        }
        XmlNode mac = net.childOrNull("mac");
        if (mac == null) {
            mac = new XmlNode("mac").set("address", randomMac());
            net.add(0, mac);
        } else if (mac.attr("address") != null) {
            mac.set("address", mac.attr("address").toLowerCase(java.util.Locale.ROOT));
        }
        XmlNode target = net.childOrNull("target");
        if (target != null && target.attr("dev") != null) {
            String dev = target.attr("dev");
            if (dev.startsWith("vnet") || dev.startsWith("macvtap") || dev.startsWith("macvlan")) {
                target.remove("dev");
                if (target.attrs().isEmpty()) {
                    net.children().remove(target);
                }
            }
        }
        XmlNode co = net.childOrNull("coalesce");
        if (co != null) {
            for (XmlNode rx : co.children("rx")) {
                rx.removeChildren(f -> f.name().equals("frames") && "0".equals(f.attr("max")));
            }
            co.removeChildren(rx -> rx.name().equals("rx") && rx.children().isEmpty());
            if (co.children().isEmpty()) {
                net.children().remove(co);
            }
        }
        String model = net.child("model").map(m -> m.attr("type")).orElse(null);
        boolean virtio = model != null && model.startsWith("virtio");
        if ("vhostuser".equals(net.attr("type")) && !virtio) {
            throw Errors.internal("Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. "
                    + "vhostuser requires the virtio-net* frontend");
        }
        XmlNode driver = net.childOrNull("driver");
        if (driver != null && !virtio && !"hostdev".equals(net.attr("type"))) {
            for (String opt : List.of("iommu", "ats", "packed", "page_per_vq")) {
                if (driver.has(opt)) {
                    throw Errors.config(opt + " driver option is only supported for virtio devices");
                }
            }
            net.children().remove(driver);
        }
        if ("hostdev".equals(net.attr("type"))) {
            net.removeChildren("filterref");
            XmlNode drv = net.childOrNull("driver");
            if (drv != null) {
                drv.only("name");
                if (drv.attrs().isEmpty()) {
                    net.children().remove(drv);
                }
            }
        }
        net.orderChildren(ORDER.toArray(new String[0]));
    }

    static String randomMac() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("52:54:00:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    /** Where a new {@code <target>} goes among an interface's children. */
    public static int targetIndex(XmlNode net) {
        int target = ORDER.indexOf("target");
        int i = 0;
        for (XmlNode c : net.children()) {
            int k = ORDER.indexOf(c.name());
            if (k > target) {
                return i;
            }
            i++;
        }
        return i;
    }
}
