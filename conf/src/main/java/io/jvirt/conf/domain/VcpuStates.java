package io.jvirt.conf.domain;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;

/**
 * {@code <vcpus>}: the state of each vCPU (enabled, hotpluggable, order), as libvirt's generic code
 * reads it. When present it is the master: the number of enabled vCPUs becomes {@code current},
 * whatever {@code <vcpu current>} says. Parsing happens before the driver's hook (which may check
 * what was written, e.g. QEMU's ordering rules), the hotpluggable defaults after it: that is the
 * order in which libvirt 9.0 reports the errors.
 */
final class VcpuStates {
    private VcpuStates() {
    }

    /** Every vCPU listed once, in id order; an unlisted one is disabled. An empty {@code <vcpus/>} is dropped. */
    static void parse(DomainDef def) {
        XmlNode section = def.section("vcpus");
        if (section == null) {
            return;
        }
        if (section.children("vcpu").isEmpty()) {
            def.removeSection("vcpus");
            return;
        }
        int max = def.vcpus().max();
        XmlNode[] byId = new XmlNode[max];
        for (XmlNode n : section.children("vcpu")) {
            int id = uint(n, "id", true);
            if (id >= max) {
                throw Errors.xml("vcpu id '" + id + "' is out of range of maximum vcpu count");
            }
            String enabled = bool(n, "enabled", true);
            String hotpluggable = bool(n, "hotpluggable", false);
            int order = uint(n, "order", false);
            // a later entry for the same id replaces the earlier one, as in libvirt
            byId[id] = new XmlNode("vcpu").set("id", Integer.toString(id)).set("enabled", enabled)
                    .set("hotpluggable", hotpluggable).set("order", order > 0 ? Integer.toString(order) : null);
        }
        XmlNode out = new XmlNode("vcpus");
        for (int i = 0; i < max; i++) {
            out.add(byId[i] != null ? byId[i] : new XmlNode("vcpu").set("id", Integer.toString(i)).set("enabled", "no"));
        }
        def.section(out);
    }

    /** A disabled vCPU is hotpluggable unless it says otherwise, an enabled one is not; {@code current} follows. */
    static void defaults(DomainDef def) {
        XmlNode section = def.section("vcpus");
        if (section == null) {
            return;
        }
        int enabled = 0;
        for (XmlNode n : section.children("vcpu")) {
            boolean on = "yes".equals(n.attr("enabled"));
            if (n.attr("hotpluggable") == null) {
                n.set("hotpluggable", on ? "no" : "yes");
            } else if (!on && "no".equals(n.attr("hotpluggable"))) {
                throw Errors.config("vcpu '" + n.attr("id") + "' is both offline and not hotpluggable");
            }
            n.order("id", "enabled", "hotpluggable", "order");
            enabled += on ? 1 : 0;
        }
        XmlNode v = def.section("vcpu");
        v.set("current", enabled == def.vcpus().max() ? null : Integer.toString(enabled));
        v.order("placement", "cpuset", "current");
    }

    private static int uint(XmlNode n, String attr, boolean required) {
        String v = n.attr(attr);
        if (v == null) {
            if (required) {
                throw missing(attr);
            }
            return 0;
        }
        if (!v.trim().matches("\\+?[0-9]+")) {
            throw Errors.prop(attr, "vcpu", v, "Expected non-negative integer value");
        }
        try {
            return Integer.parseInt(v.trim().replace("+", ""));
        } catch (NumberFormatException e) {
            throw Errors.prop(attr, "vcpu", v, "Expected non-negative integer value");
        }
    }

    private static String bool(XmlNode n, String attr, boolean required) {
        String v = n.attr(attr);
        if (v == null) {
            if (required) {
                throw missing(attr);
            }
            return null;
        }
        if (!v.equals("yes") && !v.equals("no")) {
            throw Errors.prop(attr, "vcpu", v, null);
        }
        return v;
    }

    private static io.jvirt.api.VirtException missing(String attr) {
        return Errors.of(ErrorCode.XML_ERROR, ErrorDomain.XML,
                "XML error: Missing required attribute '" + attr + "' in element 'vcpu'");
    }
}
