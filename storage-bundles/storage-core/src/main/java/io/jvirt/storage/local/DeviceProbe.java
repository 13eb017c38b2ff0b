package io.jvirt.storage.local;

import java.util.HashMap;
import java.util.Map;

import io.jvirt.api.ErrorCode;

/**
 * Whether a device holds a file system or a partition table, libvirt's
 * {@code virStorageBackendDeviceIsEmpty}: {@code blkid}'s low-level probe (libvirt uses libblkid)
 * for a superblock, then for a partition table, and {@code parted print} for the labels blkid does
 * not know (dvh, pc98, bsd).
 */
public final class DeviceProbe {
    private DeviceProbe() {
    }

    private enum Result {
        UNDEFINED, MATCH, DIFFERENT, UNKNOWN
    }

    /** blkid's {@code TYPE} and {@code PTTYPE} of the device (empty when it finds nothing). */
    static Map<String, String> blkid(String device) {
        Command.Result r = new Command("blkid", "-p", "-o", "export", device).runStatus();
        Map<String, String> out = new HashMap<>();
        if (r.exitStatus() == 0) {
            for (String line : r.stdout().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } else if (r.exitStatus() != 2) {
            throw StorageErrors.of(ErrorCode.STORAGE_PROBE_FAILED,
                    "Failed to create filesystem probe for device " + device);
        }
        return out;
    }

    /**
     * True when {@code device} may be given {@code format}: with {@code writeLabel} only an empty
     * device; without, a device that already has it. Otherwise libvirt's error.
     */
    public static boolean isEmpty(String device, String format, boolean writeLabel) {
        Map<String, String> found = blkid(device);
        Result r;
        String fs = found.get("TYPE");
        String pt = found.get("PTTYPE");
        if (fs != null) {
            r = fs.equals(format) ? Result.MATCH : Result.DIFFERENT;
        } else if (format.equals("dvh") || format.equals("pc98") || format.equals("bsd")) {
            r = Result.UNKNOWN;
        } else if (pt != null) {
            r = pt.equals(format) ? Result.MATCH : Result.DIFFERENT;
        } else {
            r = Result.UNDEFINED;
        }
        switch (r) {
            case UNDEFINED:
                if (writeLabel) {
                    return true;
                }
                throw StorageErrors.of(ErrorCode.STORAGE_PROBE_FAILED, "Device '" + device + "' is unrecognized, requires build");
            case MATCH:
                if (writeLabel) {
                    throw StorageErrors.of(ErrorCode.STORAGE_POOL_BUILT,
                            "Device '" + device + "' already formatted using '" + format + "'");
                }
                return true;
            case DIFFERENT:
                if (writeLabel) {
                    throw StorageErrors.of(ErrorCode.STORAGE_POOL_BUILT, "Format of device '" + device
                            + "' does not match the expected format '" + format + "', forced overwrite is necessary");
                }
                throw StorageErrors.of(ErrorCode.OPERATION_INVALID,
                        "Format of device '" + device + "' does not match the expected format '" + format + "'");
            default:
                return partedLabel(device, format, writeLabel);
        }
    }

    /** libvirt's {@code virStorageBackendPARTEDValidLabel}. */
    private static boolean partedLabel(String device, String format, boolean writeLabel) {
        if (!Command.available("parted")) {
            if (!writeLabel) {
                return true;
            }
            throw StorageErrors.of(ErrorCode.OPERATION_INVALID,
                    "Unable to probe '" + device + "' for existing data, forced overwrite is necessary");
        }
        Command.Result r = new Command("parted", device, "print", "--script").env("LC_ALL", "C").runStatus();
        if (r.exitStatus() != 0) {
            if (r.stdout().contains("unrecognised disk label") || r.stderr().contains("unrecognised disk label")) {
                if (writeLabel) {
                    return true;
                }
                throw StorageErrors.of(ErrorCode.OPERATION_FAILED, "Unrecognized disk label found, requires build");
            }
            throw StorageErrors.of(ErrorCode.OPERATION_FAILED,
                    "Error checking for disk label, failed to get disk partition information");
        }
        int at = r.stdout().indexOf("Partition Table: ");
        int nl = at < 0 ? -1 : r.stdout().indexOf('\n', at);
        if (at < 0 || nl < 0) {
            throw StorageErrors.of(ErrorCode.OPERATION_FAILED,
                    "Unable to determine Partition Type, requires build --overwrite");
        }
        String label = r.stdout().substring(at + "Partition Table: ".length(), nl);
        if (label.equals("msdos")) {
            label = "dos";
        }
        if (!java.util.List.of("unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2").contains(label)) {
            throw StorageErrors.of(ErrorCode.OPERATION_FAILED, "Unknown Partition Type, requires build --overwrite");
        }
        if (label.equals(format)) {
            if (writeLabel) {
                throw StorageErrors.of(ErrorCode.OPERATION_INVALID, "Disk label already formatted using '" + format + "'");
            }
            return true;
        }
        throw StorageErrors.of(ErrorCode.OPERATION_FAILED,
                "Known, but different label format present, requires build --overwrite");
    }
}
