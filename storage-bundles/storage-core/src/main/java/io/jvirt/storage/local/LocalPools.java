package io.jvirt.storage.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.StoragePerms;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.storage.backend.PoolRefresh;

/**
 * Pools that are a directory (dir, and fs/netfs once mounted), as libvirt's
 * {@code virStorageBackendBuildLocal}, {@code ...RefreshLocal} and {@code ...DeleteLocal}.
 */
public final class LocalPools {
    /** libvirt's {@code VIR_STORAGE_DEFAULT_POOL_PERM_MODE}. */
    public static final int DEFAULT_POOL_MODE = 0711;

    private LocalPools() {
    }

    /**
     * Every file of the pool's directory as a volume (not recursive; names with control characters
     * and files libvirt skips are left out), the file system's sizes and the directory's permissions.
     */
    public static PoolRefresh refresh(StoragePoolDef pool) {
        return refreshDir(pool);
    }

    /** Refreshes of many files probe them on a few threads: libvirt reads them one after the other. */
    private static final int PARALLEL_FROM = 64;
    private static final java.util.concurrent.ForkJoinPool PROBES = new java.util.concurrent.ForkJoinPool(
            Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())),
            pool -> {
                java.util.concurrent.ForkJoinWorkerThread t =
                        java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("jvirt-storage-probe-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);

    private static PoolRefresh refreshDir(StoragePoolDef pool) {
        String dir = pool.targetPath();
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(dir))) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!hasControlChars(name)) {
                    names.add(name);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw StorageErrors.system("cannot open directory '" + dir + "'", "No such file or directory");
        } catch (java.nio.file.NotDirectoryException e) {
            throw StorageErrors.system("cannot open directory '" + dir + "'", "Not a directory");
        } catch (IOException e) {
            throw StorageErrors.system("cannot open directory '" + dir + "'", LocalVolumes.reason(e));
        }
        StorageVolDef[] found = new StorageVolDef[names.size()];
        java.util.Map<String, io.jvirt.conf.storage.VolTarget> backings = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.IntConsumer probe = i -> found[i] = VolumeInfo.probe(names.get(i), dir + "/" + names.get(i),
                backings);
        if (names.size() < PARALLEL_FROM) {
            for (int i = 0; i < found.length; i++) {
                probe.accept(i);
            }
        } else {
            try {
                PROBES.submit(() -> java.util.stream.IntStream.range(0, found.length).parallel().forEach(probe)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StorageErrors.internal("interrupted while refreshing " + dir);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw StorageErrors.internal("cannot refresh " + dir + ": " + e.getCause());
            }
        }
        List<StorageVolDef> vols = new ArrayList<>(found.length);
        for (StorageVolDef v : found) {
            if (v != null) {
                vols.add(v);
            }
        }
        FileStat st;
        long[] fs;
        try {
            st = Posix.stat(dir, "cannot stat path '" + dir + "'");
            fs = Posix.statvfs(dir, "cannot statvfs path '" + dir + "'");
        } catch (PosixException e) {
            throw e.toVirt();
        }
        long capacity = fs[0];
        long available = fs[1];
        StoragePerms perms = new StoragePerms(st.permissions(), (long) st.uid() & 0xFFFFFFFFL,
                (long) st.gid() & 0xFFFFFFFFL, null);
        StoragePoolDef updated = pool.withSizes(capacity, capacity - available, available).withTarget(dir, perms);
        return new PoolRefresh(updated, vols);
    }

    private static boolean hasControlChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /**
     * libvirt's {@code virStorageBackendBuildLocal}: the parents of the target with default modes, the
     * target with the pool's permissions (0711 when it does not exist yet and none are given).
     */
    public static void build(StoragePoolDef pool) {
        String target = pool.targetPath();
        int slash = target.lastIndexOf('/');
        if (slash < 0) {
            throw StorageErrors.of(ErrorCode.INVALID_ARG, "path '" + target + "' is not absolute");
        }
        if (slash > 0) {
            Path parent = Path.of(target.substring(0, slash));
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw StorageErrors.system("cannot create path '" + parent + "'", LocalVolumes.reason(e));
            }
        }
        Integer mode = pool.targetPerms().mode();
        if (mode == null && !Files.exists(Path.of(target))) {
            mode = DEFAULT_POOL_MODE;
        }
        createDir(target, mode, pool.targetPerms(), true);
    }

    /** libvirt's {@code virDirCreate}: the directory with a mode and owner; with {@code allowExist} an existing one only gets them. */
    public static void createDir(String path, Integer mode, StoragePerms perms, boolean allowExist) {
        Path p = Path.of(path);
        boolean exists = Files.isDirectory(p);
        if (exists && !allowExist) {
            throw StorageErrors.system("failed to create directory '" + path + "'", "File exists");
        }
        try {
            if (!exists) {
                Files.createDirectory(p);
            }
            if (perms.owner() != null) {
                Files.setAttribute(p, "unix:uid", perms.owner().intValue());
            }
            if (perms.group() != null) {
                Files.setAttribute(p, "unix:gid", perms.group().intValue());
            }
            if (mode != null) {
                Files.setAttribute(p, "unix:mode", mode);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw StorageErrors.system("failed to create directory '" + path + "'", "File exists");
        } catch (IOException e) {
            throw StorageErrors.system("cannot create directory '" + path + "'", LocalVolumes.reason(e));
        }
    }

    /** libvirt's {@code virStorageBackendDeleteLocal}: {@code rmdir} of the target. */
    public static void delete(StoragePoolDef pool, int flags) {
        StorageErrors.checkFlags(flags, 0, "virStorageBackendDeleteLocal");
        Path p = Path.of(pool.targetPath());
        try {
            if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw StorageErrors.system("failed to remove pool '" + p + "'",
                        Files.exists(p) ? "Not a directory" : "No such file or directory");
            }
            Files.delete(p);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw StorageErrors.system("failed to remove pool '" + p + "'", "Directory not empty");
        } catch (VirtException e) {
            throw e;
        } catch (IOException e) {
            throw StorageErrors.system("failed to remove pool '" + p + "'", LocalVolumes.reason(e));
        }
    }
}
