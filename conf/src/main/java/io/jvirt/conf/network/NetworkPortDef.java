package io.jvirt.conf.network;

import java.util.Objects;
import java.util.UUID;

import org.w3c.dom.Element;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.UuidText;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A port of a virtual network ({@code <networkport>}, libvirt's virNetworkPortDef): what a
 * hypervisor driver asks the network driver for when it connects a guest interface, and what the
 * network driver answers with its {@link PortPlug plug}. Parsed with libvirt 9.0's checks, in its
 * order (observed with {@code virsh net-port-create} on libvirtd 9.0's network driver), and
 * formatted as {@code virNetworkPortGetXMLDesc} prints it; unknown elements are dropped.
 *
 * @param group      {@code <group>}: the network's port group to take settings from, or null
 * @param mac        lower case
 * @param bandwidth  null when it has no rate; an inbound floor is allowed
 * @param classId    the bandwidth's {@code classID} (0: none), kept only with a bandwidth
 * @param isolated   {@code <port isolated>}, or null
 * @param trustGuestRxFilters {@code <rxfilters trustGuest>}, or null
 * @param plug       null when the port is not plugged
 */
public record NetworkPortDef(UUID uuid, String ownerName, UUID ownerUuid, String group, String mac,
        VirtualPort virtualPort, Bandwidth bandwidth, long classId, Vlan vlan, Boolean isolated,
        Boolean trustGuestRxFilters, PortPlug plug) {
    private static final String WHAT = "networkport_definition";

    public NetworkPortDef {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(ownerName, "ownerName");
        Objects.requireNonNull(ownerUuid, "ownerUuid");
        Objects.requireNonNull(mac, "mac");
        if (bandwidth == null) {
            classId = 0;
        }
    }

    /**
     * Parses a {@code <networkport>} document.
     *
     * @throws VirtException with libvirt's code, domain and message for what it rejects
     */
    public static NetworkPortDef parse(String xml) {
        Element root = SecureXml.parse(xml, "networkport", WHAT);
        UUID uuid = uuid(NetXml.xtext(root, "uuid"), "network port has no uuid");
        Element owner = NetXml.child(root, "owner");
        String ownerName = NetXml.xtext(owner, "name");
        if (ownerName == null) {
            throw internal("network port has no owner name");
        }
        UUID ownerUuid = uuid(NetXml.xtext(owner, "uuid"), "network port has no owner UUID");
        String group = NetXml.xtext(root, "group");
        Element vp = NetXml.child(root, "virtualport");
        VirtualPort virtualPort = vp != null ? VirtualPort.parse(vp, false) : null;
        String macText = NetXml.xprop(NetXml.child(root, "mac"), "address");
        if (macText == null) {
            throw internal("network port has no mac");
        }
        int[] mac = Mac.parse(macText);
        if (mac == null) {
            throw internal("Unable to parse MAC '" + macText + "'");
        }
        Element bw = NetXml.child(root, "bandwidth");
        long classId = bw != null ? Bandwidth.parseClassId(bw) : 0;
        Bandwidth bandwidth = bw != null ? Bandwidth.parse(bw, true) : null;
        Element vl = NetXml.child(root, "vlan");
        Vlan vlan = vl != null ? Vlan.parse(vl) : null;
        Boolean isolated = NetXml.propYesNo(NetXml.child(root, "port"), "isolated");
        Boolean trust = NetXml.propYesNo(NetXml.child(root, "rxfilters"), "trustGuest");
        Element plugNode = NetXml.child(root, "plug");
        PortPlug plug = plugNode != null ? PortPlug.parse(plugNode) : null;
        return new NetworkPortDef(uuid, ownerName, ownerUuid, group, Mac.format(mac), virtualPort, bandwidth, classId,
                vlan, isolated, trust, plug);
    }

    private static UUID uuid(String text, String missing) {
        if (text == null) {
            throw internal(missing);
        }
        UUID uuid = UuidText.parse(text);
        if (uuid == null) {
            throw internal("Unable to parse UUID '" + text + "'");
        }
        return uuid;
    }

    private static VirtException internal(String message) {
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NETWORK, "internal error: " + message);
    }

    /** Formats as {@code virNetworkPortGetXMLDesc} prints it. */
    public String format() {
        XmlWriter w = new XmlWriter();
        w.open("networkport");
        w.leaf("uuid", uuid);
        w.open("owner").leaf("name", ownerName).leaf("uuid", ownerUuid).close();
        w.leaf("group", group);
        w.open("mac").attr("address", mac).close();
        if (virtualPort != null) {
            virtualPort.format(w);
        }
        if (bandwidth != null) {
            bandwidth.format(w, classId);
        }
        if (vlan != null) {
            vlan.format(w);
        }
        if (isolated != null) {
            w.open("port").yesNo("isolated", isolated).close();
        }
        if (trustGuestRxFilters != null) {
            w.open("rxfilters").yesNo("trustGuest", trustGuestRxFilters).close();
        }
        if (plug != null) {
            plug.format(w);
        }
        w.close();
        return w.toString();
    }

    /** This port as a network driver plugs it. */
    public NetworkPortDef withPlug(PortPlug newPlug) {
        return new NetworkPortDef(uuid, ownerName, ownerUuid, group, mac, virtualPort, bandwidth, classId, vlan,
                isolated, trustGuestRxFilters, newPlug);
    }

    /**
     * This port with the settings a network driver fills in where the port has none: bandwidth,
     * VLAN, rx-filter trust, isolation and virtual port (a null argument keeps the port's own).
     */
    public NetworkPortDef withDefaults(Bandwidth newBandwidth, Vlan newVlan, Boolean trust, Boolean newIsolated,
            VirtualPort newVirtualPort) {
        return new NetworkPortDef(uuid, ownerName, ownerUuid, group, mac,
                virtualPort != null ? virtualPort : newVirtualPort, bandwidth != null ? bandwidth : newBandwidth,
                classId, vlan != null ? vlan : newVlan, isolated != null ? isolated : newIsolated,
                trustGuestRxFilters != null ? trustGuestRxFilters : trust, plug);
    }

    /** This port with another bandwidth (virNetworkPortSetParameters); null removes it. */
    public NetworkPortDef withBandwidth(Bandwidth newBandwidth) {
        return new NetworkPortDef(uuid, ownerName, ownerUuid, group, mac, virtualPort, newBandwidth, classId, vlan,
                isolated, trustGuestRxFilters, plug);
    }
}
