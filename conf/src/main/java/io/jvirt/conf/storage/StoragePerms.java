package io.jvirt.conf.storage;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * {@code <permissions>} of a pool target, volume target or backing store: octal mode, owner and
 * group ids, security label. Each part is null when not set (libvirt's -1); {@link #NONE} has none,
 * and is then not written at all.
 *
 * @param mode  permission bits (0 to 0777)
 * @param owner user id, 0 to 4294967294
 * @param group group id, 0 to 4294967294
 * @param label security label
 */
public record StoragePerms(Integer mode, Long owner, Long group, String label) {
    public static final StoragePerms NONE = new StoragePerms(null, null, null, null);

    /** Whether nothing is set, so that no {@code <permissions>} element is written. */
    public boolean isEmpty() {
        return mode == null && owner == null && group == null && label == null;
    }

    /** Reads the {@code <permissions>} at {@code ./steps} of {@code parent}; {@link #NONE} when absent. */
    static StoragePerms parse(Element parent, String... steps) {
        Element node = StorageXml.first(parent, steps);
        if (node == null) {
            return NONE;
        }
        Integer mode = null;
        String m = StorageXml.text(node, "mode");
        if (m != null) {
            Long v = StorageXml.strtol(m, 8, true);
            if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || (v & ~0777L) != 0) {
                throw StorageXml.xmlError("malformed octal mode");
            }
            mode = v.intValue();
        }
        Long owner = id(node, "owner");
        Long group = id(node, "group");
        return new StoragePerms(mode, owner, group, StorageXml.text(node, "label"));
    }

    /** An id as libvirt reads it: a decimal that fits a 32-bit uid_t, or -1; null when unset. */
    private static Long id(Element node, String name) {
        Element e = StorageXml.first(node, name);
        if (e == null) {
            return null;
        }
        Long v = StorageXml.strtol(e.getTextContent(), 10, true);
        if (v == null || ((v < 0 || v > 0xFFFFFFFFL) && v != -1)) {
            throw StorageXml.xmlError("malformed " + name + " element");
        }
        return v == -1 || v == 0xFFFFFFFFL ? null : v;
    }

    void format(XmlWriter w) {
        if (isEmpty()) {
            return;
        }
        w.open("permissions");
        if (mode != null) {
            w.leaf("mode", "0" + Integer.toOctalString(mode));
        }
        if (owner != null) {
            w.leaf("owner", Integer.toString((int) owner.longValue()));
        }
        if (group != null) {
            w.leaf("group", Integer.toString((int) group.longValue()));
        }
        w.leaf("label", label);
        w.close();
    }
}
