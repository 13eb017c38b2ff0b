package io.jvirt.conf.storage;

import java.util.EnumSet;
import java.util.Set;

import io.jvirt.conf.xml.XmlWriter;

/**
 * A volume's {@code <target>}, or its {@code <backingStore>} (which uses path, format and
 * permissions only).
 *
 * @param path        {@code <path>}
 * @param format      {@code <format type>}, null when the pool's volumes have no format
 * @param perms       {@code <permissions>}
 * @param timestamps  {@code <timestamps>} a backend reports; never read from the XML
 * @param encryption  {@code <encryption>}, or null
 * @param compat      {@code <compat>} (qcow2 compatibility level)
 * @param nocow       {@code <nocow/>}: read, but libvirt does not write it back
 * @param clusterSize {@code <clusterSize>} in bytes, 0 when unset
 * @param features    {@code <features>}, null when the element is absent
 */
public record VolTarget(String path, VolumeFormat format, StoragePerms perms, Timestamps timestamps,
        VolEncryption encryption, String compat, boolean nocow, long clusterSize, Set<Feature> features) {

    public VolTarget {
        perms = perms == null ? StoragePerms.NONE : perms;
        features = features == null ? null : Set.copyOf(features);
    }

    /** A qcow2 feature, written in this order. */
    public enum Feature {
        LAZY_REFCOUNTS("lazy_refcounts"),
        EXTENDED_L2("extended_l2");

        private final String xml;

        Feature(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    /** File times: seconds and nanoseconds; a null time is not written. */
    public record Timestamps(Time atime, Time mtime, Time ctime, Time btime) {
    }

    /** A time as {@code seconds.nanoseconds}. */
    public record Time(long seconds, long nanos) {
        String xml() {
            return nanos == 0 ? Long.toUnsignedString(seconds)
                    : Long.toUnsignedString(seconds) + "." + String.format("%09d", nanos);
        }
    }

    public VolTarget withPath(String newPath) {
        return new VolTarget(newPath, format, perms, timestamps, encryption, compat, nocow, clusterSize, features);
    }

    public VolTarget withTimestamps(Timestamps newTimestamps) {
        return new VolTarget(path, format, perms, newTimestamps, encryption, compat, nocow, clusterSize, features);
    }

    public VolTarget withPerms(StoragePerms newPerms) {
        return new VolTarget(path, format, newPerms, timestamps, encryption, compat, nocow, clusterSize, features);
    }

    void format(XmlWriter w, String element) {
        w.open(element);
        w.raw("");
        w.leaf("path", path);
        if (format != null) {
            w.open("format").attr("type", format.xml()).close();
        }
        perms.format(w);
        if (timestamps != null) {
            w.open("timestamps");
            w.raw("");
            time(w, "atime", timestamps.atime());
            time(w, "mtime", timestamps.mtime());
            time(w, "ctime", timestamps.ctime());
            time(w, "btime", timestamps.btime());
            w.close();
        }
        if (encryption != null) {
            encryption.format(w);
        }
        w.leaf("compat", compat);
        if (clusterSize != 0) {
            w.open("clusterSize").attr("unit", "B").text(Long.toUnsignedString(clusterSize));
        }
        if (features != null) {
            w.open("features");
            for (Feature f : EnumSet.copyOf(featuresOrEmpty())) {
                w.open(f.xml()).close();
            }
            w.close();
        }
        w.close();
    }

    private Set<Feature> featuresOrEmpty() {
        return features.isEmpty() ? EnumSet.noneOf(Feature.class) : features;
    }

    private static void time(XmlWriter w, String name, Time t) {
        if (t != null) {
            w.leaf(name, t.xml());
        }
    }
}
