package io.jvirt.driver.qemu.address;

import java.util.ArrayList;
import java.util.List;

import io.jvirt.driver.qemu.QemuErrors;

/**
 * The PCI buses of a guest (one per PCI controller index) and which functions of which slots are
 * taken. A device asks for the first free slot of the first bus that accepts its kind of connection
 * (as libvirt: always searched from bus 0, slot {@code minSlot}); in a dry run a missing bus is added
 * (a pcie-root-port for a PCIe device, a pci-bridge, or a pcie-root-port with a pcie-to-pci-bridge
 * for a conventional PCI device on a PCIe-only guest) so the caller learns which controllers to add.
 */
final class PciAddressSet {
    /** How a device plugs in: what a bus must accept. */
    enum Connect {
        PCI_DEVICE, PCIE_DEVICE, ROOT_PORT, PCIE_TO_PCI_BRIDGE, PCI_BRIDGE
    }

    /** The PCI controller models this driver knows, with what their bus accepts. */
    enum Model {
        PCI_ROOT("pci-root", 1, 31, true, Connect.PCI_DEVICE, Connect.PCI_BRIDGE),
        PCIE_ROOT("pcie-root", 1, 31, false, Connect.ROOT_PORT),
        PCI_BRIDGE("pci-bridge", 1, 31, true, Connect.PCI_DEVICE, Connect.PCI_BRIDGE),
        PCIE_ROOT_PORT("pcie-root-port", 0, 0, true, Connect.PCIE_DEVICE, Connect.PCIE_TO_PCI_BRIDGE),
        PCIE_TO_PCI_BRIDGE("pcie-to-pci-bridge", 1, 31, true, Connect.PCI_DEVICE, Connect.PCI_BRIDGE);

        final String xml;
        final int minSlot;
        final int maxSlot;
        final boolean autoAssign;
        final List<Connect> accepts;

        Model(String xml, int minSlot, int maxSlot, boolean autoAssign, Connect... accepts) {
            this.xml = xml;
            this.minSlot = minSlot;
            this.maxSlot = maxSlot;
            this.autoAssign = autoAssign;
            this.accepts = List.of(accepts);
        }

        static Model of(String xml) {
            for (Model m : values()) {
                if (m.xml.equals(xml)) {
                    return m;
                }
            }
            throw QemuErrors.unsupported("<controller type='pci' model='" + xml + "'> is not supported by the QEMU driver yet");
        }
    }

    /** A PCI address: bus (a controller index), slot, function. */
    record Address(int bus, int slot, int function) {
    }

    static final class Bus {
        final Model model;
        /** What may be auto-assigned here (a root port added for a bridge takes only that bridge). */
        final List<Connect> accepts;
        final int[] functions = new int[32];
        /** Slots whose functions hold several root ports (libvirt aggregates them). */
        final boolean[] aggregate = new boolean[32];

        Bus(Model model, List<Connect> accepts) {
            this.model = model;
            this.accepts = accepts;
        }
    }

    final List<Bus> buses = new ArrayList<>();
    private final boolean dryRun;
    private final boolean pcieGuest;

    PciAddressSet(boolean pcieGuest, boolean dryRun) {
        this.pcieGuest = pcieGuest;
        this.dryRun = dryRun;
    }

    void addBus(Model model) {
        buses.add(new Bus(model, model.accepts));
    }

    boolean inUse(int bus, int slot) {
        return bus < buses.size() && buses.get(bus).functions[slot] != 0;
    }

    boolean functionInUse(Address a) {
        return a.bus() < buses.size() && (buses.get(a.bus()).functions[a.slot()] & (1 << a.function())) != 0;
    }

    /** Marks an address as taken; a second use of one function is the config error libvirt reports. */
    void reserve(Address a, Connect c, String what) {
        if (a.bus() >= buses.size()) {
            throw QemuErrors.unsupported("PCI bus 0x" + Integer.toHexString(a.bus()) + " of " + what
                    + " has no PCI controller with that index");
        }
        if (functionInUse(a)) {
            throw new io.jvirt.api.VirtException(io.jvirt.api.ErrorCode.XML_ERROR, io.jvirt.api.ErrorDomain.DOMAIN,
                    String.format("XML error: Attempted double use of PCI Address 0000:%02x:%02x.%x", a.bus(), a.slot(),
                            a.function()));
        }
        Bus b = buses.get(a.bus());
        b.functions[a.slot()] |= 1 << a.function();
        if (c == Connect.ROOT_PORT) {
            b.aggregate[a.slot()] = true;
        }
    }

    /** The first free address for a device plugging in as {@code c}, reserved. */
    Address reserveNext(Connect c) {
        for (int i = 0; i < buses.size(); i++) {
            Bus b = buses.get(i);
            if (!b.accepts.contains(c) || !b.model.autoAssign && c != Connect.ROOT_PORT) {
                continue;
            }
            for (int slot = b.model.minSlot; slot <= b.model.maxSlot; slot++) {
                if (b.functions[slot] == 0) {
                    Address a = new Address(i, slot, 0);
                    reserve(a, c, "a device");
                    return a;
                }
                if (c == Connect.ROOT_PORT && b.aggregate[slot] && b.functions[slot] != 0xff) {
                    int f = Integer.numberOfTrailingZeros(~b.functions[slot]);
                    Address a = new Address(i, slot, f);
                    reserve(a, c, "a device");
                    return a;
                }
            }
        }
        if (!dryRun) {
            throw QemuErrors.internal("No more available PCI slots");
        }
        return grow(c);
    }

    /** Adds the bus (or buses) a device of kind {@code c} needs and puts it on the first one. */
    private Address grow(Connect c) {
        switch (c) {
            case PCIE_DEVICE -> buses.add(new Bus(Model.PCIE_ROOT_PORT, Model.PCIE_ROOT_PORT.accepts));
            case PCI_DEVICE, PCI_BRIDGE -> {
                boolean bridgeable = buses.stream().anyMatch(b -> b.accepts.contains(Connect.PCI_BRIDGE));
                if (pcieGuest && !bridgeable) {
                    // a PCIe-only guest: a root port that takes only the bridge, then the bridge itself
                    buses.add(new Bus(Model.PCIE_ROOT_PORT, List.of(Connect.PCIE_TO_PCI_BRIDGE)));
                    buses.add(new Bus(Model.PCIE_TO_PCI_BRIDGE, Model.PCIE_TO_PCI_BRIDGE.accepts));
                } else {
                    buses.add(new Bus(Model.PCI_BRIDGE, Model.PCI_BRIDGE.accepts));
                }
            }
            default -> throw QemuErrors.internal("Cannot automatically add a new PCI bus for a " + c);
        }
        Bus b = buses.get(buses.size() - 1);
        Address a = new Address(buses.size() - 1, b.model.minSlot, 0);
        reserve(a, c, "a device");
        return a;
    }
}
