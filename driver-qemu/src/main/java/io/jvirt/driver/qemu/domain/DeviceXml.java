package io.jvirt.driver.qemu.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;


import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.FormatFlag;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.QemuErrors;
import io.jvirt.driver.qemu.qmp.QmpClient;

/**
 * Device XML of attach and detach: a device is parsed inside a copy of its domain (so the domain
 * parser applies the same defaults as at define: disk bus, interface model and MAC, ...), devices are
 * matched as libvirt matches them (disks by target, interfaces by MAC), and command-line options are
 * turned into the QMP commands that hot-plug the same device.
 */
final class DeviceXml {
    private DeviceXml() {
    }

    /** What a device XML names: its element and the keys a detach matches by. */
    record Key(String kind, String targetDev, String mac, String alias) {
        /** Whether {@code node} (a device of a definition) is the device this key names. */
        boolean matches(XmlNode node) {
            if (!node.name().equals(kind)) {
                return false;
            }
            String nodeAlias = node.child("alias").map(a -> a.attr("name")).orElse(null);
            if (alias != null && !alias.equals(nodeAlias)) {
                return false;
            }
            return switch (kind) {
                case "disk" -> targetDev != null
                        && targetDev.equals(node.child("target").map(t -> t.attr("dev")).orElse(null));
                case "interface" -> mac == null
                        || mac.equalsIgnoreCase(node.child("mac").map(m -> m.attr("address")).orElse(null));
                default -> false;
            };
        }

        String describe() {
            return kind.equals("disk") ? targetDev : mac;
        }
    }

    /** Reads the element name and match keys of one device's XML (no defaults applied). */
    static Key key(String xml) {
        // libvirt: a malformed device document is VIR_ERR_XML_DETAIL of "(device_definition)" from DOMAIN
        Element e = io.jvirt.conf.xml.SecureXml.parseAnyRoot(xml, "device_definition");
        return new Key(e.getTagName(), attr(e, "target", "dev"), attr(e, "mac", "address"), attr(e, "alias", "name"));
    }

    private static String attr(Element e, String child, String attr) {
        var l = e.getElementsByTagName(child);
        if (l.getLength() == 0) {
            return null;
        }
        String v = ((Element) l.item(0)).getAttribute(attr);
        return v.isEmpty() ? null : v;
    }

    /**
     * {@code base} with {@code deviceXml} added, parsed by {@code parse} (with defaults and checks),
     * and the device as that parse made it.
     */
    static Added add(DomainDef base, String deviceXml, Function<String, DomainDef> parse) {
        String xml = base.format(FormatFlag.INACTIVE, FormatFlag.SECURE);
        int end = xml.lastIndexOf("</devices>");
        if (end >= 0) {
            xml = xml.substring(0, end) + deviceXml + xml.substring(end);
        } else {
            int dom = xml.lastIndexOf("</domain>");
            xml = xml.substring(0, dom) + "<devices>" + deviceXml + "</devices>" + xml.substring(dom);
        }
        DomainDef before = parse.apply(base.format(FormatFlag.INACTIVE, FormatFlag.SECURE));
        DomainDef after = parse.apply(xml);
        // the new device is the one the definition did not have before (devices format stably)
        Map<String, Integer> old = new HashMap<>();
        for (XmlNode d : before.devices()) {
            old.merge(d.toString(), 1, Integer::sum);
        }
        for (int i = 0; i < after.devices().size(); i++) {
            XmlNode d = after.devices().get(i);
            if (old.merge(d.toString(), -1, Integer::sum) < 0) {
                return new Added(after, d, i, after.devices().size() - before.devices().size() - 1);
            }
        }
        throw QemuErrors.internal("the device was not found after parsing it");
    }

    /**
     * A definition with a new device, the device, its index in libvirt's device order, and how many
     * other devices its addition brought (a PCI controller when no free slot was left).
     */
    record Added(DomainDef def, XmlNode device, int index, int extra) {
    }

    /** Inserts {@code device} after the last device of its kind (else at {@code index}). */
    static void insert(List<XmlNode> devices, XmlNode device, int index) {
        int at = -1;
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).name().equals(device.name())) {
                at = i + 1;
            }
        }
        devices.add(at >= 0 ? at : Math.min(index, devices.size()), device);
    }

    /** One QMP command: name and arguments. */
    record Qmp(String command, ObjectNode args) {
    }

    /** The QMP commands that do what the command-line options {@code argv} (pairs) do at start. */
    static List<Qmp> toQmp(List<String> argv) {
        List<Qmp> l = new ArrayList<>();
        for (int i = 0; i + 1 < argv.size(); i += 2) {
            String opt = argv.get(i);
            String value = argv.get(i + 1);
            switch (opt) {
                case "-blockdev" -> l.add(new Qmp("blockdev-add", json(value)));
                case "-netdev" -> {
                    ObjectNode a = keyval(value, "type");
                    l.add(new Qmp("netdev_add", a));
                }
                case "-device" -> l.add(new Qmp("device_add", keyval(value, "driver")));
                default -> throw QemuErrors.internal("cannot hot-plug option " + opt);
            }
        }
        return l;
    }

    private static ObjectNode json(String s) {
        try {
            return (ObjectNode) QmpClient.JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw QemuErrors.internal("bad -blockdev JSON " + s);
        }
    }

    /**
     * QEMU's {@code driver,key=value,...} syntax as QMP arguments: QMP's device_add checks types, so
     * decimal numbers become numbers and on/off booleans; the rest (PCI addresses like 0x3) stay strings.
     */
    static ObjectNode keyval(String s, String firstKey) {
        ObjectNode a = QmpClient.args();
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' && i + 1 < s.length() && s.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        a.put(firstKey, parts.get(0));
        for (String p : parts.subList(1, parts.size())) {
            int eq = p.indexOf('=');
            String k = p.substring(0, eq);
            String v = p.substring(eq + 1);
            if (v.matches("-?\\d+")) {
                a.put(k, Long.parseLong(v));
            } else if (v.equals("on") || v.equals("off")) {
                a.put(k, v.equals("on"));
            } else {
                a.put(k, v);
            }
        }
        return a;
    }

    /** The highest N of the {@code libvirt-N-...} block nodes QEMU has. */
    static int highestBlockNode(JsonNode namedNodes) {
        int max = 0;
        for (JsonNode n : namedNodes) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^libvirt-(\\d+)-")
                    .matcher(n.path("node-name").asText());
            if (m.find()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max;
    }
}
