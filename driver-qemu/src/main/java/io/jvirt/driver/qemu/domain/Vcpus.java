package io.jvirt.driver.qemu.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.QemuErrors;
import io.jvirt.driver.qemu.qmp.QmpClient;

/**
 * The vCPUs of a running guest as libvirt's QEMU driver keeps them: {@code -smp current,maxcpus=max}
 * starts the first {@code current} (not hotpluggable), every other one is a QEMU CPU device the
 * driver adds ({@code device_add}, alias {@code vcpuN}) or removes ({@code device_del}, which the
 * guest must acknowledge through ACPI). vCPU N is the Nth slot of {@code query-hotpluggable-cpus} in
 * topology order. After the first change the live XML carries the per-vCPU state in {@code <vcpus>},
 * as libvirt's does; that element is also where this state survives a driver restart.
 */
final class Vcpus {
    private Vcpus() {
    }

    /** One vCPU of the live definition; {@code order} is 0 for a disabled one. */
    record Vcpu(int id, boolean enabled, boolean hotpluggable, int order) {
        String alias() {
            return "vcpu" + id;
        }
    }

    /** The vCPUs of a live definition: from {@code <vcpus>} once written, else as {@code -smp} started them. */
    static List<Vcpu> of(DomainDef live) {
        var v = live.vcpus();
        List<Vcpu> l = new ArrayList<>();
        XmlNode section = live.section("vcpus");
        if (section != null) {
            for (XmlNode n : section.children("vcpu")) {
                l.add(new Vcpu(Integer.parseInt(n.attr("id")), "yes".equals(n.attr("enabled")),
                        "yes".equals(n.attr("hotpluggable")), n.attr("order") == null ? 0 : Integer.parseInt(n.attr("order"))));
            }
            return l;
        }
        for (int i = 0; i < v.max(); i++) {
            boolean boot = i < v.current();
            l.add(new Vcpu(i, boot, !boot, boot ? i + 1 : 0));
        }
        return l;
    }

    /** Writes the vCPUs back: {@code <vcpus>} and the current count of {@code <vcpu>}. */
    static void write(DomainDef live, List<Vcpu> vcpus) {
        XmlNode section = new XmlNode("vcpus");
        int enabled = 0;
        for (Vcpu c : vcpus) {
            XmlNode n = new XmlNode("vcpu").set("id", Integer.toString(c.id())).set("enabled", c.enabled() ? "yes" : "no")
                    .set("hotpluggable", c.hotpluggable() ? "yes" : "no");
            if (c.enabled() && c.order() > 0) {
                n.set("order", Integer.toString(c.order()));
            }
            section.add(n);
            enabled += c.enabled() ? 1 : 0;
        }
        live.section(section);
        live.setVcpus(vcpus.size(), enabled);
    }

    /** The disabled vCPUs to plug, lowest ids first, to reach {@code count}. */
    static List<Vcpu> toPlug(List<Vcpu> vcpus, int count) {
        int online = (int) vcpus.stream().filter(Vcpu::enabled).count();
        List<Vcpu> l = new ArrayList<>();
        for (Vcpu c : vcpus) {
            if (online + l.size() < count && !c.enabled() && c.hotpluggable()) {
                l.add(c);
            }
        }
        return check(l, count - online);
    }

    /** The hotpluggable online vCPUs to unplug, highest ids first (never vCPU 0), to reach {@code count}. */
    static List<Vcpu> toUnplug(List<Vcpu> vcpus, int count) {
        int online = (int) vcpus.stream().filter(Vcpu::enabled).count();
        List<Vcpu> l = new ArrayList<>();
        for (int i = vcpus.size() - 1; i >= 1 && online - l.size() > count; i--) {
            Vcpu c = vcpus.get(i);
            if (c.enabled() && c.hotpluggable()) {
                l.add(c);
            }
        }
        return check(l, online - count);
    }

    private static List<Vcpu> check(List<Vcpu> chosen, int needed) {
        if (chosen.size() != needed) {
            throw QemuErrors.unsupported("failed to find appropriate hotpluggable vcpus to reach the desired target vcpu count");
        }
        return chosen;
    }

    /** {@code vcpus} with {@code changed} enabled or disabled; a plugged one is ordered after every online one. */
    static List<Vcpu> with(List<Vcpu> vcpus, Vcpu changed, boolean enabled) {
        int order = vcpus.stream().mapToInt(Vcpu::order).max().orElse(0) + 1;
        List<Vcpu> l = new ArrayList<>();
        for (Vcpu c : vcpus) {
            l.add(c.id() != changed.id() ? c : new Vcpu(c.id(), enabled, c.hotpluggable(), enabled ? order : 0));
        }
        return l;
    }

    /** The {@code device_add} arguments that plug {@code vcpu}: its slot's CPU type and topology ids. */
    static ObjectNode deviceAdd(JsonNode hotpluggable, Vcpu vcpu) {
        List<JsonNode> slots = new ArrayList<>();
        hotpluggable.forEach(slots::add);
        Comparator<JsonNode> topology = Comparator.comparingInt((JsonNode s) -> s.path("props").path("socket-id").asInt())
                .thenComparingInt(s -> s.path("props").path("die-id").asInt())
                .thenComparingInt(s -> s.path("props").path("core-id").asInt())
                .thenComparingInt(s -> s.path("props").path("thread-id").asInt());
        slots.sort(topology);
        if (vcpu.id() >= slots.size()) {
            throw QemuErrors.internal("QEMU has no hotpluggable slot for vcpu " + vcpu.id());
        }
        JsonNode slot = slots.get(vcpu.id());
        ObjectNode args = QmpClient.args().put("driver", slot.path("type").asText()).put("id", vcpu.alias());
        slot.path("props").fields().forEachRemaining(e -> args.set(e.getKey(), e.getValue()));
        return args;
    }

    /**
     * libvirt's QEMU rules for a definition's {@code <vcpus>}: vCPU 0 boots first and stays, every online
     * vCPU has an order or none has, and the vCPUs QEMU boots ({@code hotpluggable='no'}) come first in
     * ascending order. On define an unset {@code hotpluggable} escapes the last two rules (libvirt checks
     * before its defaults); at start every value is set, so the start checks again.
     */
    static void checkDefinition(DomainDef def) {
        XmlNode section = def.section("vcpus");
        if (section == null) {
            return;
        }
        List<XmlNode> l = section.children("vcpu");
        XmlNode first = l.get(0);
        if (!"yes".equals(first.attr("enabled"))) {
            throw QemuErrors.unsupported("vcpu 0 can't be offline");
        }
        if ("yes".equals(first.attr("hotpluggable"))) {
            throw QemuErrors.unsupported("vcpu0 can't be hotpluggable");
        }
        int firstOrder = order(first);
        if (firstOrder > 1) {
            throw QemuErrors.unsupported("vcpu0 must be enabled first");
        }
        boolean ordered = firstOrder != 0;
        XmlNode prev = first;
        for (XmlNode n : l.subList(1, l.size())) {
            if ("yes".equals(n.attr("enabled")) && (order(n) != 0) != ordered) {
                throw QemuErrors.unsupported("all vcpus must have either set or unset order");
            }
            if ("no".equals(n.attr("hotpluggable"))) {
                if ("yes".equals(prev.attr("hotpluggable"))) {
                    throw QemuErrors.unsupported("online non-hotpluggable vcpus need to be ordered prior to hotplugable vcpus");
                }
                if (order(prev) > order(n)) {
                    throw QemuErrors.unsupported("online non-hotpluggable vcpus must be ordered in ascending order");
                }
            }
            prev = n;
        }
    }

    /** The checks at start: the definition's again, and (when vCPUs are plugged at boot) orders unique and in range. */
    static void checkStart(DomainDef def) {
        checkDefinition(def);
        List<Vcpu> vcpus = of(def);
        if (def.section("vcpus") == null || startupPlugs(vcpus).isEmpty()) {
            return;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Vcpu c : vcpus) {
            if (c.order() != 0) {
                if (!seen.add(c.order())) {
                    throw QemuErrors.unsupported("duplicate vcpu order '" + c.order() + "'");
                }
                if (c.order() > vcpus.size()) {
                    throw QemuErrors.unsupported("vcpu order '" + c.order() + "' exceeds vcpu count");
                }
            }
        }
    }

    /** The enabled hotpluggable vCPUs QEMU gets before the guest runs, in their order (then id). */
    static List<Vcpu> startupPlugs(List<Vcpu> vcpus) {
        return vcpus.stream().filter(c -> c.enabled() && c.hotpluggable())
                .sorted(Comparator.comparingInt(Vcpu::order).thenComparingInt(Vcpu::id)).toList();
    }

    /**
     * The live state once QEMU runs them: the boot vCPUs ordered first by id, then the plugged ones in
     * the order they were plugged (QEMU's own enumeration, which libvirt copies into the live XML).
     */
    static List<Vcpu> started(List<Vcpu> vcpus, List<Vcpu> plugged) {
        int[] order = new int[vcpus.size()];
        int next = 1;
        for (Vcpu c : vcpus) {
            if (c.enabled() && !c.hotpluggable()) {
                order[c.id()] = next++;
            }
        }
        for (Vcpu c : plugged) {
            order[c.id()] = next++;
        }
        List<Vcpu> l = new ArrayList<>();
        for (Vcpu c : vcpus) {
            l.add(new Vcpu(c.id(), c.enabled(), c.hotpluggable(), c.enabled() ? order[c.id()] : 0));
        }
        return l;
    }

    private static int order(XmlNode n) {
        return n.attr("order") == null ? 0 : Integer.parseInt(n.attr("order"));
    }
}
