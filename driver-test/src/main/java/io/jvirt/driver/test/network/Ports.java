package io.jvirt.driver.test.network;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.NetworkPort;
import io.jvirt.api.TypedParameter;
import io.jvirt.api.VirtException;
import io.jvirt.conf.network.Bandwidth;
import io.jvirt.conf.network.Forward;
import io.jvirt.conf.network.ForwardMode;
import io.jvirt.conf.network.NetworkDef;
import io.jvirt.conf.network.NetworkPortDef;
import io.jvirt.conf.network.PortGroup;
import io.jvirt.conf.network.PortPlug;
import io.jvirt.conf.network.VirtualPort;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.driver.test.state.Errors;

/**
 * The ports of the test driver's networks. libvirt's own test driver has none; these follow libvirt
 * 9.0's network driver, measured on libvirtd 9.0 ({@code virsh net-port-*}, libvirt-python): a port
 * exists only on an active network and is deleted with it; without RECLAIM the network plugs the
 * port as its forward mode says (a {@code network} plug on its bridge for isolated, NAT, routed and
 * open networks, a {@code bridge} plug for a host bridge, {@code direct} on the least used forward
 * device, {@code hostdev-pci} on a free PCI function) after filling in its port group's, or the
 * network's, bandwidth, VLAN, rx-filter trust, isolation and virtual port; with RECLAIM the plug is
 * taken as given once it matches the network. Nothing touches the host (no bridge, macvtap or tc):
 * a port is bookkeeping, which is what a hypervisor driver talks to. Every method runs with the
 * network's lock held.
 */
final class Ports {
    private static final SchemaValidator SCHEMAS = new SchemaValidator(SchemaValidator.DEFAULT_DIR);
    private static final int RECLAIM = 1;
    private static final int VALIDATE = 2;
    /** libvirt's first class id for a port: 1 and 2 are the network bridge's own classes. */
    private static final int FIRST_CLASS_ID = 3;

    private Ports() {
    }

    static VirtException notActive(NetworkObj n) {
        return Errors.operationInvalid(ErrorDomain.NETWORK, "network '" + n.name + "' is not active");
    }

    private static VirtException internal(String message) {
        return Errors.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK, "internal error: " + message);
    }

    private static VirtException unsupported(String message) {
        return Errors.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.NETWORK, "unsupported configuration: " + message);
    }

    /** virNetworkPortCreateXML: checks in libvirt's order, then plugs (or reclaims) and adds the port. */
    static NetworkPortDef create(NetworkObj n, String xml, int flags) {
        Errors.checkFlags(flags, RECLAIM | VALIDATE, "testNetworkPortCreateXML");
        if ((flags & VALIDATE) != 0) {
            SCHEMAS.validate(xml, SchemaValidator.Dialect.NETWORK_PORT);
        }
        NetworkPortDef port = NetworkPortDef.parse(xml);
        if (!n.active) {
            throw notActive(n);
        }
        boolean reclaim = (flags & RECLAIM) != 0;
        if (port.plug() == null && reclaim) {
            throw Errors.invalidArg(ErrorDomain.NETWORK, "Port reclaim requested but plug type is none");
        }
        if (port.plug() != null && !reclaim) {
            throw Errors.invalidArg(ErrorDomain.NETWORK, "Port reclaim not requested but plug type is not none");
        }
        Claim claim = reclaim ? notify(n, port) : allocate(n, port);
        if (n.ports.containsKey(port.uuid())) {
            throw Errors.of(ErrorCode.NETWORK_PORT_EXIST, ErrorDomain.NETWORK, "network port Network port with UUID "
                    + port.uuid() + " already exists exists already"); // libvirt 9.0's doubled words
        }
        claim.commit(n);
        return claim.port;
    }

    /** What plugging a port takes from the network, applied only once every check has passed. */
    private record Claim(NetworkPortDef port, String device, long floor) {
        void commit(NetworkObj n) {
            n.ports.put(port.uuid(), port);
            n.connections++;
            if (device != null) {
                n.deviceConnections.merge(device, 1, Integer::sum);
                n.portDevices.put(port.uuid(), device);
            }
            n.floorSum += floor;
            if (port.classId() != 0) {
                n.classIds.set((int) port.classId());
            }
        }
    }

    private static PortGroup portGroup(NetworkDef net, String name) {
        for (PortGroup g : net.portGroups()) {
            if (name == null ? g.isDefault() : g.name().equals(name)) {
                return g;
            }
        }
        return null; // an unknown group is no error: libvirtd 9.0 keeps the name and takes nothing from it
    }

    private static String typeName(VirtualPort vp) {
        return vp.type() == null ? "none" : vp.type().xml();
    }

    /** networkAllocatePort: the port as the network plugs it. */
    private static Claim allocate(NetworkObj n, NetworkPortDef port) {
        NetworkDef net = n.def;
        PortGroup group = portGroup(net, port.group());
        // libvirt merges the three virtual ports attribute by attribute; the test driver takes the first given
        VirtualPort vp = port.virtualPort() != null ? port.virtualPort()
                : group != null && group.virtualPort() != null ? group.virtualPort() : net.virtualPort();
        port = port.withDefaults(group != null ? group.bandwidth() : null,
                group != null && group.vlan() != null ? group.vlan() : net.vlan(),
                group != null && group.trustGuestRxFilters() != null ? group.trustGuestRxFilters()
                        : net.trustGuestRxFilters(), net.portIsolated(), vp);
        Forward fwd = net.forward();
        ForwardMode mode = fwd.mode();
        String device = null;
        vp = port.virtualPort();
        if (mode.hasBridge()) {
            port = port.withPlug(PortPlug.bridged(PortPlug.Type.NETWORK, net.bridge().name(),
                    net.bridge().macTableManager()));
            if (vp != null) {
                throw unsupported("<virtualport type='" + typeName(vp) + "'> not supported for network '" + n.name
                        + "' which uses IP forwarding");
            }
        } else if (mode == ForwardMode.HOSTDEV) {
            Forward.Device dev = free(n, fwd);
            port = port.withPlug(new PortPlug(PortPlug.Type.HOSTDEV_PCI, null, null, null, null, fwd.managed(),
                    fwd.driver(), dev.pci()));
            device = key(dev);
            if (vp != null && vp.type() != VirtualPort.Type.QBG && vp.type() != VirtualPort.Type.QBH) {
                throw unsupported("<virtualport type='" + typeName(vp) + "'> not supported for network '" + n.name
                        + "' which uses an SR-IOV Virtual Function via PCI passthrough");
            }
        } else if (mode == ForwardMode.BRIDGE && net.bridge().name() != null) {
            port = port.withPlug(PortPlug.bridged(PortPlug.Type.BRIDGE, net.bridge().name(),
                    net.bridge().macTableManager()));
            if (vp != null && vp.type() != VirtualPort.Type.OPENVSWITCH) {
                throw unsupported("<virtualport type='" + typeName(vp) + "'> not supported for network '" + n.name
                        + "' which uses a bridge device");
            }
        } else {
            if (vp != null && vp.type() != VirtualPort.Type.QBG && vp.type() != VirtualPort.Type.QBH) {
                throw unsupported("<virtualport type='" + typeName(vp) + "'> not supported for network '" + n.name
                        + "' which uses a macvtap device");
            }
            if (fwd.interfaces().isEmpty()) {
                throw internal("network '" + n.name + "' uses a direct mode, but has no forward dev and no interface pool");
            }
            boolean exclusive = mode == ForwardMode.PASSTHROUGH
                    || (mode == ForwardMode.PRIVATE && vp != null && vp.type() == VirtualPort.Type.QBH);
            Forward.Device dev = exclusive ? free(n, fwd) : leastUsed(n, fwd);
            port = port.withPlug(PortPlug.direct(dev.dev(), mode.xml()));
            device = key(dev);
        }
        long floor = checkFloor(n, port, null);
        if (floor > 0) {
            port = withClassId(port, n.classIds.nextClearBit(FIRST_CLASS_ID));
        }
        return new Claim(port, device, floor);
    }

    private static NetworkPortDef withClassId(NetworkPortDef p, long id) {
        return new NetworkPortDef(p.uuid(), p.ownerName(), p.ownerUuid(), p.group(), p.mac(), p.virtualPort(),
                p.bandwidth(), id, p.vlan(), p.isolated(), p.trustGuestRxFilters(), p.plug());
    }

    private static String key(Forward.Device d) {
        return d.dev() != null ? d.dev() : d.pci().toString();
    }

    private static int used(NetworkObj n, Forward.Device d) {
        return n.deviceConnections.getOrDefault(key(d), 0);
    }

    private static Forward.Device free(NetworkObj n, Forward fwd) {
        for (Forward.Device d : fwd.interfaces()) {
            if (used(n, d) == 0) {
                return d;
            }
        }
        throw internal("network '" + n.name + "' requires exclusive access to interfaces, but none are available");
    }

    private static Forward.Device leastUsed(NetworkObj n, Forward fwd) {
        Forward.Device best = fwd.interfaces().get(0);
        for (Forward.Device d : fwd.interfaces()) {
            if (used(n, d) < used(n, best)) {
                best = d;
            }
        }
        return best;
    }

    /** networkNotifyPort: a reclaimed port keeps its plug, which must be one the network can have given. */
    private static Claim notify(NetworkObj n, NetworkPortDef port) {
        NetworkDef net = n.def;
        PortPlug plug = port.plug();
        String device = null;
        switch (plug.type()) {
            case NETWORK, BRIDGE -> {
                if (net.bridge().name() == null) {
                    throw internal("Unexpectedly got a network port without a network bridge");
                }
            }
            case DIRECT -> {
                Forward.Device dev = net.forward().interfaces().stream()
                        .filter(d -> plug.dev().equals(d.dev())).findFirst()
                        // libvirt 9.0 prints the port's UUID bytes as a string here (garbage): jvirt prints the UUID
                        .orElseThrow(() -> internal("network '" + n.name + "' doesn't have dev='" + plug.dev()
                                + "' in use by network port '" + port.uuid() + "'"));
                ForwardMode mode = net.forward().mode();
                boolean exclusive = mode == ForwardMode.PASSTHROUGH || (mode == ForwardMode.PRIVATE
                        && port.virtualPort() != null && port.virtualPort().type() == VirtualPort.Type.QBH);
                if (exclusive && used(n, dev) > 0) {
                    throw internal("network '" + n.name + "' claims dev='" + plug.dev()
                            + "' is already in use by a different port");
                }
                device = key(dev);
            }
            case HOSTDEV_PCI -> {
                Forward.Device dev = net.forward().interfaces().stream()
                        .filter(d -> d.pci() != null && samePci(d.pci(), plug.address())).findFirst()
                        .orElseThrow(() -> internal("network '" + n.name + "' doesn't have PCI device "
                                + pciText(plug.address()) + " in use by network port"));
                if (net.forward().mode() == ForwardMode.HOSTDEV && used(n, dev) > 0) {
                    throw internal("network '" + n.name + "' claims the PCI device at domain=" + dev.pci().domain()
                            + " bus=" + dev.pci().bus() + " slot=" + dev.pci().slot() + " function="
                            + dev.pci().function() + " is already in use by a different network port");
                }
                device = key(dev);
            }
        }
        return new Claim(port, device, 0);
    }

    private static boolean samePci(io.jvirt.conf.network.PciAddress a, io.jvirt.conf.network.PciAddress b) {
        return a.domain() == b.domain() && a.bus() == b.bus() && a.slot() == b.slot() && a.function() == b.function();
    }

    private static String pciText(io.jvirt.conf.network.PciAddress a) {
        return String.format("%04x:%02x:%02x.%x", a.domain(), a.bus(), a.slot(), a.function());
    }

    private static long floor(Bandwidth b) {
        return b == null || b.inbound() == null ? 0 : b.inbound().floor();
    }

    /**
     * networkCheckBandwidth: a floor needs a network of a bridge-owning mode with an inbound rate, and
     * the floors together may not exceed the network's inbound peak (or average). The port's floor
     * (0: none, no QoS needed).
     */
    private static long checkFloor(NetworkObj n, NetworkPortDef port, Bandwidth old) {
        long floor = floor(port.bandwidth());
        if (floor == 0 && floor(old) == 0) {
            return 0;
        }
        NetworkDef net = n.def;
        if (floor > 0 && !net.forward().mode().hasBridge()) {
            throw Errors.of(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.NETWORK, "Operation not supported: Invalid use of "
                    + "'floor' on interface with MAC address " + port.mac() + " - 'floor' is only supported for "
                    + "interface type 'network' with forward type 'nat', 'route', 'open' or none");
        }
        Bandwidth.Rate in = net.bandwidth() == null ? null : net.bandwidth().inbound();
        if (floor > 0 && in == null) {
            throw Errors.of(ErrorCode.OPERATION_UNSUPPORTED, ErrorDomain.NETWORK, "Operation not supported: Invalid use of "
                    + "'floor' on interface with MAC address " + port.mac() + " - network '" + n.name
                    + "' has no inbound QoS set");
        }
        if (in == null) {
            return 0;
        }
        long sum = n.floorSum - floor(old) + floor;
        long limit = in.peak() != 0 ? in.peak() : in.average();
        if (sum > limit) {
            throw Errors.operationInvalid(ErrorDomain.NETWORK, "Cannot plug '" + port.mac() + "' interface into '"
                    + net.bridge().name() + "' because new combined inbound floor=" + sum + " would overcommit "
                    + (in.peak() != 0 ? "peak" : "average") + "=" + limit + " on network '" + n.name + "'");
        }
        return floor;
    }

    static NetworkPortDef find(NetworkObj n, UUID uuid) {
        NetworkPortDef p = n.ports.get(uuid);
        if (p == null) {
            throw Errors.of(ErrorCode.NO_NETWORK_PORT, ErrorDomain.NETWORK,
                    "network port not found: Network port with UUID " + uuid + " does not exist");
        }
        if (!n.active) {
            throw notActive(n);
        }
        return p;
    }

    /** networkReleasePort and the port's removal. */
    static void delete(NetworkObj n, UUID uuid) {
        NetworkPortDef p = find(n, uuid);
        n.ports.remove(uuid);
        n.connections--;
        String device = n.portDevices.remove(uuid);
        if (device != null) {
            n.deviceConnections.computeIfPresent(device, (k, v) -> v > 1 ? v - 1 : null);
        }
        n.floorSum -= floor(p.bandwidth());
        if (p.classId() != 0) {
            n.classIds.clear((int) p.classId());
        }
    }

    /** Destroying the network deletes its ports (libvirtd 9.0: they are gone when it starts again). */
    static void clear(NetworkObj n) {
        n.ports.clear();
        n.connections = 0;
        n.deviceConnections.clear();
        n.portDevices.clear();
        n.floorSum = 0;
        n.classIds.clear();
    }

    static List<NetworkPortDef> list(NetworkObj n) {
        if (!n.active) {
            throw notActive(n);
        }
        return new ArrayList<>(n.ports.values());
    }

    /** virNetworkPortGetParameters: UINTs, inbound average, peak, floor, burst, then outbound average, peak, burst. */
    static List<TypedParameter> parameters(NetworkPortDef p) {
        List<TypedParameter> out = new ArrayList<>();
        Bandwidth b = p.bandwidth();
        if (b != null && b.inbound() != null) {
            out.add(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_IN_AVERAGE, (int) b.inbound().average()));
            out.add(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_IN_PEAK, (int) b.inbound().peak()));
            out.add(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_IN_FLOOR, (int) b.inbound().floor()));
            out.add(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_IN_BURST, (int) b.inbound().burst()));
        }
        if (b != null && b.outbound() != null) {
            out.add(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_OUT_AVERAGE, (int) b.outbound().average()));
            out.add(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_OUT_PEAK, (int) b.outbound().peak()));
            out.add(TypedParameter.ofUInt(NetworkPort.BANDWIDTH_OUT_BURST, (int) b.outbound().burst()));
        }
        return out;
    }

    /**
     * virNetworkPortSetParameters: the rates given replace the port's bandwidth (names libvirt does not
     * know are ignored; an inbound rate without average and floor, or an outbound one without average,
     * is dropped), checked against the network's QoS when the floor changes.
     */
    static void setParameters(NetworkObj n, UUID uuid, List<TypedParameter> params) {
        NetworkPortDef p = find(n, uuid);
        long[] in = new long[4];
        long[] out = new long[3];
        for (TypedParameter t : params) {
            long v = t.value() instanceof Number num ? num.longValue() & 0xffffffffL : 0;
            switch (t.field()) {
                case NetworkPort.BANDWIDTH_IN_AVERAGE -> in[0] = v;
                case NetworkPort.BANDWIDTH_IN_PEAK -> in[1] = v;
                case NetworkPort.BANDWIDTH_IN_BURST -> in[2] = v;
                case NetworkPort.BANDWIDTH_IN_FLOOR -> in[3] = v;
                case NetworkPort.BANDWIDTH_OUT_AVERAGE -> out[0] = v;
                case NetworkPort.BANDWIDTH_OUT_PEAK -> out[1] = v;
                case NetworkPort.BANDWIDTH_OUT_BURST -> out[2] = v;
                default -> {
                }
            }
        }
        Bandwidth.Rate inbound = in[0] != 0 || in[3] != 0 ? new Bandwidth.Rate(in[0], in[1], in[2], in[3]) : null;
        Bandwidth.Rate outbound = out[0] != 0 ? new Bandwidth.Rate(out[0], out[1], out[2], 0) : null;
        Bandwidth bw = inbound == null && outbound == null ? null : new Bandwidth(inbound, outbound);
        NetworkPortDef updated = p.withBandwidth(bw);
        long oldFloor = floor(p.bandwidth());
        long newFloor = floor(bw);
        if (oldFloor != newFloor) {
            checkFloor(n, updated, p.bandwidth());
            n.floorSum += newFloor - oldFloor;
            if (oldFloor == 0) {
                updated = withClassId(updated, n.classIds.nextClearBit(FIRST_CLASS_ID));
                n.classIds.set((int) updated.classId());
            } else if (newFloor == 0) {
                n.classIds.clear((int) p.classId());
                updated = withClassId(updated, 0);
            }
        }
        n.ports.put(uuid, updated);
    }
}
