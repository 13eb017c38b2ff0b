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
}
