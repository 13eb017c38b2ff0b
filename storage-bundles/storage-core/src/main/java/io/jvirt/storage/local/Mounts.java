package io.jvirt.storage.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.jvirt.api.ErrorCode;
import io.jvirt.conf.storage.FsPoolFormat;
import io.jvirt.conf.storage.NetfsPoolFormat;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StoragePoolType;

/**
 * How fs and netfs pools are mounted, as libvirt's storage utilities: the source ({@code DEVICE},
 * {@code HOST:DIR}, {@code //HOST/DIR} for CIFS), the {@code mount} command line (Linux's default
 * options {@code nodev,nosuid,noexec}, NFS protocol version, GlusterFS's {@code direct-io-mode=1},
 * CIFS's {@code guest}, the pool's {@code <fs:mount_opts>}), the check against the mount table, and
 * {@code umount}. Conformance with {@code storagepoolxml2argvdata}: {@code PoolArgvTest}.
 */
public final class Mounts {
    /** libvirt's {@code default_mount_opts} on Linux. */
    public static final String DEFAULT_OPTIONS = "nodev,nosuid,noexec";
    private static final Path MOUNT_TABLE = Path.of("/proc/self/mounts");

    private Mounts() {
    }

    /** libvirt's {@code virStorageBackendFileSystemGetPoolSource}. */
    public static String source(StoragePoolDef def) {
        if (def.type() == StoragePoolType.NETFS) {
            String host = def.source().hosts().get(0).name();
            return def.source().format() == NetfsPoolFormat.CIFS ? "//" + host + "/" + def.source().dir()
                    : host + ":" + def.source().dir();
        }
        return def.source().devices().get(0).path();
    }

    /** libvirt's {@code virStorageBackendFileSystemIsValid}. */
    public static void validate(StoragePoolDef def) {
        if (def.type() == StoragePoolType.NETFS) {
            if (def.source().hosts().size() != 1) {
                throw StorageErrors.of(ErrorCode.CONFIG_UNSUPPORTED, "expected exactly 1 host for the storage pool");
            }
            if (def.source().hosts().get(0).name() == null) {
                throw StorageErrors.internal("missing source host");
            }
            if (def.source().dir() == null) {
                throw StorageErrors.internal("missing source path");
            }
        } else if (def.source().devices().size() != 1) {
            if (def.source().devices().isEmpty()) {
                throw StorageErrors.internal("missing source device");
            }
            throw StorageErrors.of(ErrorCode.CONFIG_UNSUPPORTED, "expected exactly 1 device for the storage pool");
        }
    }

    /** libvirt's {@code virStorageBackendFileSystemMountCmd}, with {@code defaultOptions} first in {@code -o}. */
    public static Command mountCommand(String mount, StoragePoolDef def, String src, String defaultOptions) {
        boolean netfs = def.type() == StoragePoolType.NETFS;
        boolean netauto = netfs && def.source().format() == NetfsPoolFormat.AUTO;
        boolean gluster = netfs && def.source().format() == NetfsPoolFormat.GLUSTERFS;
        boolean cifs = netfs && def.source().format() == NetfsPoolFormat.CIFS;
        String nfsVers = netfs && def.source().protocolVer() != null ? "nfsvers=" + def.source().protocolVer() : null;
        Command cmd = new Command(mount);
        String target = def.targetPath();
        if (netauto) {
            options(cmd, def, nfsVers, defaultOptions);
            cmd.args(src, target);
        } else if (gluster) {
            options(cmd, def, "direct-io-mode=1", defaultOptions);
            cmd.args("-t", def.source().format().xml(), src, target);
        } else if (cifs) {
            options(cmd, def, "guest", defaultOptions);
            cmd.args("-t", def.source().format().xml(), src, target);
        } else {
            options(cmd, def, nfsVers, defaultOptions);
            cmd.args("-t", def.source().format() == null ? FsPoolFormat.AUTO.xml() : def.source().format().xml(), src,
                    target);
        }
        return cmd;
    }

    private static void options(Command cmd, StoragePoolDef def, String provided, String defaults) {
        StringBuilder b = new StringBuilder();
        if (defaults != null && !defaults.isEmpty()) {
            b.append(defaults).append(',');
        }
        if (provided != null) {
            b.append(provided).append(',');
        }
        for (String o : def.mountOptions()) {
            b.append(o).append(',');
        }
        if (b.length() > 0) {
            b.setLength(b.length() - 1);
            cmd.args("-o", b.toString());
        }
    }

    /**
     * libvirt's {@code virStorageBackendFileSystemIsMounted}: an entry of the mount table with the
     * pool's target as its directory and the pool's source as its device (paths compared resolved).
     */
    public static boolean isMounted(StoragePoolDef def) {
        String src = source(def);
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNT_TABLE);
        } catch (IOException e) {
            throw StorageErrors.system("cannot read mount list '/etc/mtab'", e.getMessage());
        }
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length >= 2 && samePath(unescape(f[1]), def.targetPath()) && samePath(unescape(f[0]), src)) {
                return true;
            }
        }
        return false;
    }

    /** The mount table's octal escapes ({@code \040} for a space). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                try {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    // not an escape
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /** libvirt's {@code virFileComparePaths}: equal once both resolve (unresolvable ones compared as written). */
    static boolean samePath(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Path.of(a).toRealPath().equals(Path.of(b).toRealPath());
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** Mounts the pool unless it is mounted already (libvirt's {@code virStorageBackendFileSystemMount}). */
    public static void mount(StoragePoolDef def) {
        validate(def);
        if (isMounted(def)) {
            return;
        }
        mountCommand("mount", def, source(def), DEFAULT_OPTIONS).run();
    }

    /** Unmounts the pool if it is mounted (libvirt's {@code virStorageBackendFileSystemStop}). */
    public static void unmount(StoragePoolDef def) {
        validate(def);
        if (!isMounted(def)) {
            return;
        }
        new Command("umount", def.targetPath()).run();
    }
}
