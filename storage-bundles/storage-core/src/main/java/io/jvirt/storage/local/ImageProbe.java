package io.jvirt.storage.local;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import io.jvirt.conf.storage.FileFormat;
import io.jvirt.conf.storage.VolEncryption;
import io.jvirt.conf.storage.VolTarget;

/**
 * Image headers as libvirt's {@code storage_file_probe.c} reads them: format by magic and version
 * (in libvirt's format order, so a qcow2 file is not taken for qcow), virtual size, qcow2 cluster
 * size, features and compat level, backing file name and format (qcow2's header extension), and
 * LUKS/qcow encryption. Formats without magic (raw, bochs, cloop, dmg, ...) are raw when probed.
 */
public final class ImageProbe {
    /** libvirt's {@code VIR_STORAGE_MAX_HEADER}: how much of a file is read. */
    public static final int MAX_HEADER = 0x8010;

    private static final int QCOWX_VERSION = 4;
    private static final int QCOWX_BACKING_OFFSET = 8;
    private static final int QCOWX_BACKING_SIZE = 16;
    private static final int QCOWX_CLUSTER_BITS = 20;
    private static final int QCOWX_IMAGE_SIZE = 24;
    private static final int QCOW1_CRYPT = 36;
    private static final int QCOW2_CRYPT = 32;
    private static final int QCOW2_TOTAL_SIZE = 72;
    private static final int QCOW2V3_INCOMPATIBLE = 72;
    private static final int QCOW2V3_COMPATIBLE = 80;
    private static final int QCOW2V3_HDR_SIZE = 100;
    private static final int QCOW2_EXT_BACKING_FORMAT = 0xE2792ACA;
    private static final int QED_FEATURES = 16;
    private static final int QED_IMAGE_SIZE = 48;
    private static final int QED_BACKING_OFFSET = 56;
    private static final int QED_BACKING_SIZE = 60;
    private static final byte[] LUKS_MAGIC = { 'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe };

    private enum Endian {
        LE, BE
    }

    /** One row of libvirt's file type table (the formats that have a magic). */
    private record Type(FileFormat format, int magicOffset, byte[] magic, Endian endian, int versionOffset,
            int versionSize, int[] versions, int sizeOffset, long sizeMultiplier) {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** -2 as version offset: no version to check. */
    private static final Type[] TYPES = {
        new Type(FileFormat.ISO, 32769, ascii("CD001"), Endian.LE, -2, 0, new int[0], -1, 0),
        new Type(FileFormat.VPC, 0, ascii("conectix"), Endian.BE, 12, 4, new int[] { 0x10000 }, 40, 1),
        new Type(FileFormat.VDI, 64, new byte[] { 0x7f, 0x10, (byte) 0xda, (byte) 0xbe }, Endian.LE, 68, 4,
                new int[] { 0x00010001 }, 368, 1),
        new Type(FileFormat.PLOOP, 0, ascii("WithouFreSpacExt"), Endian.LE, -2, 0, new int[0], 36, 512),
        new Type(FileFormat.COW, 0, ascii("OOOM"), Endian.BE, 4, 4, new int[] { 2 }, 1036, 1),
        new Type(FileFormat.QCOW, 0, ascii("QFI"), Endian.BE, 4, 4, new int[] { 1 }, QCOWX_IMAGE_SIZE, 1),
        new Type(FileFormat.QCOW2, 0, ascii("QFI"), Endian.BE, 4, 4, new int[] { 2, 3 }, QCOWX_IMAGE_SIZE, 1),
        new Type(FileFormat.QED, 0, ascii("QED"), Endian.LE, -2, 0, new int[0], QED_IMAGE_SIZE, 1),
        new Type(FileFormat.VMDK, 0, ascii("KDMV"), Endian.LE, 4, 4, new int[] { 1, 2, 3 }, 12, 512),
    };

    private ImageProbe() {
    }

    /**
     * Whether the first {@code len} bytes of a file (a full first read) may not tell all a longer
     * header would: a VMDK descriptor, a qcow/qcow2/QED backing name (or qcow2 extensions) beyond
     * them, or no magic at all (an ISO image's is at 32769).
     */
    static boolean needsMore(com.sun.jna.Pointer head, int len) {
        byte[] b = new byte[24];
        head.read(0, b, 0, 24);
        if (b[0] == 'K' && b[1] == 'D' && b[2] == 'M' && b[3] == 'V') {
            return true;
        }
        if (b[0] == 'Q' && b[1] == 'F' && b[2] == 'I') {
            long offset = u64(b, QCOWX_BACKING_OFFSET, Endian.BE);
            long size = u32(b, QCOWX_BACKING_SIZE, Endian.BE);
            return offset != 0 && Long.compareUnsigned(offset + size, len) > 0;
        }
        if (b[0] == 'Q' && b[1] == 'E' && b[2] == 'D') {
            byte[] q = new byte[64];
            head.read(0, q, 0, 64);
            if ((u64(q, QED_FEATURES, Endian.LE) & 1) == 0) {
                return false;
            }
            return u32(q, QED_BACKING_OFFSET, Endian.LE) + u32(q, QED_BACKING_SIZE, Endian.LE) > len;
        }
        for (Type t : TYPES) {
            if (t.magicOffset + t.magic.length <= len && t.magicOffset < len) {
                byte[] m = new byte[t.magic.length];
                head.read(t.magicOffset, m, 0, m.length);
                if (java.util.Arrays.equals(m, t.magic)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The format of a header, libvirt's {@code virStorageFileProbeFormatFromBuf}: raw when nothing matches. */
    public static FileFormat format(byte[] buf, int len) {
        for (Type t : TYPES) {
            if (magic(t, buf, len) && version(t, buf, len)) {
                return t.format;
            }
        }
        return FileFormat.RAW;
    }

    /** Everything a header of {@code format} says (the format is probed first when null). */
    public static ImageInfo read(byte[] buf, int len, FileFormat format) {
        FileFormat f = format != null ? format : format(buf, len);
        VolEncryption.Format enc = null;
        long payload = -1;
        if (f == FileFormat.RAW && startsWith(buf, len, 0, LUKS_MAGIC) && len >= 8 && u16(buf, 6, Endian.BE) == 1) {
            enc = VolEncryption.Format.LUKS;
            payload = len >= 108 ? u32(buf, 104, Endian.BE) : -1;
        } else if (f == FileFormat.QCOW && len > QCOW1_CRYPT + 3 && u32(buf, QCOW1_CRYPT, Endian.BE) == 1) {
            enc = VolEncryption.Format.QCOW;
        } else if (f == FileFormat.QCOW2 && len > QCOW2_CRYPT + 3) {
            long mode = u32(buf, QCOW2_CRYPT, Endian.BE);
            enc = mode == 1 ? VolEncryption.Format.QCOW : mode == 2 ? VolEncryption.Format.LUKS : null;
        }
        Type t = type(f);
        if (t == null) {
            return new ImageInfo(f, 0, 0, null, null, null, null, enc, payload);
        }
        long capacity = 0;
        if (t.sizeOffset >= 0 && t.sizeOffset + 8 <= len) {
            long raw = u64(buf, t.sizeOffset, t.endian);
            if (Long.compareUnsigned(raw, Long.divideUnsigned(-1L, t.sizeMultiplier)) <= 0) {
                capacity = raw * t.sizeMultiplier;
            }
        }
        long cluster = 0;
        if (f == FileFormat.QCOW2 && QCOWX_CLUSTER_BITS + 4 <= len) {
            long bits = u32(buf, QCOWX_CLUSTER_BITS, Endian.BE);
            if (bits > 0 && bits < 63) {
                cluster = 1L << bits;
            }
        }
        String backing = null;
        FileFormat backingFormat = null;
        switch (f) {
            case QCOW, QCOW2 -> {
                String[] b = qcowBacking(buf, len);
                backing = b[0];
                backingFormat = b[1] == null ? null : b[1].isEmpty() ? FileFormat.NONE : fileFormat(b[1]);
            }
            case QED -> {
                String[] b = qedBacking(buf, len);
                backing = b[0];
                backingFormat = "raw".equals(b[1]) ? FileFormat.RAW : b[1] != null && b[1].isEmpty() ? FileFormat.NONE : null;
            }
            case VMDK -> backing = vmdkBacking(buf, len);
            case COW -> backing = len >= 8 + 1024 + 4 && buf[8] != 0 ? cstring(buf, 8, 1024) : null;
            default -> {
            }
        }
        Set<VolTarget.Feature> features = null;
        if (f == FileFormat.QCOW2 && len >= 8 && u32(buf, QCOWX_VERSION, Endian.BE) != 2 && len >= QCOW2V3_HDR_SIZE) {
            features = EnumSet.noneOf(VolTarget.Feature.class);
            long compatible = u64(buf, QCOW2V3_COMPATIBLE, Endian.BE);
            long incompatible = u64(buf, QCOW2V3_INCOMPATIBLE, Endian.BE);
            if ((compatible & 1) != 0) {
                features.add(VolTarget.Feature.LAZY_REFCOUNTS);
            }
            if ((incompatible & (1 << 4)) != 0) {
                features.add(VolTarget.Feature.EXTENDED_L2);
            }
        }
        return new ImageInfo(f, capacity, cluster, backing, backingFormat, features, features != null ? "1.1" : null,
                enc, payload);
    }

    private static Type type(FileFormat f) {
        for (Type t : TYPES) {
            if (t.format == f) {
                return t;
            }
        }
        return null;
    }

    /** The format an extension or header names, as libvirt: anything else (a protocol name) is raw. */
    static FileFormat fileFormat(String name) {
        for (FileFormat f : FileFormat.values()) {
            if (f != FileFormat.NONE && f.xml().equals(name)) {
                return f;
            }
        }
        return FileFormat.RAW;
    }

    /** {backing name or null, backing format name ("" for none, null for auto)}. */
    private static String[] qcowBacking(byte[] buf, int len) {
        if (len < QCOWX_BACKING_OFFSET + 8 + 4) {
            return new String[] { null, null };
        }
        long offset = u64(buf, QCOWX_BACKING_OFFSET, Endian.BE);
        if (Long.compareUnsigned(offset, len) > 0) {
            return new String[] { null, null };
        }
        if (offset == 0) {
            return new String[] { null, "" };
        }
        long size = u32(buf, QCOWX_BACKING_SIZE, Endian.BE);
        if (size == 0) {
            return new String[] { null, "" };
        }
        if (size > 1023 || offset + size > len) {
            return new String[] { null, null };
        }
        String name = new String(buf, (int) offset, (int) size, StandardCharsets.UTF_8);
        return new String[] { name, qcow2BackingFormat(buf, len, (int) offset) };
    }

    /** The backing format header extension of qcow2 (version 2 and 3), or null. */
    private static String qcow2BackingFormat(byte[] buf, int len, int extensionEnd) {
        long version = u32(buf, QCOWX_VERSION, Endian.BE);
        if (version < 2) {
            return null;
        }
        long start = version == 2 ? QCOW2_TOTAL_SIZE : u32(buf, QCOW2V3_HDR_SIZE, Endian.BE);
        long offset = start;
        while (offset < len - 8 && offset < extensionEnd - 8) {
            long magic = u32(buf, (int) offset, Endian.BE);
            long elen = u32(buf, (int) offset + 4, Endian.BE);
            offset += 8;
            if (offset + elen > len) {
                break;
            }
            if (magic == (QCOW2_EXT_BACKING_FORMAT & 0xFFFFFFFFL)) {
                return new String(buf, (int) offset, (int) elen, StandardCharsets.UTF_8);
            }
            if (magic == 0) {
                return null;
            }
            offset += elen;
        }
        return null;
    }

    private static String[] qedBacking(byte[] buf, int len) {
        if (len < QED_FEATURES + 8) {
            return new String[] { null, null };
        }
        long flags = u64(buf, QED_FEATURES, Endian.LE);
        if ((flags & 1) == 0) {
            return new String[] { null, "" };
        }
        if (len < QED_BACKING_OFFSET + 8) {
            return new String[] { null, null };
        }
        long offset = u32(buf, QED_BACKING_OFFSET, Endian.LE);
        long size = u32(buf, QED_BACKING_SIZE, Endian.LE);
        if (offset > len || size == 0 || offset + size > len) {
            return new String[] { null, null };
        }
        String name = new String(buf, (int) offset, (int) size, StandardCharsets.UTF_8);
        return new String[] { name, (flags & 4) != 0 ? "raw" : null };
    }

    private static String vmdkBacking(byte[] buf, int len) {
        if (len <= 0x200) {
            return null;
        }
        String desc = new String(buf, 0x200, Math.min(len - 0x200, MAX_HEADER - 1), StandardCharsets.ISO_8859_1);
        int nul = desc.indexOf('\0');
        if (nul >= 0) {
            desc = desc.substring(0, nul);
        }
        String prefix = "parentFileNameHint=\"";
        int start = desc.indexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int end = desc.indexOf('"', start);
        if (end <= start) {
            return null;
        }
        return desc.substring(start, end);
    }

    private static String cstring(byte[] buf, int off, int max) {
        int end = off;
        while (end < off + max && end < buf.length && buf[end] != 0) {
            end++;
        }
        return new String(buf, off, end - off, StandardCharsets.UTF_8);
    }

    private static boolean magic(Type t, byte[] buf, int len) {
        return startsWith(buf, len, t.magicOffset, t.magic);
    }

    private static boolean startsWith(byte[] buf, int len, int off, byte[] magic) {
        if (off + magic.length > len) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (buf[off + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean version(Type t, byte[] buf, int len) {
        if (t.versionOffset == -2) {
            return true;
        }
        if (t.versionOffset + t.versionSize > len) {
            return false;
        }
        long v = t.versionSize == 4 ? u32(buf, t.versionOffset, t.endian) : u16(buf, t.versionOffset, t.endian);
        for (int want : t.versions) {
            if (v == (want & 0xFFFFFFFFL)) {
                return true;
            }
        }
        return false;
    }

    static long u16(byte[] b, int o, Endian e) {
        int x = b[o] & 0xff;
        int y = b[o + 1] & 0xff;
        return e == Endian.BE ? (x << 8) | y : (y << 8) | x;
    }

    static long u32(byte[] b, int o, Endian e) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int k = e == Endian.BE ? i : 3 - i;
            v = (v << 8) | (b[o + k] & 0xff);
        }
        return v;
    }

    static long u64(byte[] b, int o, Endian e) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int k = e == Endian.BE ? i : 7 - i;
            v = (v << 8) | (b[o + k] & 0xff);
        }
        return v;
    }
}
