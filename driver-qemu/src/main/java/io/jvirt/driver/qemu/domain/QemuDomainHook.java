package io.jvirt.driver.qemu.domain;

import java.util.List;
import java.util.Set;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.PostParseHook;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.address.DeviceAddresses;
import io.jvirt.driver.qemu.caps.QemuCaps;

/**
 * The QEMU driver's post-parse defaults, as libvirt 9.0's QEMU driver applies them on define (compared
 * with a real libvirtd by {@code LibvirtXmlParityTest}): x86_64, the emulator's versioned machine name
 * ({@code pc} → {@code pc-i440fx-7.2}), the emulator path, the machine's default CPU model, the
 * devices every pc/q35 guest has (PS/2 mouse and keyboard, a USB controller, q35's SATA controller,
 * the PCI root, a virtio balloon, an audio backend 'none'), device models libvirt picks (NIC
 * rtl8139, SCSI controller lsilogic, isa-serial), and then every device address (see
 * {@link DeviceAddresses}), so the inactive XML already says where each device sits.
 */
public final class QemuDomainHook implements PostParseHook {
    /** What QEMU's x86 machines report as their default CPU type ({@code default-cpu-type}). */
    static final String DEFAULT_CPU_MODEL = "qemu64";
    /** Controller types that libvirt's generic code adds for the devices using them (after this driver's own). */
    private static final Set<String> GENERIC_IMPLICIT = Set.of("ide", "scsi", "fdc", "virtio-serial", "ccid");

    private final QemuCaps caps;

    public QemuDomainHook(QemuCaps caps) {
        this.caps = caps;
    }

    @Override
    public String defaultArch(String virtType, String osType) {
        return "x86_64";
    }

    private String machine(DomainDef def) {
        XmlNode os = def.section("os");
        XmlNode type = os == null ? null : os.childOrNull("type");
        String machine = type == null ? null : type.attr("machine");
        return machine == null ? caps.defaultMachine().name() : caps.canonicalMachine(machine);
    }

    static boolean isQ35(String machine) {
        return machine.contains("q35");
    }

    @Override
    public void domainPostParse(DomainDef def) {
        Vcpus.checkDefinition(def);
        XmlNode os = def.section("os");
        XmlNode type = os == null ? null : os.childOrNull("type");
        if (type != null) {
            type.set("machine", machine(def));
            type.order("arch", "machine");
        }
        if (def.emulator() == null) {
            def.devices().add(0, new XmlNode("emulator").text(caps.emulator()));
        }
        String machine = machine(def);
        defaultCpu(def);
        // the i8042 of pc and q35: libvirt lists its mouse and keyboard as devices
        ensureInput(def, "mouse");
        ensureInput(def, "keyboard");
        boolean usb = def.devices("controller").stream().anyMatch(c -> "usb".equals(c.attr("type")));
        if (!usb) {
            // as libvirt: every x86 guest gets a USB controller unless it says model='none'
            def.devices().add(new XmlNode("controller").set("type", "usb").set("index", "0")
                    .set("model", isQ35(machine) ? "qemu-xhci" : "piix3-uhci"));
        }
        if (isQ35(machine) && def.devices("controller").stream()
                .noneMatch(c -> "sata".equals(c.attr("type")) && "0".equals(c.attr("index")))) {
            def.devices().add(new XmlNode("controller").set("type", "sata").set("index", "0"));
        }
        for (XmlNode n : def.devices("interface")) {
            if (n.child("model").isEmpty() && !"hostdev".equals(n.attr("type"))) {
                n.add(new XmlNode("model").set("type", "rtl8139"));
            }
        }
        for (XmlNode p : def.devices("panic")) {
            if (p.attr("model") == null) {
                p.set("model", "isa"); // the x86 default, as libvirt writes it back
            }
        }
        if (def.devices("memballoon").isEmpty()) {
            def.devices().add(new XmlNode("memballoon").set("model", "virtio"));
        }
        if (def.devices("audio").isEmpty()) {
            def.devices().add(new XmlNode("audio").set("id", "1").set("type", "none"));
        }
    }

    /** No CPU, or a custom one without a model: the machine's default model, checked by nobody (as libvirt). */
    private static void defaultCpu(DomainDef def) {
        XmlNode cpu = def.section("cpu");
        if (cpu != null && (cpu.attr("mode") != null && !"custom".equals(cpu.attr("mode"))
                || cpu.child("model").isPresent())) {
            return;
        }
        if (cpu == null) {
            cpu = new XmlNode("cpu");
            def.section(cpu);
        }
        cpu.set("mode", "custom").set("match", "exact").set("check", "none");
        cpu.add(0, new XmlNode("model").set("fallback", "forbid").text(DEFAULT_CPU_MODEL));
    }

    private static void ensureInput(DomainDef def, String type) {
        boolean present = def.devices("input").stream()
                .anyMatch(i -> type.equals(i.attr("type")) && (i.attr("bus") == null || "ps2".equals(i.attr("bus"))));
        if (!present) {
            def.devices().add(new XmlNode("input").set("type", type).set("bus", "ps2"));
        }
    }

    @Override
    public void afterDefaults(DomainDef def) {
        String machine = machine(def);
        boolean q35 = isQ35(machine);
        pciRoot(def, q35);
        for (XmlNode c : def.devices("controller")) {
            if ("scsi".equals(c.attr("type")) && c.attr("model") == null) {
                c.set("model", "lsilogic"); // this QEMU has lsi: libvirt prefers it to virtio-scsi
                c.order("type", "index", "model");
            }
        }
        for (XmlNode s : def.devices("serial")) {
            XmlNode t = s.childOrNull("target");
            if (t == null) {
                t = new XmlNode("target");
                s.add(0, t);
            }
            if (t.attr("type") == null) {
                t.set("type", "isa-serial");
            }
            t.order("type", "port");
            if ("isa-serial".equals(t.attr("type")) && t.child("model").isEmpty()) {
                t.add(new XmlNode("model").set("name", "isa-serial"));
            }
        }
        DeviceAddresses.assign(def.devices(), q35, true);
    }

    /**
     * The machine's PCI root (index 0), placed as libvirt appends it: after the controllers given and
     * this driver's own, before those libvirt's generic code added for disks and channels.
     */
    private static void pciRoot(DomainDef def, boolean q35) {
        String model = q35 ? "pcie-root" : "pci-root";
        List<XmlNode> devices = def.devices();
        for (XmlNode c : def.devices("controller")) {
            if ("pci".equals(c.attr("type")) && "0".equals(c.attr("index"))) {
                if (c.attr("model") != null && !model.equals(c.attr("model"))) {
                    throw new VirtException(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN, "XML error: The PCI controller with "
                            + "index='0' must be model='" + model + "' for this machine type, but model='"
                            + c.attr("model") + "' was found instead");
                }
                c.set("model", model);
                return;
            }
        }
        int lastOwn = -1;
        int firstController = -1;
        for (int i = 0; i < devices.size(); i++) {
            XmlNode d = devices.get(i);
            if (d.name().equals("controller")) {
                firstController = firstController < 0 ? i : firstController;
                boolean generic = GENERIC_IMPLICIT.contains(d.attr("type")) && d.attrs().size() == 2
                        && d.children().isEmpty();
                if (!generic) {
                    lastOwn = i;
                }
            }
        }
        int at = lastOwn >= 0 ? lastOwn + 1 : firstController;
        if (at < 0) {
            at = devices.size();
            for (int i = 0; i < devices.size(); i++) {
                if (devices.get(i).name().equals("emulator") || devices.get(i).name().equals("disk")) {
                    at = i + 1;
                }
            }
        }
        devices.add(at, new XmlNode("controller").set("type", "pci").set("index", "0").set("model", model));
    }
}
