package io.jvirt.driver.test.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.jvirt.api.DomainState;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.FormatFlag;
import io.jvirt.conf.xml.SecureXml;
import io.jvirt.driver.test.state.Errors;

/**
 * The snapshot tree of one domain, guarded by the domain's lock: snapshots by name in creation
 * order, each naming its parent, and the current one. Formats {@code <domainsnapshot>} as
 * {@code virsh -c test:///default snapshot-dumpxml} prints it.
 */
final class Snapshots {
    final Map<String, Snapshot> byName = new LinkedHashMap<>();
    String current;

    static io.jvirt.api.VirtException notFound(String detail) {
        return Errors.of(ErrorCode.NO_DOMAIN_SNAPSHOT, ErrorDomain.TEST, "Domain snapshot not found: " + detail);
    }

    Snapshot get(String name) {
        Snapshot s = byName.get(name);
        if (s == null) {
            throw notFound("no domain snapshot with matching name '" + name + "'");
        }
        return s;
    }

    List<Snapshot> children(String name) {
        List<Snapshot> l = new ArrayList<>();
        for (Snapshot s : byName.values()) {
            if (name.equals(s.parent)) {
                l.add(s);
            }
        }
        return l;
    }

    List<Snapshot> descendants(String name) {
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot c : children(name)) {
            out.add(c);
            out.addAll(descendants(c.name));
        }
        return out;
    }

    static String stateWord(DomainState s) {
        return switch (s) {
            case RUNNING -> "running";
            case BLOCKED -> "blocked";
            case PAUSED -> "paused";
            case SHUTDOWN -> "shutdown";
            case SHUTOFF -> "shutoff";
            case CRASHED -> "crashed";
            case PMSUSPENDED -> "pmsuspended";
            default -> "nostate";
        };
    }

    /** What a {@code <domainsnapshot>} document says: name and description (the rest is the driver's). */
    record Parsed(String name, String description) {
    }

    static Parsed parse(String xml, boolean redefine) {
        Element root = SecureXml.parseAnyRoot(xml, "domain_snapshot");
        if (!"domainsnapshot".equals(root.getLocalName() != null ? root.getLocalName() : root.getTagName())) {
            throw Errors.of(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: expecting root element of "
                    + "'domainsnapshot', not '" + root.getTagName() + "'");
        }
        String name = childText(root, "name");
        if (name == null && redefine) {
            throw Errors.of(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN_SNAPSHOT,
                    "XML error: a redefined snapshot must have a name");
        }
        return new Parsed(name, childText(root, "description"));
    }

    private static String childText(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && name.equals(c.getTagName())) {
                return c.getTextContent().strip();
            }
        }
        return null;
    }

    static String format(Snapshot s, boolean secure) {
        StringBuilder b = new StringBuilder("<domainsnapshot>\n");
        b.append("  <name>").append(escape(s.name)).append("</name>\n");
        if (s.description != null) {
            b.append("  <description>").append(escape(s.description)).append("</description>\n");
        }
        b.append("  <state>").append(s.state).append("</state>\n");
        if (s.parent != null) {
            b.append("  <parent>\n    <name>").append(escape(s.parent)).append("</name>\n  </parent>\n");
        }
        b.append("  <creationTime>").append(s.creationTime).append("</creationTime>\n");
        b.append("  <memory snapshot='").append(s.isActive() ? "internal" : "no").append("'/>\n");
        b.append("  <disks>\n");
        for (var disk : s.def.devices("disk")) {
            String dev = disk.child("target").map(t -> t.attr("dev")).orElse(null);
            if (dev != null) {
                b.append("    <disk name='").append(dev).append("' snapshot='internal'/>\n");
            }
        }
        b.append("  </disks>\n");
        String dom = secure ? s.def.format(FormatFlag.SECURE) : s.def.format();
        for (String line : dom.split("\n")) {
            b.append("  ").append(line).append('\n');
        }
        b.append("</domainsnapshot>\n");
        return b.toString();
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static DomainDef copy(DomainDef def) {
        return DomainDefs.copy(def);
    }
}
