package io.jvirt.storage.core.caps;

import java.util.List;
import java.util.Set;

import io.jvirt.conf.storage.DiskVolumeFormat;
import io.jvirt.conf.storage.FileFormat;
import io.jvirt.conf.storage.PoolSourceFormat;
import io.jvirt.conf.storage.StoragePoolType;
import io.jvirt.conf.storage.VolumeFormat;

/**
 * {@code virConnectGetStoragePoolCapabilities}: every pool type libvirt knows, in its order, with
 * {@code supported='yes'} for the types whose backend is present now, the source formats of its
 * pools and the formats of its volumes, as libvirt 9.0 writes the document.
 */
public final class PoolCapabilities {
    private PoolCapabilities() {
    }

    public static String format(Set<StoragePoolType> supported) {
        StringBuilder sb = new StringBuilder("<storagepoolCapabilities>\n");
        for (StoragePoolType t : StoragePoolType.values()) {
            sb.append("  <pool type='").append(t.xml()).append("' supported='")
                    .append(supported.contains(t) ? "yes" : "no").append("'>\n");
            if (t.hasSourceFormat()) {
                sb.append("    <poolOptions>\n");
                sb.append("      <defaultFormat type='").append(t.defaultSourceFormat().xml()).append("'/>\n");
                sb.append("      <enum name='sourceFormatType'>\n");
                for (PoolSourceFormat f : t.sourceFormats()) {
                    sb.append("        <value>").append(f.xml()).append("</value>\n");
                }
                sb.append("      </enum>\n");
                sb.append("    </poolOptions>\n");
            }
            List<? extends VolumeFormat> volFormats = volumeFormats(t);
            if (volFormats != null) {
                sb.append("    <volOptions>\n");
                sb.append("      <defaultFormat type='").append(t.defaultVolumeFormat().xml()).append("'/>\n");
                sb.append("      <enum name='targetFormatType'>\n");
                for (VolumeFormat f : volFormats) {
                    sb.append("        <value>").append(f.xml()).append("</value>\n");
                }
                sb.append("      </enum>\n");
                sb.append("    </volOptions>\n");
            }
            sb.append("  </pool>\n");
        }
        return sb.append("</storagepoolCapabilities>\n").toString();
    }

    /** The volume formats listed for a type; rbd names its default (raw) but lists none, as libvirt. */
    private static List<? extends VolumeFormat> volumeFormats(StoragePoolType t) {
        if (!t.hasVolumeFormat()) {
            return null;
        }
        if (t == StoragePoolType.RBD) {
            return List.of();
        }
        return t.defaultVolumeFormat() instanceof DiskVolumeFormat ? List.of(DiskVolumeFormat.values())
                : List.of(FileFormat.values());
    }
}
