package io.jvirt.conf.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <forward>}: the mode and the devices it forwards through.
 *
 * @param interfaces the network devices ({@code dev}, from the dev attribute and {@code <interface>}s)
 *                   or PCI addresses ({@code <address>}s) of the pool
 * @param pf         the physical function whose virtual functions are the pool, or null
 * @param driver     {@code kvm} or {@code vfio} for hostdev pools, or null
 */
public record Forward(ForwardMode mode, boolean managed, String driver, List<Device> interfaces, String pf,
        Nat nat) {
    public Forward {
        interfaces = List.copyOf(interfaces);
    }

    /** No {@code <forward>}: an isolated network. */
    public static final Forward NONE = new Forward(ForwardMode.NONE, false, null, List.of(), null, Nat.NONE);

    /** One device of the pool: a network device name or a PCI address. */
    public record Device(String dev, PciAddress pci) {
    }

    static Forward parse(String net, Element e) {
        String modeStr = NetXml.xprop(e, "mode");
        ForwardMode mode = ForwardMode.NAT;
        if (modeStr != null) {
            mode = ForwardMode.of(modeStr);
            if (mode == null) {
                throw NetErrors.unsupported("unknown forwarding type '" + modeStr + "'");
            }
        }
        String managedStr = NetXml.xprop(e, "managed");
        boolean managed = managedStr != null && managedStr.toLowerCase(Locale.ROOT).equals("yes");
        String driver = null;
        Element driverNode = NetXml.child(e, "driver");
        if (driverNode != null) {
            String name = NetXml.prop(driverNode, "name");
            if (name != null) {
                if (!name.equals("kvm") && !name.equals("vfio")) {
                    throw NetErrors.unsupported("Unknown forward <driver name='" + name + "'/> in network " + net);
                }
                driver = name;
            }
        }
        List<Element> ifNodes = NetXml.children(e, "interface");
        List<Element> addrNodes = NetXml.children(e, "address");
        List<Element> pfNodes = NetXml.children(e, "pf");
        List<Element> natNodes = NetXml.children(e, "nat");
        Nat nat = Nat.NONE;
        if (natNodes.size() > 1) {
            throw NetErrors.xml("Only one <nat> element is allowed in <forward> of network " + net);
        } else if (natNodes.size() == 1) {
            if (mode != ForwardMode.NAT) {
                throw NetErrors.xml("The <nat> element can only be used when <forward> 'mode' is 'nat' in network "
                        + net);
            }
            nat = Nat.parse(net, natNodes.get(0));
        }
        String dev = NetXml.xprop(e, "dev");
        if (dev != null && (!addrNodes.isEmpty() || !pfNodes.isEmpty())) {
            // libvirt 9.0.0 prints this message with its format directive unexpanded
            throw NetErrors.xml("the <forward> 'dev' attribute cannot be used when <address> or <pf> sub-elements "
                    + "are present in network %s");
        }
        List<Device> devices = new ArrayList<>();
        String pf = null;
        if (!ifNodes.isEmpty() || dev != null) {
            if (dev != null) {
                devices.add(new Device(dev, null));
            }
            for (int i = 0; i < ifNodes.size(); i++) {
                String d = NetXml.prop(ifNodes.get(i), "dev");
                if (d == null) {
                    throw NetErrors.xml("Missing required dev attribute in <forward> <interface> element of network "
                            + net);
                }
                if (i == 0 && dev != null) {
                    if (!d.equals(dev)) {
                        throw NetErrors.xml("<forward dev='" + dev + "'> must match first <interface dev='" + d
                                + "'/> in network " + net);
                    }
                    continue;
                }
                for (int j = 0; j < i && j < devices.size(); j++) {
                    if (d.equals(devices.get(j).dev())) {
                        throw NetErrors.xml("interface '" + d + "' can only be listed once in network " + net);
                    }
                }
                devices.add(new Device(d, null));
            }
        } else if (!addrNodes.isEmpty()) {
            for (Element a : addrNodes) {
                String type = NetXml.prop(a, "type");
                if (type == null) {
                    throw NetErrors.xml("missing address type in network " + net);
                }
                if (!type.equals("pci")) {
                    if (type.equals("none") || type.equals("netdev")) {
                        throw NetErrors.xml("unsupported address type '" + type + "' in network " + net);
                    }
                    throw NetErrors.unsupported("unknown address type '" + type + "' in network " + net);
                }
                PciAddress pci = PciAddress.parse(a);
                for (Device other : devices) {
                    if (pci.domain() == other.pci().domain() && pci.bus() == other.pci().bus()
                            && pci.slot() == other.pci().slot() && pci.function() == other.pci().function()) {
                        throw NetErrors.xml("PCI device '" + pci.text() + "' can only be listed once in network " + net);
                    }
                }
                devices.add(new Device(null, pci));
            }
        } else if (pfNodes.size() > 1) {
            throw NetErrors.xml("Only one <pf> element is allowed in <forward> of network " + net);
        } else if (pfNodes.size() == 1) {
            pf = NetXml.prop(pfNodes.get(0), "dev");
            if (pf == null) {
                throw NetErrors.xml("Missing required dev attribute in <pf> element of network '" + net + "'");
            }
        }
        return new Forward(mode, managed, driver, devices, pf, nat);
    }

    /** The first device's name, as libvirt prints in {@code <forward dev>}. */
    String firstDev() {
        return interfaces.isEmpty() ? null : interfaces.get(0).dev();
    }

    void format(XmlWriter w, boolean inactive) {
        if (mode == ForwardMode.NONE) {
            return;
        }
        w.open("forward");
        if (pf == null) {
            w.attr("dev", firstDev());
        }
        w.attr("mode", mode.xml());
        if (mode == ForwardMode.HOSTDEV) {
            w.attr("managed", managed ? "yes" : "no");
        }
        if (driver != null) {
            w.open("driver").attr("name", driver).close();
        }
        if (mode == ForwardMode.NAT) {
            nat.format(w);
        }
        if (pf != null) {
            w.open("pf").attr("dev", pf).close();
        }
        if (!interfaces.isEmpty() && (pf == null || !inactive)) {
            for (Device d : interfaces) {
                if (d.dev() != null) {
                    w.open("interface").attr("dev", d.dev()).close();
                } else {
                    d.pci().format(w);
                }
            }
        }
        w.close();
    }
}
