package io.jvirt.driver.qemu.address;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.QemuErrors;
import io.jvirt.driver.qemu.address.PciAddressSet.Address;
import io.jvirt.driver.qemu.address.PciAddressSet.Connect;
import io.jvirt.driver.qemu.address.PciAddressSet.Model;

/**
 * Gives every device of a definition the address libvirt's QEMU driver gives it, and adds the PCI
 * controllers those addresses need: PCI slots (in libvirt's order: chipset devices, PCI
 * controllers, interfaces, other controllers, virtio disks, balloon, rng, watchdog, video, virtio
 * input), virtio-serial ports and USB ports. Devices that already have an address keep it, so the
 * same call serves define (everything), start (anything a stored definition lacks) and attach (the
 * new device gets the next free slot). On a q35 guest, as libvirt does for a new definition with no
 * PCI controllers of its own, one empty pcie-root-port is left for hot-plug.
 */
public final class DeviceAddresses {
    private final List<XmlNode> devices;
    private final boolean q35;

    private DeviceAddresses(List<XmlNode> devices, boolean q35) {
        this.devices = devices;
        this.q35 = q35;
    }

    /**
     * Assigns the missing addresses of {@code devices} (a definition's device list in libvirt's
     * order, changed in place) on a {@code pc} ({@code q35} false) or {@code q35} machine. With
     * {@code addControllers} false no PCI controller may be added (a live guest cannot grow a bus):
     * a device that finds no free slot is an error.
     */
    public static void assign(List<XmlNode> devices, boolean q35, boolean addControllers) {
        DeviceAddresses d = new DeviceAddresses(devices, q35);
        d.pciModels();
        if (addControllers) {
            d.addNeededControllers();
        }
        d.assignPci(new PciAddressSet(q35, false), false);
        d.finishPciControllers();
        d.virtioSerial();
        d.usb();
    }

    // ------------------------------------------------------------------ PCI

    /** A PCI controller without a model gets the one libvirt gives: the machine's root, else a port or bridge. */
    private void pciModels() {
        for (XmlNode c : controllers("pci")) {
            if (c.attr("model") == null) {
                c.set("model", index(c) == 0 ? (q35 ? "pcie-root" : "pci-root") : q35 ? "pcie-root-port" : "pci-bridge");
                c.order("type", "index", "model");
            }
        }
    }

    /**
     * libvirt's first pass: assigns on a copy with buses added as needed, then adds the controllers
     * of the added buses to the definition (plus a spare root port on a new q35 definition).
     */
    private void addNeededControllers() {
        int maxIdx = controllers("pci").stream().mapToInt(DeviceAddresses::index).max().orElse(-1);
        List<XmlNode> copy = new ArrayList<>();
        for (XmlNode d : devices) {
            copy.add(d.copy());
        }
        DeviceAddresses dry = new DeviceAddresses(copy, q35);
        PciAddressSet set = new PciAddressSet(q35, true);
        dry.assignPci(set, true);
        if (maxIdx <= 0 && set.buses.size() > maxIdx + 1 && q35) {
            set.reserveNext(Connect.PCIE_DEVICE); // a free root port for hot-plug
        }
        for (int i = 1; i < set.buses.size(); i++) {
            if (find("pci", i) != null) {
                continue;
            }
            Model m = set.buses.get(i).model;
            XmlNode c = new XmlNode("controller").set("type", "pci").set("index", Integer.toString(i)).set("model", m.xml);
            int at = 0;
            for (int j = 0; j < devices.size(); j++) {
                if (devices.get(j).name().equals("controller")) {
                    at = j + 1;
                }
            }
            devices.add(at, c);
            set.reserveNext(controllerConnect(m)); // the new controller takes a slot too (may add more buses)
        }
    }

    private static Connect controllerConnect(Model m) {
        return switch (m) {
            case PCIE_ROOT_PORT -> Connect.ROOT_PORT;
            case PCIE_TO_PCI_BRIDGE -> Connect.PCIE_TO_PCI_BRIDGE;
            default -> Connect.PCI_BRIDGE;
        };
    }

    /** One pass over the devices in libvirt's order; a dry run only reserves, a real one writes addresses. */
    private void assignPci(PciAddressSet set, boolean dryRun) {
        int maxIdx = controllers("pci").stream().mapToInt(DeviceAddresses::index).max().orElse(-1);
        for (int i = 0; i <= maxIdx; i++) {
            XmlNode c = find("pci", i);
            set.addBus(c == null ? (i == 0 ? (q35 ? Model.PCIE_ROOT : Model.PCI_ROOT) : q35 ? Model.PCIE_ROOT_PORT
                    : Model.PCI_BRIDGE) : Model.of(c.attr("model")));
        }
        if (set.buses.isEmpty()) {
            return;
        }
        for (XmlNode d : devices) {
            Address a = pciAddress(d);
            if (a != null) {
                Connect c = connect(d);
                set.reserve(a, c == null ? Connect.PCI_DEVICE : c, "<" + d.name() + ">");
            }
        }
        Consumer<XmlNode> next = d -> {
            Connect c = connect(d);
            if (c != null && wantsPci(d)) {
                Address a = set.reserveNext(c);
                if (!dryRun) {
                    setPci(d, a);
                }
            }
        };
        chipset(set, next);
        if (dryRun && !q35) {
            // libvirt keeps one slot of a pci-root guest free for a future bridge
            set.reserveNext(Connect.PCI_DEVICE);
        }
        for (XmlNode c : controllers("pci")) {
            next.accept(c);
        }
        devices("interface").forEach(next);
        for (XmlNode d : devices) {
            if (d.name().equals("controller") && !"pci".equals(d.attr("type"))) {
                next.accept(d);
            }
        }
        devices("disk").forEach(next);
        devices("memballoon").forEach(next);
        devices("rng").forEach(next);
        devices("watchdog").forEach(next);
        devices("video").forEach(next);
        devices("input").forEach(next);
    }

    /** The devices built into the chipset at fixed addresses, and the primary video's usual slot. */
    private void chipset(PciAddressSet set, Consumer<XmlNode> next) {
        List<Address> builtIn = new ArrayList<>();
        if (q35) {
            fixed(find("sata", 0), new Address(0, 0x1f, 2), "Primary SATA controller", set);
            builtIn.add(new Address(0, 0x1f, 0)); // ISA bridge (LPC)
            builtIn.add(new Address(0, 0x1f, 3)); // SMBus
        } else {
            fixed(find("ide", 0), new Address(0, 1, 1), "Primary IDE controller", set);
            XmlNode usb = find("usb", 0);
            if (usb != null && (usb.attr("model") == null || "piix3-uhci".equals(usb.attr("model")))) {
                fixed(usb, new Address(0, 1, 2), "PIIX3 USB controller at index 0", set);
            }
            builtIn.add(new Address(0, 1, 0)); // ISA bridge
            builtIn.add(new Address(0, 1, 3)); // ACPI (PIIX4_PM)
        }
        for (Address a : builtIn) {
            if (!set.functionInUse(a)) {
                set.reserve(a, Connect.PCI_DEVICE, "the chipset");
            }
        }
        List<XmlNode> videos = devices("video");
        if (!videos.isEmpty() && connect(videos.get(0)) != null && wantsPci(videos.get(0))) {
            // QEMU's first VGA lands on the first slot after the built-in devices
            int slot = q35 ? 1 : 2;
            if (set.inUse(0, slot)) {
                next.accept(videos.get(0));
            } else {
                Address a = new Address(0, slot, 0);
                set.reserve(a, Connect.PCI_DEVICE, "<video>");
                setPci(videos.get(0), a);
            }
        }
    }

    private void fixed(XmlNode c, Address at, String what, PciAddressSet set) {
        if (c == null) {
            return;
        }
        Address a = pciAddress(c);
        if (a != null) {
            if (!a.equals(at)) {
                throw QemuErrors.internal(String.format("%s must have PCI address 0:0:%x.%x", what, at.slot(), at.function()));
            }
            return;
        }
        set.reserve(at, Connect.PCI_DEVICE, what);
        setPci(c, at);
    }

    /** How a device plugs into PCI on this machine, or null when it is no PCI device (or built in). */
    private Connect connect(XmlNode d) {
        Connect pcie = q35 ? Connect.PCIE_DEVICE : Connect.PCI_DEVICE;
        String model = d.attr("model");
        return switch (d.name()) {
            case "controller" -> switch (d.attr("type")) {
                case "pci" -> switch (model == null ? "" : model) {
                    case "pcie-root-port" -> Connect.ROOT_PORT;
                    case "pcie-to-pci-bridge" -> Connect.PCIE_TO_PCI_BRIDGE;
                    case "pci-bridge" -> Connect.PCI_BRIDGE;
                    default -> null;
                };
                case "usb" -> "none".equals(model) ? null
                        : "qemu-xhci".equals(model) || "nec-xhci".equals(model) ? pcie : Connect.PCI_DEVICE;
                case "ide" -> index(d) == 0 && !q35 ? null : Connect.PCI_DEVICE;
                case "sata" -> index(d) == 0 && q35 ? null : pcie;
                case "scsi" -> "virtio-scsi".equals(model) ? pcie : Connect.PCI_DEVICE;
                case "virtio-serial" -> pcie;
                default -> null;
            };
            case "interface" -> {
                String m = d.child("model").map(x -> x.attr("type")).orElse("");
                if ("hostdev".equals(d.attr("type")) || m.equals("usb-net")) {
                    yield null;
                }
                yield m.equals("virtio") || m.equals("e1000e") ? pcie : Connect.PCI_DEVICE;
            }
            case "disk" -> "virtio".equals(d.child("target").map(t -> t.attr("bus")).orElse(null)) ? pcie : null;
            case "memballoon", "rng" -> "virtio".equals(model) ? pcie : null;
            case "watchdog" -> "i6300esb".equals(model) ? Connect.PCI_DEVICE : null;
            case "video" -> {
                String m = d.child("model").map(x -> x.attr("type")).orElse("");
                yield m.equals("none") || m.equals("ramfb") ? null : m.equals("virtio") ? pcie : Connect.PCI_DEVICE;
            }
            case "input" -> "virtio".equals(d.attr("bus")) ? pcie : null;
            default -> null;
        };
    }

    /** No address, or {@code <address type='pci'/>} without a slot: libvirt picks one. */
    private static boolean wantsPci(XmlNode d) {
        XmlNode a = d.childOrNull("address");
        return a == null || "pci".equals(a.attr("type")) && a.attr("slot") == null;
    }

    private static Address pciAddress(XmlNode d) {
        XmlNode a = d.childOrNull("address");
        if (a == null || !"pci".equals(a.attr("type")) || a.attr("slot") == null) {
            return null;
        }
        if (Integer.decode(a.attr("domain") == null ? "0" : a.attr("domain")) != 0) {
            throw QemuErrors.unsupported("PCI domain " + a.attr("domain") + " on <" + d.name() + ">");
        }
        return new Address(decode(a, "bus"), decode(a, "slot"), decode(a, "function"));
    }

    private static int decode(XmlNode a, String attr) {
        return a.attr(attr) == null ? 0 : Integer.decode(a.attr(attr));
    }

    private static void setPci(XmlNode d, Address at) {
        XmlNode a = d.childOrNull("address");
        String multi = a == null ? null : a.attr("multifunction");
        if (a != null) {
            d.children().remove(a);
        }
        a = new XmlNode("address").set("type", "pci").set("domain", "0x0000")
                .set("bus", String.format("0x%02x", at.bus())).set("slot", String.format("0x%02x", at.slot()))
                .set("function", "0x" + Integer.toHexString(at.function()));
        if (multi != null) {
            a.set("multifunction", multi);
        }
        d.add(a);
    }

    /**
     * Function 0 of a slot with several functions in use says multifunction='on'; PCI controllers get
     * the QEMU device name and the chassis/port numbers libvirt derives from their index and address.
     */
    private void finishPciControllers() {
        Map<String, Integer> functions = new HashMap<>();
        for (XmlNode d : devices) {
            Address a = pciAddress(d);
            if (a != null) {
                functions.merge(a.bus() + ":" + a.slot(), 1, Integer::sum);
            }
        }
        for (XmlNode d : devices) {
            Address a = pciAddress(d);
            if (a != null && a.function() == 0 && functions.get(a.bus() + ":" + a.slot()) > 1) {
                XmlNode x = d.childOrNull("address");
                if (x.attr("multifunction") == null) {
                    x.set("multifunction", "on");
                }
            }
        }
        for (XmlNode c : controllers("pci")) {
            String model = c.attr("model");
            Address a = pciAddress(c);
            switch (model) {
                case "pcie-root-port" -> {
                    modelName(c, "pcie-root-port");
                    XmlNode t = target(c);
                    if (t.attr("chassis") == null) {
                        t.set("chassis", Integer.toString(index(c)));
                    }
                    if (t.attr("port") == null && a != null) {
                        t.set("port", "0x" + Integer.toHexString((a.slot() << 3) + a.function()));
                    }
                    t.order("chassisNr", "chassis", "port");
                }
                case "pci-bridge" -> {
                    modelName(c, "pci-bridge");
                    XmlNode t = target(c);
                    if (t.attr("chassisNr") == null) {
                        t.set("chassisNr", Integer.toString(index(c)));
                    }
                }
                case "pcie-to-pci-bridge" -> modelName(c, "pcie-pci-bridge");
                default -> {
                }
            }
            c.orderChildren("model", "target", "alias", "address");
        }
    }

    private static void modelName(XmlNode c, String name) {
        XmlNode m = c.childOrNull("model");
        if (m == null) {
            c.add(0, new XmlNode("model").set("name", name));
        } else if (m.attr("name") == null) {
            m.set("name", name);
        }
    }

    private static XmlNode target(XmlNode c) {
        XmlNode t = c.childOrNull("target");
        if (t == null) {
            t = new XmlNode("target");
            c.add(c.childOrNull("model") == null ? 0 : 1, t);
        }
        return t;
    }

    // ------------------------------------------------------------------ virtio-serial and USB

    /** Virtio channels without an address get the next free port (from 1) of virtio-serial controller 0. */
    private void virtioSerial() {
        Set<String> used = new HashSet<>();
        List<XmlNode> wanting = new ArrayList<>();
        for (XmlNode d : devices("channel")) {
            if (!"virtio".equals(d.child("target").map(t -> t.attr("type")).orElse(null))) {
                continue;
            }
            XmlNode a = d.childOrNull("address");
            if (a != null && "virtio-serial".equals(a.attr("type")) && a.attr("port") != null) {
                used.add(attr(a, "controller") + ":" + attr(a, "bus") + ":" + a.attr("port"));
            } else if (a == null || "virtio-serial".equals(a.attr("type"))) {
                wanting.add(d);
            }
        }
        for (XmlNode d : wanting) {
            XmlNode a = d.childOrNull("address");
            String ctl = a == null ? "0" : attr(a, "controller");
            String bus = a == null ? "0" : attr(a, "bus");
            int port = 1;
            while (!used.add(ctl + ":" + bus + ":" + port)) {
                port++;
            }
            if (a != null) {
                d.children().remove(a);
            }
            d.add(new XmlNode("address").set("type", "virtio-serial").set("controller", ctl).set("bus", bus)
                    .set("port", Integer.toString(port)));
        }
    }

    private static String attr(XmlNode a, String name) {
        return a.attr(name) == null ? "0" : a.attr(name);
    }

    /** USB input devices without an address get the next free port of USB bus 0 (when there is one). */
    private void usb() {
        XmlNode ctl = find("usb", 0);
        if (ctl == null || "none".equals(ctl.attr("model"))) {
            return;
        }
        Set<String> used = new HashSet<>();
        List<XmlNode> wanting = new ArrayList<>();
        for (XmlNode d : devices("input")) {
            if (!"usb".equals(d.attr("bus"))) {
                continue;
            }
            XmlNode a = d.childOrNull("address");
            if (a != null && "usb".equals(a.attr("type")) && a.attr("port") != null) {
                used.add(a.attr("port"));
            } else if (a == null) {
                wanting.add(d);
            }
        }
        for (XmlNode d : wanting) {
            int port = 1;
            while (!used.add(Integer.toString(port))) {
                port++;
            }
            d.add(new XmlNode("address").set("type", "usb").set("bus", "0").set("port", Integer.toString(port)));
        }
    }

    // ------------------------------------------------------------------ lookups

    private List<XmlNode> devices(String kind) {
        return devices.stream().filter(d -> d.name().equals(kind)).toList();
    }

    private List<XmlNode> controllers(String type) {
        return devices.stream().filter(d -> d.name().equals("controller") && type.equals(d.attr("type"))).toList();
    }

    private XmlNode find(String type, int idx) {
        for (XmlNode c : controllers(type)) {
            if (index(c) == idx) {
                return c;
            }
        }
        return null;
    }

    private static int index(XmlNode c) {
        return c.attr("index") == null ? 0 : Integer.parseInt(c.attr("index"));
    }
}
