package io.jvirt.driver.test.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.FormatFlag;
import io.jvirt.driver.test.state.Errors;

/**
 * The checkpoint tree of one domain, guarded by the domain's lock: checkpoints by name in creation
 * order, each naming its parent, and the newest (the parent of the next). Formats
 * {@code <domaincheckpoint>} as {@code virsh -c test:///default checkpoint-dumpxml} prints it.
 */
final class Checkpoints {
    static final class Checkpoint {
        final String name;
        String description;
        String parent;
        final long creationTime;
        final DomainDef def;

        Checkpoint(String name, String description, String parent, long creationTime, DomainDef def) {
            this.name = name;
            this.description = description;
            this.parent = parent;
            this.creationTime = creationTime;
            this.def = def;
        }
    }

    final Map<String, Checkpoint> byName = new LinkedHashMap<>();
    String current;

    static VirtException notFound(String detail) {
        return Errors.of(ErrorCode.NO_DOMAIN_CHECKPOINT, ErrorDomain.TEST, "Domain checkpoint not found: " + detail);
    }

    Checkpoint get(String name) {
        Checkpoint c = byName.get(name);
        if (c == null) {
            throw notFound("no domain checkpoint with matching name '" + name + "'");
        }
        return c;
    }

    List<Checkpoint> children(String name) {
        List<Checkpoint> l = new ArrayList<>();
        for (Checkpoint c : byName.values()) {
            if (name.equals(c.parent)) {
                l.add(c);
            }
        }
        return l;
    }

    List<Checkpoint> descendants(String name) {
        List<Checkpoint> out = new ArrayList<>();
        for (Checkpoint c : children(name)) {
            out.add(c);
            out.addAll(descendants(c.name));
        }
        return out;
    }

    boolean matches(Checkpoint c, int flags) {
        boolean leaf = children(c.name).isEmpty();
        boolean leaves = (flags & 4) != 0;
        boolean noLeaves = (flags & 8) != 0;
        return leaves == noLeaves || (leaves ? leaf : !leaf);
    }

    Checkpoint create(String name, String description, DomainDef def, boolean redefine) {
        Checkpoint existing = byName.get(name);
        if (existing != null && redefine) {
            existing.description = description;
            return existing;
        }
        if (existing != null) {
            throw Errors.operationFailed(ErrorDomain.DOMAIN, "domain moment " + name + " already exists");
        }
        Checkpoint c = new Checkpoint(name, description, current, java.time.Instant.now().getEpochSecond(), def);
        byName.put(name, c);
        current = name;
        return c;
    }

    void delete(Checkpoint c, int flags) {
        List<Checkpoint> gone = new ArrayList<>();
        if ((flags & (1 | 4)) != 0) {
            gone.addAll(descendants(c.name));
        }
        if ((flags & 4) == 0) {
            gone.add(c);
            for (Checkpoint child : children(c.name)) {
                child.parent = c.parent;
            }
        }
        for (Checkpoint g : gone) {
            byName.remove(g.name);
            if (g.name.equals(current)) {
                current = (flags & 4) != 0 ? c.name : c.parent;
            }
        }
    }

    static String format(Checkpoint c, boolean secure, boolean noDomain) {
        StringBuilder b = new StringBuilder("<domaincheckpoint>\n");
        b.append("  <name>").append(escape(c.name)).append("</name>\n");
        if (c.description != null) {
            b.append("  <description>").append(escape(c.description)).append("</description>\n");
        }
        if (c.parent != null) {
            b.append("  <parent>\n    <name>").append(escape(c.parent)).append("</name>\n  </parent>\n");
        }
        b.append("  <creationTime>").append(c.creationTime).append("</creationTime>\n");
        b.append("  <disks>\n");
        for (var disk : c.def.devices("disk")) {
            String dev = disk.child("target").map(t -> t.attr("dev")).orElse(null);
            if (dev != null) {
                b.append("    <disk name='").append(dev).append("' checkpoint='bitmap' bitmap='")
                        .append(escape(c.name)).append("'/>\n");
            }
        }
        b.append("  </disks>\n");
        if (!noDomain) {
            String dom = secure ? c.def.format(FormatFlag.SECURE) : c.def.format();
            for (String line : dom.split("\n")) {
                b.append("  ").append(line).append('\n');
            }
        }
        b.append("</domaincheckpoint>\n");
        return b.toString();
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
