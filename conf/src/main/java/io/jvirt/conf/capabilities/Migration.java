package io.jvirt.conf.capabilities;

import java.util.List;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <migration_features>}: present when the driver can migrate at all (offline).
 *
 * @param live          whether live migration is supported ({@code <live/>})
 * @param uriTransports URI schemes of {@code <uri_transports>}, e.g. {@code tcp}, {@code rdma}
 */
public record Migration(boolean live, List<String> uriTransports) {
    public Migration {
        uriTransports = uriTransports == null ? List.of() : List.copyOf(uriTransports);
    }

    static Migration parse(Element e) {
        List<String> transports = CapsXml.optChild(e, "uri_transports")
                .map(t -> CapsXml.map(t, "uri_transport", Element::getTextContent)).orElse(List.of());
        return new Migration(CapsXml.child(e, "live") != null, transports);
    }

    void format(XmlWriter w) {
        w.open("migration_features");
        w.empty("live", live);
        if (!uriTransports.isEmpty()) {
            w.open("uri_transports");
            for (String t : uriTransports) {
                CapsXml.rawLeaf(w, "uri_transport", t);
            }
            w.close();
        }
        CapsXml.closeBlock(w);
    }
}
