package io.jvirt.conf.storage;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.w3c.dom.Element;

import io.jvirt.conf.xml.XmlWriter;

/**
 * A storage volume definition ({@code <volume>}), parsed and formatted as libvirt does. What a
 * volume's XML means depends on its pool's type (which formats exist), so parsing takes the pool.
 * <p>
 * The key, the path and the {@code physical} size are usually filled by the driver or backend
 * ({@link #withKey}, {@link #withTarget}, {@link #withPhysical}); the parser keeps what the XML says.
 *
 * @param name          volume name
 * @param key           volume key, or null
 * @param type          volume type
 * @param sourceExtents extents of the volume in its pool's devices (filled by backends)
 * @param capacity      bytes
 * @param allocation    bytes; equal to capacity when the XML has none
 * @param hasAllocation whether the XML gave an allocation
 * @param physical      bytes on disk, 0 when unknown (never read from the XML)
 * @param target        {@code <target>}
 * @param backingStore  {@code <backingStore>}, or null
 */
public record StorageVolDef(String name, String key, StorageVolType type, List<SourceExtent> sourceExtents,
        long capacity, long allocation, boolean hasAllocation, long physical, VolTarget target,
        VolTarget backingStore) {

    public StorageVolDef {
        sourceExtents = List.copyOf(sourceExtents);
    }

    /** An extent {@code start}..{@code end} of the pool device {@code path}. */
    public record SourceExtent(String path, long start, long end) {
    }

    /** libvirt's volume parse flags. */
    public enum ParseFlag {
        /** No capacity is needed (creating a volume from another one). */
        NO_CAPACITY,
        /** The capacity may be left out when there is a backing store. */
        OPT_CAPACITY
    }

    public StorageVolDef withKey(String newKey) {
        return new StorageVolDef(name, newKey, type, sourceExtents, capacity, allocation, hasAllocation, physical,
                target, backingStore);
    }

    public StorageVolDef withTarget(VolTarget newTarget) {
        return new StorageVolDef(name, key, type, sourceExtents, capacity, allocation, hasAllocation, physical,
                newTarget, backingStore);
    }

    /** The target path and the key at once (the test driver uses the path as key). */
    public StorageVolDef withPath(String path) {
        return withTarget(target.withPath(path));
    }

    public StorageVolDef withSizes(long newCapacity, long newAllocation) {
        return new StorageVolDef(name, key, type, sourceExtents, newCapacity, newAllocation, hasAllocation, physical,
                target, backingStore);
    }

    public StorageVolDef withPhysical(long newPhysical) {
        return new StorageVolDef(name, key, type, sourceExtents, capacity, allocation, hasAllocation, newPhysical,
                target, backingStore);
    }

    public StorageVolDef withType(StorageVolType newType) {
        return new StorageVolDef(name, key, newType, sourceExtents, capacity, allocation, hasAllocation, physical,
                target, backingStore);
    }

    public StorageVolDef withSourceExtents(List<SourceExtent> extents) {
        return new StorageVolDef(name, key, type, extents, capacity, allocation, hasAllocation, physical, target,
                backingStore);
    }

    /** Parses a volume of {@code pool} with no flags. */
    public static StorageVolDef parse(String xml, StoragePoolDef pool) {
        return parse(xml, pool.type(), Set.of());
    }

    /** Parses a volume for a pool of type {@code poolType}. */
    public static StorageVolDef parse(String xml, StoragePoolType poolType, Set<ParseFlag> flags) {
        return parse(StorageXml.document(xml, "volume", "storage_volume_definition"), poolType, flags);
    }

    /** Parses a {@code <volume>} element (e.g. one inlined in a test driver node file). */
    public static StorageVolDef parse(Element root, StoragePoolType poolType, Set<ParseFlag> flags) {
        String name = StorageXml.text(root, "name");
        if (name == null) {
            throw StorageXml.xmlError("missing volume name element");
        }
        String key = StorageXml.text(root, "key");
        StorageVolType type = StorageVolType.FILE;
        String t = StorageXml.emptyToNull(StorageXml.prop(root, "type"));
        if (t != null) {
            type = null;
            for (StorageVolType c : StorageVolType.values()) {
                if (c.xml().equals(t)) {
                    type = c;
                }
            }
            if (type == null) {
                throw StorageXml.unsupported("unknown volume type '" + t + "'");
            }
        }
        VolTarget backing = null;
        String backingPath = StorageXml.text(root, "backingStore", "path");
        if (backingPath != null) {
            VolumeFormat bf = format(root, poolType, "backingStore", "format");
            backing = new VolTarget(backingPath, bf, StoragePerms.parse(root, "backingStore", "permissions"), null,
                    null, null, false, 0, null);
        }
        long capacity = 0;
        String cap = StorageXml.text(root, "capacity");
        if (cap != null) {
            capacity = size(cap, StorageXml.attrAt(root, "unit", "capacity"));
        } else if (!flags.contains(ParseFlag.NO_CAPACITY)
                && !(flags.contains(ParseFlag.OPT_CAPACITY) && backing != null)) {
            throw StorageXml.xmlError("missing capacity element");
        }
        long allocation = capacity;
        boolean hasAllocation = false;
        String alloc = StorageXml.text(root, "allocation");
        if (alloc != null) {
            allocation = size(alloc, StorageXml.attrAt(root, "unit", "allocation"));
            hasAllocation = true;
        }
        String path = StorageXml.text(root, "target", "path");
        VolumeFormat format = format(root, poolType, "target", "format");
        StoragePerms perms = StoragePerms.parse(root, "target", "permissions");
        Element enc = StorageXml.first(root, "target", "encryption");
        VolEncryption encryption = enc == null ? null : VolEncryption.parse(enc);
        String compat = StorageXml.text(root, "target", "compat");
        if (compat != null) {
            checkCompat(compat);
        }
        boolean nocow = StorageXml.first(root, "target", "nocow") != null;
        long clusterSize = clusterSize(root);
        Set<VolTarget.Feature> features = null;
        if (StorageXml.first(root, "target", "features") != null) {
            if (compat == null) {
                compat = "1.1";
            }
            features = EnumSet.noneOf(VolTarget.Feature.class);
            for (Element fe : StorageXml.all(root, "target", "features")) {
                for (org.w3c.dom.Node n = fe.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element f) {
                        VolTarget.Feature found = null;
                        for (VolTarget.Feature c : VolTarget.Feature.values()) {
                            if (c.xml().equals(StorageXml.name(f))) {
                                found = c;
                            }
                        }
                        if (found == null) {
                            throw StorageXml.unsupported("unsupported feature " + StorageXml.name(f));
                        }
                        features.add(found);
                    }
                }
            }
        }
        VolTarget target = new VolTarget(path, format, perms, null, encryption, compat, nocow, clusterSize, features);
        return new StorageVolDef(name, key, type, List.of(), capacity, allocation, hasAllocation, 0, target, backing);
    }

    private static VolumeFormat format(Element root, StoragePoolType poolType, String... steps) {
        if (!poolType.hasVolumeFormat()) {
            return null;
        }
        String f = StorageXml.attrAt(root, "type", steps);
        if (f == null) {
            return poolType.defaultVolumeFormat();
        }
        VolumeFormat v = poolType.volumeFormat(f);
        if (v == null) {
            throw StorageXml.unsupported("unknown volume format type " + f);
        }
        return v;
    }

    /** A capacity or allocation: a decimal number of bytes or of {@code unit}s, at most 2^63-1 bytes. */
    private static long size(String value, String unit) {
        Long v = StorageXml.strtoull(value);
        if (v == null) {
            throw StorageXml.xmlError("malformed capacity element");
        }
        return StorageXml.scale(v, unit, Long.MAX_VALUE);
    }

    /** {@code X.Y} with two unsigned numbers. */
    private static void checkCompat(String compat) {
        int dot = compat.indexOf('.');
        if (dot < 0 || uint(compat.substring(0, dot)) == null || uint(compat.substring(dot + 1)) == null) {
            throw StorageXml.xmlError("forbidden characters in 'compat' attribute");
        }
    }

    private static Long uint(String s) {
        Long v = StorageXml.strtol(s, 10, true);
        if (v == null) {
            return null;
        }
        // C's strtoul wraps negative numbers; libvirt accepts those that fit 32 bits either way
        if (v > 0xFFFFFFFFL || v < -0xFFFFFFFFL) {
            return null;
        }
        return v;
    }

    private static long clusterSize(Element root) {
        String v = StorageXml.text(root, "target", "clusterSize");
        if (v == null) {
            return 0;
        }
        Long bytes = StorageXml.strtoull(v);
        if (bytes == null) {
            throw StorageXml.xmlPropError("Invalid value '" + v + "' for element or attribute './target/clusterSize'");
        }
        return StorageXml.scale(bytes, StorageXml.attrAt(root, "unit", "target", "clusterSize"), -1L);
    }

    /** The XML libvirt writes for this volume. */
    public String format() {
        XmlWriter w = new XmlWriter();
        format(w);
        return w.toString();
    }

    /** Writes the {@code <volume>} element at the writer's current depth. */
    public void format(XmlWriter w) {
        w.open("volume").attr("type", type.xml());
        w.leaf("name", name);
        w.leaf("key", key);
        if (!sourceExtents.isEmpty()) {
            w.open("source");
            String current = null;
            for (SourceExtent x : sourceExtents) {
                if (current == null || !current.equals(x.path())) {
                    if (current != null) {
                        w.close();
                    }
                    w.open("device").attr("path", x.path());
                    w.raw("");
                    current = x.path();
                }
                w.open("extent").attr("start", Long.toUnsignedString(x.start()))
                        .attr("end", Long.toUnsignedString(x.end())).close();
            }
            w.close();
            w.close();
        }
        w.open("capacity").attr("unit", "bytes").text(Long.toUnsignedString(capacity));
        w.open("allocation").attr("unit", "bytes").text(Long.toUnsignedString(allocation));
        if (physical != 0) {
            w.open("physical").attr("unit", "bytes").text(Long.toUnsignedString(physical));
        }
        target.format(w, "target");
        if (backingStore != null) {
            backingStore.format(w, "backingStore");
        }
        w.close();
    }
}
