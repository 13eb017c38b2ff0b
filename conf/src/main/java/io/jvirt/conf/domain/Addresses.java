package io.jvirt.conf.domain;

import io.jvirt.conf.xml.Xml;

/** Device {@code <address>} elements: libvirt's fixed attribute order and number formats per type. */
final class Addresses {
    private Addresses() {
    }

    static void normalize(XmlNode device) {
        for (XmlNode c : device.children()) {
            if (c.name().equals("address") && c.ns == null) {
                address(c, device);
            }
        }
    }

    static void address(XmlNode a, XmlNode device) {
        String type = a.attr("type");
        if (type == null) {
            return;
        }
        switch (type) {
            case "pci" -> {
                if (a.attrs().size() > 1) {
                    hex(a, "domain", 4, 0xFFFF, "domain", "0xFFFF");
                    hex(a, "bus", 2, 0xFF, "bus", "0xFF");
                    hex(a, "slot", 2, 0x1F, "slot", "0x1F");
                    hex(a, "function", 1, 7, "function", "0x7");
                }
                a.order("type", "domain", "bus", "slot", "function", "multifunction");
                if ("0x0000".equals(a.attr("domain")) && "0x00".equals(a.attr("bus")) && "0x00".equals(a.attr("slot"))
                        && "0x0".equals(a.attr("function")) && device != null) {
                    a.remove("domain", "bus", "slot", "function");
                }
                XmlNode zpci = a.childOrNull("zpci");
                if (zpci != null) {
                    hex(zpci, "uid", 4, Long.MAX_VALUE, "uid", null);
                    hex(zpci, "fid", 8, Long.MAX_VALUE, "fid", null);
                    if (!zpci.has("fid")) {
                        zpci.set("fid", "0x00000000");
                    }
                    zpci.order("uid", "fid");
                }
            }
            case "drive" -> {
                for (String k : new String[] {"controller", "bus", "target", "unit"}) {
                    String v = a.attr(k);
                    if (v != null && !v.matches("[0-9]+")) {
                        throw Errors.prop(k, "address", v, "Expected non-negative integer value");
                    }
                }
                a.order("type", "controller", "bus", "target", "unit");
            }
            case "ccw" -> {
                hex(a, "cssid", 0, Long.MAX_VALUE, "cssid", null);
                hex(a, "ssid", 0, Long.MAX_VALUE, "ssid", null);
                hex(a, "devno", 4, Long.MAX_VALUE, "devno", null);
                a.order("type", "cssid", "ssid", "devno");
            }
            case "spapr-vio" -> hex(a, "reg", 8, Long.MAX_VALUE, "reg", null);
            case "virtio-serial" -> a.order("type", "controller", "bus", "port");
            case "usb" -> a.order("type", "bus", "port");
            case "ccid" -> a.order("type", "controller", "slot");
            case "isa" -> {
                hex(a, "iobase", 0, Long.MAX_VALUE, "iobase", null);
                a.order("type", "iobase", "irq");
                if (a.has("irq")) {
                    hex(a, "irq", 0, Long.MAX_VALUE, "irq", null);
                }
            }
            case "dimm" -> a.order("type", "slot", "base");
            default -> {
            }
        }
    }

    private static void hex(XmlNode a, String attr, int width, long max, String what, String maxText) {
        String v = a.attr(attr);
        if (v == null) {
            if ("pci".equals(a.attr("type")) && (attr.equals("domain") || attr.equals("bus")
                    || attr.equals("slot") || attr.equals("function"))) {
                a.set(attr, "0x" + "0".repeat(width));
            }
            return;
        }
        long n;
        try {
            n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Errors.internal("Cannot parse <address> '" + attr + "' attribute");
        }
        if (n > max && maxText != null) {
            throw Errors.of(io.jvirt.api.ErrorCode.XML_ERROR, io.jvirt.api.ErrorDomain.NONE, "XML error: Invalid PCI address " + what + "='" + v + "', must be <= " + maxText);
        }
        String h = Long.toHexString(n);
        if (h.length() < width) {
            h = "0".repeat(width - h.length()) + h;
        }
        a.set(attr, "0x" + h);
    }
}
