package io.jvirt.conf.nwfilter;

import java.util.Objects;
import java.util.UUID;

import org.w3c.dom.Element;

import io.jvirt.api.VirtException;
import io.jvirt.conf.network.Mac;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.UuidText;
import io.jvirt.conf.xml.Xml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * A binding of a network filter to a port device ({@code <filterbinding>}, libvirt's
 * virNWFilterBindingDef): what a hypervisor driver asks the nwfilter driver for when a guest
 * interface has a {@code <filterref>}. Parsed with libvirt 9.0's checks in its order (observed
 * with {@code virsh nwfilter-binding-create} on libvirtd 9.0) and formatted as
 * {@code virNWFilterBindingGetXMLDesc} prints it; unknown elements are dropped.
 *
 * @param portDev the port device (a guest's tap), its name in the API
 * @param linkDev the link device of a macvtap port, or null
 * @param mac     lower case
 * @param filter  the filter and its parameters (those libvirt accepts, sorted by name)
 */
public record NWFilterBindingDef(String ownerName, UUID ownerUuid, String portDev, String linkDev, String mac,
        FilterRef filter) {
    private static final String WHAT = "nwfilterbinding_definition";

    public NWFilterBindingDef {
        Objects.requireNonNull(ownerName, "ownerName");
        Objects.requireNonNull(ownerUuid, "ownerUuid");
        Objects.requireNonNull(portDev, "portDev");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(filter, "filter");
    }

    /**
     * Parses a {@code <filterbinding>} document.
     *
     * @throws VirtException with libvirt's code, domain and message for what it rejects
     */
    public static NWFilterBindingDef parse(String xml) {
        Element root = SecureXml.parse(xml, "filterbinding", WHAT);
        String portDev = nonEmpty(attr(first(root, "portdev"), "name"));
        if (portDev == null) {
            throw NWFilterErrors.internal("filter binding has no port dev name");
        }
        String linkDev = null;
        Element link = first(root, "linkdev");
        if (link != null) {
            linkDev = nonEmpty(attr(link, "name"));
            if (linkDev == null) {
                throw NWFilterErrors.internal("filter binding has no link dev name");
            }
        }
        Element owner = first(root, "owner");
        String ownerName = nonEmpty(text(first(owner, "name")));
        if (ownerName == null) {
            throw NWFilterErrors.internal("filter binding has no owner name");
        }
        String uuidText = nonEmpty(text(first(owner, "uuid")));
        if (uuidText == null) {
            throw NWFilterErrors.internal("filter binding has no owner UUID");
        }
        UUID ownerUuid = UuidText.parse(uuidText);
        if (ownerUuid == null) {
            throw NWFilterErrors.internal("Unable to parse UUID '" + uuidText + "'");
        }
        String macText = nonEmpty(attr(first(root, "mac"), "address"));
        if (macText == null) {
            throw NWFilterErrors.internal("filter binding has no MAC address");
        }
        int[] mac = Mac.parse(macText);
        if (mac == null) {
            throw NWFilterErrors.internal("Unable to parse MAC '" + macText + "'");
        }
        Element ref = first(root, "filterref");
        String filter = nonEmpty(attr(ref, "filter"));
        if (filter == null) {
            throw NWFilterErrors.internal("filter binding has no filter reference");
        }
        return new NWFilterBindingDef(ownerName, ownerUuid, portDev, linkDev, Mac.format(mac),
                new FilterRef(filter, FilterRef.parameters(ref)));
    }

    /** The first child element named {@code name} (libvirt's XPath {@code ./name}), or null. */
    private static Element first(Element parent, String name) {
        return parent == null ? null : Xml.child(parent, name).orElse(null);
    }

    private static String attr(Element e, String name) {
        return e == null ? null : Xml.attr(e, name);
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }

    /** virXPathString: an empty value is no value. */
    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Formats as {@code virNWFilterBindingGetXMLDesc} prints it. */
    public String format() {
        XmlWriter w = new XmlWriter();
        w.open("filterbinding");
        w.open("owner").leaf("name", ownerName).leaf("uuid", ownerUuid).close();
        w.open("portdev").attr("name", portDev).close();
        if (linkDev != null) {
            w.open("linkdev").attr("name", linkDev).close();
        }
        w.open("mac").attr("address", mac).close();
        filter.format(w);
        w.close();
        return w.toString();
    }
}
