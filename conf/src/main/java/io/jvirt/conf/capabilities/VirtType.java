package io.jvirt.conf.capabilities;

import java.util.Locale;

/** Hypervisor types of {@code <domain type='...'>} (virDomainVirtType). */
public enum VirtType {
    QEMU, KQEMU, KVM, XEN, LXC, UML, OPENVZ, TEST, VMWARE, HYPERV, VBOX, PHYP, PARALLELS, BHYVE, VZ, HVF;

    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VirtType fromXml(String name) {
        for (VirtType t : values()) {
            if (t.xmlName().equals(name)) {
                return t;
            }
        }
        throw CapsXml.error("unknown domain type '" + name + "'");
    }

    @Override
    public String toString() {
        return xmlName();
    }
}
