package io.jvirt.conf.domain;

import java.util.List;

/**
 * Character devices ({@code serial}, {@code parallel}, {@code console}, {@code channel}): target
 * ports, the console that doubles the first serial port, and source checks.
 */
final class Chardevs {
    private Chardevs() {
    }

    static void apply(DomainDef def) {
        for (String kind : List.of("serial", "parallel", "console", "channel")) {
            for (XmlNode c : def.devices(kind)) {
                XmlNode t = c.childOrNull("target");
                boolean virtioChannel = kind.equals("channel") && t != null && "virtio".equals(t.attr("type"));
                source(c, virtioChannel);
            }
        }
        for (XmlNode c : def.devices("redirdev")) {
            source(c, false);
        }
        int slot = 0;
        for (XmlNode c : def.devices("smartcard")) {
            if ("passthrough".equals(c.attr("mode"))) {
                source(c, false);
            }
            XmlNode a = c.childOrNull("address");
            if (a == null) {
                c.add(new XmlNode("address").set("type", "ccid").set("controller", "0").set("slot",
                        Integer.toString(slot++)));
            } else if (a.has("slot")) {
                slot = Math.max(slot, Integer.parseInt(a.attr("slot")) + 1);
            }
        }
        for (XmlNode r : def.devices("rng")) {
            XmlNode b = r.childOrNull("backend");
            if (b != null && "egd".equals(b.attr("model"))) {
                source(b, false);
            }
        }
        for (String kind : List.of("serial", "parallel", "console", "channel")) {
            for (XmlNode c : def.devices(kind)) {
                childOrder(c);
                XmlNode a = c.childOrNull("address");
                if (a != null && "virtio-serial".equals(a.attr("type"))) {
                    for (String k : List.of("controller", "bus", "port")) {
                        if (!a.has(k)) {
                            a.set(k, "0");
                        }
                    }
                    a.order("type", "controller", "bus", "port");
                }
            }
        }
        ports(def, "serial");
        ports(def, "parallel");
        consoles(def);
    }

    private static void source(XmlNode c, boolean pathOptional) {
        String type = c.attr("type");
        if (type == null) {
            c.set("type", type = "pty");
        }
        if (!type.equals("tcp")) {
            c.removeChildren("protocol");
        }
        XmlNode target = c.childOrNull("target");
        if (target != null) {
            target.remove("state");
        }
        List<XmlNode> sources = c.children("source");
        if (type.equals("tcp") && sources.size() > 1) {
            throw Errors.xml("only one source element is allowed for character device");
        }
        XmlNode s = sources.isEmpty() ? null : sources.get(0);
        switch (type) {
            case "unix" -> {
                if (s == null || !s.has("path")) {
                    if (!pathOptional) {
                        throw Errors.internal("Missing source path attribute for char device");
                    }
                    if (s != null && s.children().isEmpty()) {
                        c.children().remove(s);
                    }
                    return;
                }
                if (!s.has("mode")) {
                    s.set("mode", "connect");
                }
                s.order("mode", "path");
                reconnect(s);
            }
            case "tcp" -> {
                if (s == null || !s.has("host")) {
                    throw Errors.internal("Missing source host attribute for char device");
                }
                if (!s.has("mode")) {
                    s.set("mode", "connect");
                }
                s.order("mode", "host", "service", "tls");
                reconnect(s);
                if (c.child("protocol").isEmpty() && List.of("serial", "parallel", "console", "channel")
                        .contains(c.name())) {
                    c.add(c.children().indexOf(s) + 1, new XmlNode("protocol").set("type", "raw"));
                }
            }
            case "udp" -> {
                c.orderChildren();
                List<XmlNode> binds = new java.util.ArrayList<>();
                for (XmlNode x : sources) {
                    if ("bind".equals(x.attr("mode"))) {
                        binds.add(x);
                    }
                }
                if (!binds.isEmpty() && !sources.isEmpty()) {
                    int at = c.children().indexOf(sources.get(0));
                    c.children().removeAll(binds);
                    c.children().addAll(at, binds);
                }
                for (XmlNode x : sources) {
                    if (!x.has("mode")) {
                        x.set("mode", "connect");
                    }
                    x.order("mode", "host", "service");
                }
                boolean connectService = false;
                for (XmlNode x : sources) {
                    if (!"bind".equals(x.attr("mode")) && x.has("service")) {
                        connectService = true;
                    }
                }
                if (!connectService) {
                    throw Errors.internal("Missing source service attribute for char device");
                }
            }
            default -> {
            }
        }
    }

    private static void reconnect(XmlNode s) {
        XmlNode r = s == null ? null : s.childOrNull("reconnect");
        if (r == null) {
            return;
        }
        if ("bind".equals(s.attr("mode"))) {
            throw Errors.internal("chardev reconnect is possible only for connect mode");
        }
        if ("yes".equals(r.attr("enabled")) && !r.has("timeout")) {
            throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.XML_ERROR, io.jvirt.api.ErrorDomain.XML,
                    "XML error: Missing required attribute 'timeout' in element 'reconnect'");
        }
    }

    private static void ports(DomainDef def, String kind) {
        int max = -1;
        for (XmlNode c : def.devices(kind)) {
            XmlNode t = c.childOrNull("target");
            if (t != null && t.has("port")) {
                max = Math.max(max, Integer.parseInt(t.attr("port")));
            }
        }
        for (XmlNode c : def.devices(kind)) {
            XmlNode t = c.childOrNull("target");
            if (t == null) {
                t = new XmlNode("target");
                c.add(targetIndex(c), t);
            }
            if (!t.has("port")) {
                t.set("port", Integer.toString(++max));
            }
            t.order("type", "port");
        }
    }

    static int targetIndex(XmlNode c) {
        int i = 0;
        for (XmlNode x : c.children()) {
            if (x.name().equals("source") || x.name().equals("protocol") || x.name().equals("log")) {
                i = c.children().indexOf(x) + 1;
            }
        }
        return i;
    }

    static void childOrder(XmlNode c) {
        c.orderChildren("source", "protocol", "log", "target", "alias", "address");
    }

    static boolean isHvm(DomainDef def) {
        XmlNode os = def.section("os");
        return os != null && os.child("type").map(t -> "hvm".equals(t.text())).orElse(false);
    }

    private static void consoles(DomainDef def) {
        List<XmlNode> consoles = def.devices("console");
        List<XmlNode> serialsNow = def.devices("serial");
        String firstType = serialsNow.isEmpty() ? null : serialsNow.get(0).child("target")
                .map(t -> t.attr("type")).orElse(null);
        boolean firstNotSerial = !consoles.isEmpty() && consoles.get(0).child("target")
                .map(t -> t.attr("type") != null && !"serial".equals(t.attr("type"))).orElse(false);
        if ((consoles.isEmpty() || firstNotSerial) && !serialsNow.isEmpty() && isHvm(def)
                && !"pci-serial".equals(firstType) && !"usb-serial".equals(firstType)) {
            XmlNode serial = serialsNow.get(0);
            XmlNode c = new XmlNode("console");
            c.attrs().putAll(serial.attrs());
            for (XmlNode k : serial.children()) {
                if (k.name().equals("target")) {
                    c.add(new XmlNode("target").set("type", "serial").set("port", k.attr("port")));
                } else if (!k.name().equals("alias")) {
                    c.add(k.copy());
                }
            }
            if (firstNotSerial) {
                for (XmlNode other : consoles) {
                    XmlNode t = other.childOrNull("target");
                    if (!t.has("port")) {
                        t.set("port", Integer.toString(consoles.indexOf(other)));
                    }
                }
                def.devices.add(def.devices.indexOf(consoles.get(0)), c);
            } else {
                def.devices.add(c);
            }
            return;
        }
        for (XmlNode c : consoles) {
            XmlNode t = c.childOrNull("target");
            if (t == null) {
                t = new XmlNode("target");
                c.add(targetIndex(c), t);
            }
            if (!t.has("type")) {
                t.set("type", "serial");
            }
            t.order("type", "port");
        }
        if (consoles.isEmpty()) {
            return;
        }
        for (XmlNode c : consoles) {
            c.remove("tty");
        }
        XmlNode first = consoles.get(0);
        XmlNode ft = first.childOrNull("target");
        if (!"serial".equals(ft.attr("type")) || !isHvm(def)) {
            for (XmlNode c : consoles) {
                XmlNode t = c.childOrNull("target");
                if (!t.has("port")) {
                    t.set("port", Integer.toString(consoles.indexOf(c)));
                }
            }
            return;
        }
        List<XmlNode> serials = def.devices("serial");
        if (serials.isEmpty()) {
            XmlNode serial = first.copy();
            serial.name();
            XmlNode s = new XmlNode("serial");
            s.attrs().putAll(serial.attrs());
            for (XmlNode k : serial.children()) {
                if (k.name().equals("target")) {
                    s.add(new XmlNode("target").set("port", ft.has("port") ? ft.attr("port") : "0"));
                } else if (!k.name().equals("alias")) {
                    s.add(k.copy());
                }
            }
            if (!ft.has("port")) {
                ft.set("port", "0");
            }
            def.devices.add(def.devices.indexOf(first), s);
        } else {
            XmlNode serial = serials.get(0);
            XmlNode st = serial.childOrNull("target");
            first.attrs().clear();
            first.attrs().putAll(serial.attrs());
            first.children().clear();
            for (XmlNode k : serial.children()) {
                if (k.name().equals("target")) {
                    first.add(new XmlNode("target").set("type", "serial").set("port", st.attr("port")));
                } else if (!k.name().equals("alias")) {
                    first.add(k.copy());
                }
            }
        }
        for (XmlNode c : consoles.subList(1, consoles.size())) {
            XmlNode t = c.childOrNull("target");
            if (!t.has("port")) {
                t.set("port", Integer.toString(consoles.indexOf(c)));
            }
        }
    }
}
