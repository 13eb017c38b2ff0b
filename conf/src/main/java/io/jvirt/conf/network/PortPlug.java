package io.jvirt.conf.network;

import java.util.Objects;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <plug>} of a network port: how the network's driver connected it, which a hypervisor
 * driver then follows (a bridge to enslave its tap to, a host device for macvtap, a PCI function).
 * A port without one (or with {@code type='none'}) is not plugged yet.
 *
 * @param bridge          the bridge ({@code network} and {@code bridge} types), may be empty
 * @param macTableManager {@code kernel} or {@code libvirt}, or null (bridge types)
 * @param dev             the link device ({@code direct})
 * @param mode            the macvtap mode ({@code direct}): vepa, private, bridge or passthrough
 * @param managed         {@code managed='yes|no'} or null ({@code hostdev-pci})
 * @param driver          {@code kvm} or {@code vfio}, or null ({@code hostdev-pci})
 * @param address         the PCI function ({@code hostdev-pci})
 */
public record PortPlug(Type type, String bridge, String macTableManager, String dev, String mode, Boolean managed,
        String driver, PciAddress address) {

    /** The {@code type} attribute (libvirt's virNetworkPortPlugType without {@code none}). */
    public enum Type {
        NETWORK("network"), BRIDGE("bridge"), DIRECT("direct"), HOSTDEV_PCI("hostdev-pci");

        private final String xml;

        Type(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    /** libvirt's virNetDevMacVLanMode names; the first is what an absent mode means. */
    private static final java.util.List<String> MODES = java.util.List.of("vepa", "private", "bridge", "passthrough");

    public PortPlug {
        Objects.requireNonNull(type, "type");
    }

    /** A {@code network} or {@code bridge} plug, as a network driver allocates it. */
    public static PortPlug bridged(Type type, String bridge, String macTableManager) {
        return new PortPlug(type, bridge, macTableManager, null, null, null, null, null);
    }

    /** A {@code direct} (macvtap) plug on {@code dev}. */
    public static PortPlug direct(String dev, String mode) {
        return new PortPlug(Type.DIRECT, null, null, dev, mode, null, null, null);
    }

    /** Parses {@code <plug>}; null for a port that is not plugged (no element, no type or {@code none}). */
    static PortPlug parse(Element e) {
        String typeStr = NetXml.prop(e, "type");
        if (typeStr == null || typeStr.equals("none")) {
            return null;
        }
        Type type = null;
        for (Type t : Type.values()) {
            if (t.xml.equals(typeStr)) {
                type = t;
            }
        }
        if (type == null) {
            throw NetXml.invalidValue(e, "type", typeStr);
        }
        return switch (type) {
            case NETWORK, BRIDGE -> {
                String bridge = NetXml.prop(e, "bridge");
                if (bridge == null) {
                    throw NetErrors.xml("Missing network port bridge name");
                }
                String mtm = NetXml.prop(e, "macTableManager");
                // "default" is the enum's zero and refused like an unknown word
                if (mtm != null && !mtm.equals("kernel") && !mtm.equals("libvirt")) {
                    throw NetErrors.xml("Invalid macTableManager setting '" + mtm + "' in network port");
                }
                yield bridged(type, bridge, mtm);
            }
            case DIRECT -> {
                String dev = NetXml.prop(e, "dev");
                if (dev == null) {
                    throw NetErrors.xml("Missing network port link device name");
                }
                String mode = NetXml.prop(e, "mode");
                if (mode != null && !MODES.contains(mode)) {
                    throw NetErrors.xml("Invalid mode setting '" + mode + "' in network port");
                }
                yield direct(dev, mode == null ? MODES.get(0) : mode);
            }
            case HOSTDEV_PCI -> {
                Boolean managed = NetXml.propYesNo(e, "managed");
                String driver = NetXml.xprop(NetXml.child(e, "driver"), "name");
                if (driver != null && !driver.equals("kvm") && !driver.equals("vfio")) {
                    // libvirt 9.0's words for a driver name it does not know
                    throw NetErrors.xml("Missing network port driver name");
                }
                Element addr = NetXml.child(e, "address");
                if (addr == null) {
                    throw NetErrors.xml("Missing network port PCI address");
                }
                yield new PortPlug(type, null, null, null, null, managed, driver, PciAddress.parse(addr));
            }
        };
    }

    void format(XmlWriter w) {
        w.open("plug").attr("type", type.xml);
        switch (type) {
            case NETWORK, BRIDGE -> w.attr("bridge", bridge).attr("macTableManager", macTableManager);
            case DIRECT -> w.attr("dev", dev).attr("mode", mode);
            case HOSTDEV_PCI -> {
                w.yesNo("managed", managed).endStartTag();
                if (driver != null) {
                    w.open("driver").attr("name", driver).close();
                }
                address.format(w);
            }
        }
        w.close();
    }
}
