package io.jvirt.storage.core.state;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.StorageVolCreateFlag;
import io.jvirt.api.StorageVolInfoFlag;
import io.jvirt.api.StorageVolResizeFlag;
import io.jvirt.api.StorageVolTransferFlag;
import io.jvirt.api.StorageVolType;
import io.jvirt.api.StorageVolWipeAlgorithm;
import io.jvirt.api.VirtException;
import io.jvirt.api.VolInfo;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StoragePoolType;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.spi.StorageVolRef;
import io.jvirt.spi.StreamDriver;
import io.jvirt.spi.StreamRef;
import io.jvirt.storage.backend.BackendUnsupported;
import io.jvirt.storage.backend.PoolContext;
import io.jvirt.storage.backend.StorageBackend;
import io.jvirt.storage.local.StorageErrors;

/**
 * The volume calls of a scope, libvirt's storage driver: create (allocation without the pool's lock,
 * the volume marked as being built), create from another volume (the source marked in use), delete,
 * wipe, resize, info and XML (refreshed from the backend first), streams, lookups. The accounting is
 * libvirt's: a new volume's allocation is taken from the pool's available space, a deleted one's is
 * given back, {@code RESIZE_ALLOCATE} takes the difference; disk pools refresh instead.
 * <p>
 * A volume a running guest uses is not refused: libvirtd 9.0 deletes, wipes and resizes it (measured
 * with a TCG guest holding a qcow2 and a raw volume), its storage driver knows only its own jobs.
 * What is refused is what libvirt refuses: a volume being built, and one the driver itself is
 * reading or writing (a clone's source, a wipe, an upload or download being set up).
 */
public final class Volumes {
    private static final SchemaValidator SCHEMAS = new SchemaValidator(SchemaValidator.DEFAULT_DIR);

    private final Scope scope;

    Volumes(Scope scope) {
        this.scope = scope;
    }

    private static StorageVolRef ref(PoolObj p, StorageVolDef v) {
        return new StorageVolRef(p.name(), v.name(), v.key() == null ? "" : v.key());
    }

    private static VolObj vol(PoolObj p, String name) {
        VolObj v = p.volumes.get(name);
        if (v == null) {
            throw CoreErrors.noVolName(name);
        }
        return v;
    }

    /** libvirt's {@code virStorageVolDefFromVol}: the pool by name, active, and the volume by name. */
    private interface VolOp<T> {
        T apply(PoolObj p, VolObj v, Scope.Batch b);
    }

    private <T> T withVol(StorageVolRef ref, VolOp<T> op) {
        return scope.withPoolNamed(ref.pool(), (p, b) -> {
            if (!p.active) {
                throw CoreErrors.notActive(p.name());
            }
            return op.apply(p, vol(p, ref.name()), b);
        });
    }

    private static void checkIdle(VolObj v) {
        if (v.inUse > 0) {
            throw CoreErrors.inUse(v.def.name());
        }
        if (v.building) {
            throw CoreErrors.building(v.def.name());
        }
    }

    private static boolean disk(PoolObj p) {
        return p.def.type() == StoragePoolType.DISK;
    }

    /** Pool accounting for a volume that came ({@code sign} 1) or went (-1). */
    private static void account(PoolObj p, StorageVolDef v, int sign) {
        long a = v.allocation() * sign;
        StoragePoolDef d = p.def;
        p.def = d.withSizes(d.capacity(), d.allocation() + a, d.available() - a);
    }

    // ------------------------------------------------------------------ listing and lookups

    public List<StorageVolRef> listAll(StoragePoolRef pool, int flags) {
        StorageErrors.checkFlags(flags, 0, "storagePoolListAllVolumes");
        return scope.withPool(pool, (p, b) -> {
            if (!p.active) {
                throw CoreErrors.notActive(p.name());
            }
            List<StorageVolRef> out = new ArrayList<>(p.volumes.size());
            for (VolObj v : p.volumes.values()) {
                out.add(ref(p, v.def));
            }
            return out;
        });
    }

    public StorageVolRef lookupByName(StoragePoolRef pool, String name) {
        return scope.withPool(pool, (p, b) -> {
            if (!p.active) {
                throw CoreErrors.notActive(p.name());
            }
            return ref(p, vol(p, name).def);
        });
    }

    public StorageVolRef lookupByKey(String key) {
        for (PoolObj p : scope.sorted()) {
            p.lock.lock();
            try {
                if (p.removed || !p.active) {
                    continue;
                }
                for (VolObj v : p.volumes.values()) {
                    if (key.equals(v.def.key())) {
                        return ref(p, v.def);
                    }
                }
            } finally {
                p.lock.unlock();
            }
        }
        throw StorageErrors.of(ErrorCode.NO_STORAGE_VOL, "no storage vol with matching key " + key);
    }

    public StorageVolRef lookupByPath(String path) {
        String clean = Scope.sanitize(path);
        for (PoolObj p : scope.sorted()) {
            p.lock.lock();
            try {
                if (p.removed || !p.active) {
                    continue;
                }
                for (VolObj v : p.volumes.values()) {
                    if (clean.equals(v.def.target().path())) {
                        return ref(p, v.def);
                    }
                }
            } finally {
                p.lock.unlock();
            }
        }
        throw StorageErrors.of(ErrorCode.NO_STORAGE_VOL, path.equals(clean)
                ? "no storage vol with matching path '" + path + "'"
                : "no storage vol with matching path '" + path + "' (" + clean + ")");
    }

    public StoragePoolRef poolOf(StorageVolRef vol) {
        return scope.poolNamed(vol.pool()).ref();
    }

    public String path(StorageVolRef ref) {
        return withVol(ref, (p, v, b) -> v.def.target().path());
    }

    // ------------------------------------------------------------------ info

    /** libvirt refreshes a volume from its backend before it answers about it. */
    private static void refreshVol(Scope scope, PoolObj p, VolObj v) {
        StorageBackend backend = scope.backend(p);
        v.def = backend.refreshVol(scope.context(p), v.def);
    }

    public VolInfo info(StorageVolRef ref, int flags) {
        StorageErrors.checkFlags(flags, StorageVolInfoFlag.GET_PHYSICAL.bit(), "storageVolGetInfoFlags");
        return withVol(ref, (p, v, b) -> {
            refreshVol(scope, p, v);
            StorageVolDef d = v.def;
            long alloc = (flags & StorageVolInfoFlag.GET_PHYSICAL.bit()) != 0 ? d.physical() : d.allocation();
            return new VolInfo(StorageVolType.values()[d.type().ordinal()], d.capacity(), alloc);
        });
    }

    public String xml(StorageVolRef ref, int flags) {
        StorageErrors.checkFlags(flags, 0, "storageVolGetXMLDesc");
        return withVol(ref, (p, v, b) -> {
            refreshVol(scope, p, v);
            return v.def.format();
        });
    }

    // ------------------------------------------------------------------ create

    private static StorageVolDef parse(PoolObj p, String xml, Set<StorageVolDef.ParseFlag> parseFlags,
            boolean validate) {
        if (validate) {
            SCHEMAS.validate(xml, SchemaValidator.Dialect.STORAGE_VOL);
        }
        return StorageVolDef.parse(xml, p.def.type(), parseFlags);
    }

    public StorageVolRef createXml(StoragePoolRef pool, String xml, int flags) {
        StorageErrors.checkFlags(flags, StorageVolCreateFlag.PREALLOC_METADATA.bit() | StorageVolCreateFlag.VALIDATE.bit(),
                "storageVolCreateXML");
        int buildFlags = flags & ~StorageVolCreateFlag.VALIDATE.bit();
        // first part under the pool's lock: checks, naming, the volume entered as being built
        Object[] started = scope.withPool(pool, (p, b) -> {
            if (!p.active) {
                throw CoreErrors.notActive(p.name());
            }
            StorageBackend backend = scope.backend(p);
            StorageVolDef def = parse(p, xml, EnumSet.of(StorageVolDef.ParseFlag.OPT_CAPACITY),
                    (flags & StorageVolCreateFlag.VALIDATE.bit()) != 0);
            if (def.capacity() == 0 && !backend.buildsVolumes()) {
                throw CoreErrors.noSupport("volume capacity required for this storage pool");
            }
            if (p.volumes.containsKey(def.name())) {
                throw StorageErrors.of(ErrorCode.STORAGE_VOL_EXIST, "'" + def.name() + "'");
            }
            StorageVolDef named;
            try {
                named = backend.createVol(scope.context(p), def.withKey(null));
            } catch (BackendUnsupported e) {
                throw CoreErrors.noSupport("storage pool does not support volume creation");
            }
            VolObj v = new VolObj(named);
            p.volumes.put(named.name(), v);
            if (backend.buildsVolumes()) {
                p.asyncJobs++;
                v.building = true;
            }
            return new Object[] { p, v, backend, scope.context(p) };
        });
        PoolObj p = (PoolObj) started[0];
        VolObj v = (VolObj) started[1];
        StorageBackend backend = (StorageBackend) started[2];
        PoolContext ctx = (PoolContext) started[3];
        RuntimeException failure = null;
        if (v.building) {
            try {
                backend.buildVol(ctx, v.def, buildFlags);
            } catch (BackendUnsupported e) {
                failure = CoreErrors.noSupport("storage pool does not support volume creation");
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        RuntimeException buildFailure = failure;
        return scope.withPoolNamed(p.name(), (q, b) -> {
            if (v.building) {
                v.building = false;
                q.asyncJobs--;
            }
            if (buildFailure != null) {
                q.volumes.remove(v.def.name(), v);
                throw buildFailure;
            }
            try {
                v.def = backend.refreshVol(scope.context(q), v.def);
            } catch (RuntimeException e) {
                deleteQuietly(backend, q, v);
                throw e;
            }
            finishCreate(backend, q, v);
            return ref(q, v.def);
        });
    }

    /** After a volume is built: accounting, or for disk pools the refresh that tells the new partition table. */
    private void finishCreate(StorageBackend backend, PoolObj p, VolObj v) {
        if (backend.refreshesPoolOnVolumeChange()) {
            // the others as the table now says; the new one as it was made (libvirt reads only it back)
            scope.refreshImpl(backend, p);
            p.volumes.put(v.def.name(), v);
        } else {
            account(p, v.def, 1);
        }
    }

    private void deleteQuietly(StorageBackend backend, PoolObj p, VolObj v) {
        try {
            backend.deleteVol(scope.context(p), v.def, 0);
        } catch (RuntimeException ignored) {
            // the creation's error is what the caller gets
        }
        p.volumes.remove(v.def.name(), v);
    }

    public StorageVolRef createXmlFrom(StoragePoolRef pool, String xml, StorageVolRef source, int flags) {
        StorageErrors.checkFlags(flags, StorageVolCreateFlag.PREALLOC_METADATA.bit() | StorageVolCreateFlag.REFLINK.bit()
                | StorageVolCreateFlag.VALIDATE.bit(), "storageVolCreateXMLFrom");
        int buildFlags = flags & ~StorageVolCreateFlag.VALIDATE.bit();
        PoolObj p = scope.poolByUuid(pool);
        boolean samePool = p.name().equals(source.pool());
        PoolObj src = samePool ? p : scope.poolNamed(source.pool());
        // lock both pools in a fixed order (by name) so that two crossed clones cannot deadlock
        PoolObj first = samePool || p.name().compareTo(src.name()) < 0 ? p : src;
        PoolObj second = samePool ? null : first == p ? src : p;
        Object[] started;
        Scope.Batch batch = scope.new Batch();
        first.lock.lock();
        try {
            if (second != null) {
                second.lock.lock();
            }
            try {
                if (p.removed) {
                    throw CoreErrors.noPoolUuid(pool.uuid(), pool.name());
                }
                if (src.removed) {
                    throw CoreErrors.noPoolName(source.pool());
                }
                if (!p.active) {
                    throw CoreErrors.notActive(p.name());
                }
                if (!src.active) {
                    throw CoreErrors.notActive(src.name());
                }
                StorageBackend backend = scope.backend(p);
                VolObj srcVol = src.volumes.get(source.name());
                if (srcVol == null) {
                    throw CoreErrors.noVolName(source.name());
                }
                StorageVolDef def = parse(p, xml, EnumSet.of(StorageVolDef.ParseFlag.NO_CAPACITY),
                        (flags & StorageVolCreateFlag.VALIDATE.bit()) != 0);
                if (p.volumes.containsKey(def.name())) {
                    throw StorageErrors.internal("storage volume name '" + def.name() + "' already in use.");
                }
                long capacity = Math.max(def.capacity(), srcVol.def.capacity());
                long allocation = def.hasAllocation() ? def.allocation() : capacity;
                def = def.withSizes(capacity, allocation);
                if (srcVol.building) {
                    throw CoreErrors.building(srcVol.def.name());
                }
                srcVol.def = scope.backend(src).refreshVol(scope.context(src), srcVol.def);
                StorageVolDef named;
                try {
                    named = backend.createVol(scope.context(p), def.withKey(null));
                } catch (BackendUnsupported e) {
                    throw CoreErrors.noSupport("storage pool does not support volume creation");
                }
                VolObj v = new VolObj(named);
                p.volumes.put(named.name(), v);
                p.asyncJobs++;
                v.building = true;
                srcVol.inUse++;
                if (second != null) {
                    src.asyncJobs++;
                }
                started = new Object[] { v, srcVol, backend, scope.context(p), srcVol.def };
            } finally {
                if (second != null) {
                    second.lock.unlock();
                }
            }
        } finally {
            first.lock.unlock();
        }
        VolObj v = (VolObj) started[0];
        VolObj srcVol = (VolObj) started[1];
        StorageBackend backend = (StorageBackend) started[2];
        RuntimeException failure = null;
        try {
            backend.buildVolFrom((PoolContext) started[3], v.def, (StorageVolDef) started[4], buildFlags);
        } catch (BackendUnsupported e) {
            failure = CoreErrors.noSupport("storage pool does not support volume creation from an existing volume");
        } catch (RuntimeException e) {
            failure = e;
        }
        if (second != null) {
            src.lock.lock();
            try {
                srcVol.inUse--;
                src.asyncJobs--;
            } finally {
                src.lock.unlock();
            }
        }
        RuntimeException buildFailure = failure;
        try {
            return scope.withPoolNamed(p.name(), (q, b) -> {
                if (samePool) {
                    srcVol.inUse--;
                }
                v.building = false;
                q.asyncJobs--;
                if (buildFailure != null) {
                    deleteQuietly(backend, q, v);
                    throw buildFailure;
                }
                try {
                    v.def = backend.refreshVol(scope.context(q), v.def);
                } catch (RuntimeException e) {
                    deleteQuietly(backend, q, v);
                    throw e;
                }
                finishCreate(backend, q, v);
                return ref(q, v.def);
            });
        } finally {
            batch.flush();
        }
    }

    // ------------------------------------------------------------------ delete, wipe, resize

    public void delete(StorageVolRef ref, int flags) {
        withVol(ref, (p, v, b) -> {
            StorageBackend backend = scope.backend(p);
            checkIdle(v);
            try {
                backend.deleteVol(scope.context(p), v.def, flags);
            } catch (BackendUnsupported e) {
                throw CoreErrors.noSupport("storage pool does not support vol deletion");
            }
            p.volumes.remove(v.def.name(), v);
            if (backend.refreshesPoolOnVolumeChange()) {
                scope.refreshImpl(backend, p);
            } else {
                account(p, v.def, -1);
            }
            return null;
        });
    }

    public void wipe(StorageVolRef ref, int algorithm, int flags) {
        if (StorageVolWipeAlgorithm.fromValue(algorithm) == null) {
            throw StorageErrors.of(ErrorCode.INVALID_ARG, "wiping algorithm " + algorithm + " not supported");
        }
        StorageErrors.checkFlags(flags, 0, "storageVolWipePattern");
        Object[] started = withVol(ref, (p, v, b) -> {
            StorageBackend backend = scope.backend(p);
            checkIdle(v);
            p.asyncJobs++;
            v.inUse++;
            return new Object[] { p, v, backend, scope.context(p), v.def };
        });
        PoolObj p = (PoolObj) started[0];
        VolObj v = (VolObj) started[1];
        StorageBackend backend = (StorageBackend) started[2];
        PoolContext ctx = (PoolContext) started[3];
        RuntimeException failure = null;
        try {
            backend.wipeVol(ctx, (StorageVolDef) started[4], algorithm, flags);
        } catch (BackendUnsupported e) {
            failure = CoreErrors.noSupport("storage pool doesn't support volume wiping");
        } catch (RuntimeException e) {
            failure = e;
        }
        RuntimeException wipeFailure = failure;
        scope.withPoolNamed(p.name(), (q, b) -> {
            v.inUse--;
            q.asyncJobs--;
            if (wipeFailure != null) {
                throw wipeFailure;
            }
            v.def = backend.afterWipe(scope.context(q), v.def);
            return null;
        });
    }

    public void resize(StorageVolRef ref, long capacity, int flags) {
        int known = StorageVolResizeFlag.ALLOCATE.bit() | StorageVolResizeFlag.DELTA.bit()
                | StorageVolResizeFlag.SHRINK.bit();
        StorageErrors.checkFlags(flags, known, "storageVolResize");
        withVol(ref, (p, v, b) -> {
            StorageBackend backend = scope.backend(p);
            checkIdle(v);
            StorageVolDef d = v.def;
            long abs;
            int f = flags;
            if ((f & StorageVolResizeFlag.DELTA.bit()) != 0) {
                if ((f & StorageVolResizeFlag.SHRINK.bit()) != 0) {
                    abs = d.capacity() - (Long.compareUnsigned(capacity, d.capacity()) < 0 ? capacity : d.capacity());
                } else {
                    abs = d.capacity() + capacity;
                }
                f &= ~StorageVolResizeFlag.DELTA.bit();
            } else {
                abs = capacity;
            }
            if (Long.compareUnsigned(abs, d.allocation()) < 0) {
                throw StorageErrors.of(ErrorCode.INVALID_ARG, "can't shrink capacity below existing allocation");
            }
            if (Long.compareUnsigned(abs, d.capacity()) < 0 && (f & StorageVolResizeFlag.SHRINK.bit()) == 0) {
                throw StorageErrors.of(ErrorCode.INVALID_ARG,
                        "Can't shrink capacity below current capacity unless shrink flag explicitly specified");
            }
            long delta = 0;
            if ((f & StorageVolResizeFlag.ALLOCATE.bit()) != 0) {
                delta = abs - d.allocation();
            }
            if (Long.compareUnsigned(delta, p.def.available()) > 0) {
                throw StorageErrors.of(ErrorCode.OPERATION_FAILED, "Not enough space left in storage pool");
            }
            try {
                backend.resizeVol(scope.context(p), d, abs, f);
            } catch (BackendUnsupported e) {
                throw CoreErrors.noSupport("storage pool does not support changing of volume capacity");
            }
            StorageVolDef resized = v.def.withSizes(abs, v.def.allocation());
            if ((f & StorageVolResizeFlag.ALLOCATE.bit()) != 0) {
                resized = resized.withSizes(abs, abs);
                StoragePoolDef pd = p.def;
                p.def = pd.withSizes(pd.capacity(), pd.allocation() + delta, pd.available() - delta);
            }
            v.def = resized;
            return null;
        });
    }

    // ------------------------------------------------------------------ streams

    public void download(StorageVolRef ref, StreamRef stream, long offset, long length, int flags) {
        StorageErrors.checkFlags(flags, StorageVolTransferFlag.SPARSE_STREAM.bit(), "storageVolDownload");
        StreamDriver data = withVol(ref, (p, v, b) -> {
            if (v.building) {
                throw CoreErrors.building(v.def.name());
            }
            StorageBackend backend = scope.backend(p);
            try {
                return backend.downloadVol(scope.context(p), v.def, offset, length, flags);
            } catch (BackendUnsupported e) {
                throw CoreErrors.noSupport("storage pool doesn't support volume download");
            }
        });
        bind(stream, data);
    }

    public void upload(StorageVolRef ref, StreamRef stream, long offset, long length, int flags) {
        StorageErrors.checkFlags(flags, StorageVolTransferFlag.SPARSE_STREAM.bit(), "storageVolUpload");
        String pool = ref.pool();
        StreamDriver data = withVol(ref, (p, v, b) -> {
            checkIdle(v);
            StorageBackend backend = scope.backend(p);
            try {
                return backend.uploadVol(scope.context(p), v.def, offset, length, flags);
            } catch (BackendUnsupported e) {
                throw CoreErrors.noSupport("storage pool doesn't support volume upload");
            }
        });
        // as libvirt: once the upload stream closes, the pool is refreshed (off the caller's thread)
        bind(stream, new StreamDriver() {
            @Override
            public int send(byte[] d, int off, int len) {
                return data.send(d, off, len);
            }

            @Override
            public void sendHole(long len, int f) {
                data.sendHole(len, f);
            }

            @Override
            public void finish() {
                try {
                    data.finish();
                } finally {
                    refreshLater(pool);
                }
            }

            @Override
            public void abort() {
                try {
                    data.abort();
                } finally {
                    refreshLater(pool);
                }
            }
        });
    }

    private static void bind(StreamRef stream, StreamDriver data) {
        try {
            stream.bind(data);
        } catch (VirtException e) {
            data.abort();
            throw e;
        }
    }

    private void refreshLater(String pool) {
        Thread t = new Thread(() -> scope.refreshQuietly(pool), "jvirt-storage-vol-refresh");
        t.setDaemon(true);
        t.start();
    }
}
