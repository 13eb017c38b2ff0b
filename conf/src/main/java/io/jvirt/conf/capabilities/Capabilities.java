package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.SecureXml;
import io.jvirt.conf.xml.XmlWriter;

/**
 * The capabilities document ({@code virConnectGetCapabilities}, {@code capability.rng}): what the
 * host is and which guests a driver can run. A driver fills this model; {@link #format()} prints it
 * exactly as libvirt does, including the blank lines after {@code <capabilities>}, {@code </host>}
 * and each {@code </guest>}.
 *
 * @param host   the host; libvirt writes none when it knows nothing about it
 * @param guests guest types in the driver's order
 */
public record Capabilities(Host host, List<Guest> guests) {
    public Capabilities {
        guests = guests == null ? List.of() : List.copyOf(guests);
    }

    /** Reads a capabilities document, e.g. one a real libvirt printed. */
    public static Capabilities parse(String xml) {
        Element root = SecureXml.parse(xml, "capabilities", "capabilities");
        return CapsXml.guarded(() -> {
            Element host = CapsXml.child(root, "host");
            return new Capabilities(host == null ? null : Host.parse(host), CapsXml.map(root, "guest", Guest::parse));
        });
    }

    /** The document as libvirt prints it. */
    public String format() {
        StringBuilder sb = new StringBuilder("<capabilities>\n\n");
        if (host != null && host.isFormatted()) {
            XmlWriter w = new XmlWriter(1);
            host.format(w);
            sb.append(w).append('\n');
        }
        for (Guest g : guests) {
            XmlWriter w = new XmlWriter(1);
            g.format(w);
            sb.append(w).append('\n');
        }
        return sb.append("</capabilities>\n").toString();
    }
}
