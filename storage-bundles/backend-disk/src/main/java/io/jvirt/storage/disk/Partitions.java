package io.jvirt.storage.disk;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import io.jvirt.storage.local.StorageErrors;

/**
 * A disk's partition table as libparted sees it, read the way libvirt reads it through its
 * {@code libvirt_parthelper}: every region libparted lists (partitions, free space, metadata) with
 * its kind, device path and byte range, and the BIOS geometry libvirt aligns new partitions to. Only
 * reading happens here; the table is changed with the {@code parted} command, as libvirt does.
 */
final class Partitions {
    /** libparted's {@code PedPartitionType} bits. */
    private static final int LOGICAL = 1;
    private static final int EXTENDED = 2;
    private static final int FREESPACE = 4;
    private static final int METADATA = 8;
    private static final int PROTECTED = 16;

    /** One region: libvirt_parthelper's path ("-" for none), type, content, start, end (exclusive), size. */
    record Region(String path, String type, String content, long start, long end, long size) {
    }

    /** The BIOS geometry libvirt aligns to. */
    record Geometry(int cylinders, int heads, int sectors) {
    }

    /** Lets libparted's exceptions (a damaged label) fail the read instead of asking on stdin. */
    public interface ExceptionHandler extends Callback {
        int invoke(Pointer exception);
    }

    private static final ExceptionHandler UNHANDLED = e -> 0;

    private static native Pointer ped_device_get(String path);

    private static native Pointer ped_disk_new(Pointer dev);

    private static native Pointer ped_disk_next_partition(Pointer disk, Pointer part);

    private static native void ped_disk_destroy(Pointer disk);

    private static native void ped_exception_set_handler(ExceptionHandler handler);

    static {
        Native.register(NativeLibrary.getInstance("libparted.so.2"));
        ped_exception_set_handler(UNHANDLED);
    }

    private Partitions() {
    }

    private static Pointer device(String path) {
        Pointer dev = ped_device_get(path);
        if (dev == null) {
            throw StorageErrors.internal("unable to access device " + path);
        }
        return dev;
    }

    static synchronized Geometry geometry(String path) {
        Pointer dev = device(path);
        return new Geometry(dev.getInt(88), dev.getInt(92), dev.getInt(96));
    }

    /** The regions in libparted's order; {@code separator} names partitions DEVICE + "p" + N. */
    static synchronized List<Region> read(String path, boolean separator) {
        Pointer dev = device(path);
        long sector = dev.getLong(32);
        Pointer disk = ped_disk_new(dev);
        if (disk == null) {
            throw StorageErrors.internal("Failed to read partitions of " + path);
        }
        String sep = separator || Character.isDigit(path.charAt(path.length() - 1)) ? "p" : "";
        List<Region> out = new ArrayList<>();
        try {
            for (Pointer part = ped_disk_next_partition(disk, null); part != null;
                    part = ped_disk_next_partition(disk, part)) {
                long start = part.getLong(32);
                long length = part.getLong(40);
                long end = part.getLong(48);
                int num = part.getInt(56);
                int type = part.getInt(60);
                String kind;
                String content;
                if ((type & LOGICAL) != 0) {
                    kind = "logical";
                    content = content(type);
                } else if (type == EXTENDED) {
                    kind = "extended";
                    content = "metadata";
                } else {
                    kind = "normal";
                    content = content(type);
                }
                out.add(new Region(num != -1 ? path + sep + num : "-", kind, content, start * sector, (end + 1) * sector,
                        length * sector));
            }
        } finally {
            ped_disk_destroy(disk);
        }
        return out;
    }

    private static String content(int type) {
        if ((type & FREESPACE) != 0) {
            return "free";
        }
        if ((type & METADATA) != 0) {
            return "metadata";
        }
        if ((type & PROTECTED) != 0) {
            return "protected";
        }
        return "data";
    }
}
