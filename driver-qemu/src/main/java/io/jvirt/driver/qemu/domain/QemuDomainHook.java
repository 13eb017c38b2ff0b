package io.jvirt.driver.qemu.domain;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.PostParseHook;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.caps.QemuCaps;

/**
 * The QEMU driver's post-parse defaults, as libvirt's QEMU driver applies them on define: x86_64, the
 * emulator's versioned machine name for an alias or none ({@code pc} → {@code pc-i440fx-7.2}), the
 * emulator path, a USB controller, a virtio memory balloon.
 */
public final class QemuDomainHook implements PostParseHook {
    private final QemuCaps caps;

    public QemuDomainHook(QemuCaps caps) {
        this.caps = caps;
    }

    @Override
    public String defaultArch(String virtType, String osType) {
        return "x86_64";
    }

    @Override
    public void domainPostParse(DomainDef def) {
        XmlNode os = def.section("os");
        XmlNode type = os == null ? null : os.childOrNull("type");
        if (type != null) {
            String machine = type.attr("machine");
            type.set("machine", machine == null ? caps.defaultMachine().name() : caps.canonicalMachine(machine));
            type.order("arch", "machine");
        }
        if (def.emulator() == null) {
            def.devices().add(0, new XmlNode("emulator").text(caps.emulator()));
        }
        boolean usb = def.devices("controller").stream().anyMatch(c -> "usb".equals(c.attr("type")));
        String machine = type == null ? caps.defaultMachine().name() : type.attr("machine");
        if (!usb) {
            // as libvirt: every x86 guest gets a USB controller unless it says model='none'
            def.devices().add(new XmlNode("controller").set("type", "usb").set("index", "0")
                    .set("model", machine.contains("q35") ? "qemu-xhci" : "piix3-uhci"));
        }
        for (XmlNode p : def.devices("panic")) {
            if (p.attr("model") == null) {
                p.set("model", "isa"); // the x86 default, as libvirt writes it back
            }
        }
        if (def.devices("memballoon").isEmpty()) {
            def.devices().add(new XmlNode("memballoon").set("model", "virtio"));
        }
    }
}
