package io.jvirt.storage.core.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.PoolInfo;
import io.jvirt.api.StoragePoolCreateFlag;
import io.jvirt.api.StoragePoolState;
import io.jvirt.api.VirtException;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StoragePoolType;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.conf.validate.SchemaValidator;
import io.jvirt.spi.OncePerBoot;
import io.jvirt.spi.StoragePoolEventSink;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.storage.backend.BackendUnsupported;
import io.jvirt.storage.backend.PoolContext;
import io.jvirt.storage.backend.PoolRefresh;
import io.jvirt.storage.backend.StorageBackend;
import io.jvirt.storage.backend.VolumeSecrets;
import io.jvirt.storage.core.backends.Backends;
import io.jvirt.storage.local.StorageErrors;

/**
 * The pools of one scope ({@code storage:///system}, {@code /session}, one embed root), libvirt's
 * storage driver state: the pool table, the files under the scope's root, the event registrations,
 * and every pool operation with libvirt 9.0's checks, order and errors. Each pool has its own lock;
 * the table's changes (add, remove) take the table lock. Backends are called with the pool locked,
 * except for the volume operations that libvirt runs as asynchronous jobs (see {@link Volumes}).
 * <p>
 * Nothing here stops a pool behind the user's back: a backend that goes away leaves its pools
 * active (mounted, activated) and their volumes listed; a backend that arrives checks the pools of
 * its type that were active and starts the autostart ones this boot still owes.
 */
public final class Scope {
    private static final Logger LOG = Logger.getLogger(Scope.class.getName());
    private static final SchemaValidator SCHEMAS = new SchemaValidator(SchemaValidator.DEFAULT_DIR);

    final String name;
    final PoolFiles files;
    final Backends backends;
    final PoolEvents events = new PoolEvents();
    final VolumeSecrets secrets;
    private final Supplier<String> bootId;
    private final Map<String, PoolObj> byName = new ConcurrentHashMap<>();
    private final Map<UUID, PoolObj> byUuid = new ConcurrentHashMap<>();
    private final Object table = new Object();
    /** Autostart pools whose backend was absent when this boot's autostart ran. */
    private final Set<String> autostartOwed = ConcurrentHashMap.newKeySet();
    private final Volumes volumes;

    public Scope(String name, Path root, Backends backends, VolumeSecrets secrets, Supplier<String> bootId) {
        this.name = name;
        this.files = new PoolFiles(root);
        this.backends = backends;
        this.secrets = secrets;
        this.bootId = bootId;
        this.volumes = new Volumes(this);
    }

    public Volumes volumes() {
        return volumes;
    }

    // ------------------------------------------------------------------ state

    /**
     * libvirt's {@code storageStateInitialize}: the status files of active pools, then the persistent
     * definitions, each active pool checked and refreshed by its backend, then (once per host boot)
     * the autostart pools started.
     */
    public void initialize() {
        files.createDirs();
        for (Path p : files.xmlFiles(true)) {
            loadState(p);
        }
        for (Path p : files.xmlFiles(false)) {
            loadConfig(p);
        }
        for (PoolObj p : new ArrayList<>(byName.values())) {
            checkState(p);
        }
        if (OncePerBoot.in(files.runDir(), bootId).claim()) {
            for (PoolObj p : sorted()) {
                autostart(p);
            }
        }
    }

    private void loadState(Path file) {
        String fname = file.getFileName().toString();
        String name = fname.substring(0, fname.length() - 4);
        try {
            StoragePoolDef def = StoragePoolDef.parse(PoolFiles.read(file));
            if (!def.name().equals(name)) {
                LOG.warning("Storage pool state file '" + file + "' does not match pool name '" + def.name() + "'");
                return;
            }
            synchronized (table) {
                PoolObj p = new PoolObj(def);
                p.active = true;
                p.unchecked = true;
                byName.put(def.name(), p);
                byUuid.put(def.uuid(), p);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot load storage pool state " + file + ": " + e.getMessage());
        }
    }

    private void loadConfig(Path file) {
        String fname = file.getFileName().toString();
        String name = fname.substring(0, fname.length() - 4);
        try {
            StoragePoolDef def = StoragePoolDef.parse(PoolFiles.read(file));
            if (!def.name().equals(name)) {
                LOG.warning("Storage pool config filename '" + file + "' does not match pool name '" + def.name() + "'");
                return;
            }
            synchronized (table) {
                PoolObj p = byUuid.get(def.uuid());
                if (p == null) {
                    p = new PoolObj(def);
                    byName.put(def.name(), p);
                    byUuid.put(def.uuid(), p);
                } else {
                    p.newDef = def; // the live definition stays in use until the pool stops
                }
                p.persistent = true;
                p.autostart = files.isAutostart(def.name());
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot load storage pool config " + file + ": " + e.getMessage());
        }
    }

    /** libvirt's {@code storagePoolUpdateStateCallback} for a pool its status file calls active. */
    private void checkState(PoolObj p) {
        Batch b = new Batch();
        p.lock.lock();
        try {
            if (p.removed || !p.unchecked) {
                return;
            }
            StorageBackend backend = backends.peek(p.def.type());
            if (backend == null) {
                // its backend is not here (yet): the pool stays as its status file says
                return;
            }
            p.unchecked = false;
            boolean active;
            try {
                active = backend.checkPool(context(p));
            } catch (RuntimeException e) {
                LOG.warning("Failed to initialize storage pool '" + p.name() + "': " + e.getMessage());
                files.deleteState(p.name());
                active = false;
            }
            if (active) {
                try {
                    refreshImpl(backend, p);
                } catch (RuntimeException e) {
                    LOG.warning("Failed to restart storage pool '" + p.name() + "': " + e.getMessage());
                    active = false;
                }
            }
            p.active = active;
            if (!active) {
                files.deleteState(p.name());
                updateInactive(p);
            }
        } finally {
            p.lock.unlock();
            b.flush();
        }
    }

    /** libvirt's {@code storageDriverAutostartCallback}. */
    private void autostart(PoolObj p) {
        p.lock.lock();
        try {
            if (p.removed || !p.autostart || p.active) {
                return;
            }
            StorageBackend backend = backends.peek(p.def.type());
            if (backend == null) {
                autostartOwed.add(p.name());
                return;
            }
            autostartOwed.remove(p.name());
            p.starting = true;
            try {
                backend.startPool(context(p));
                files.saveState(p.name(), p.def.format());
                refreshImpl(backend, p);
                p.active = true;
            } catch (RuntimeException e) {
                LOG.warning("Failed to autostart storage pool '" + p.name() + "': " + e.getMessage());
            } finally {
                if (!p.active) {
                    updateInactive(p);
                }
                p.starting = false;
            }
        } finally {
            p.lock.unlock();
        }
    }

    /** A backend of {@code type} has arrived: the pools of that type get what they were waiting for. */
    public void backendArrived(StoragePoolType type) {
        for (PoolObj p : sorted()) {
            if (p.def.type() == type) {
                checkState(p);
                if (autostartOwed.contains(p.name())) {
                    autostart(p);
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Events of one call, delivered when it ends (outside every pool lock). */
    final class Batch {
        final PoolEvents.Batch events = Scope.this.events.batch();

        void lifecycle(PoolObj p, int event) {
            events.lifecycle(p.ref(), event);
        }

        void refresh(PoolObj p) {
            events.refresh(p.ref());
        }

        void flush() {
            events.flush();
        }
    }

    List<PoolObj> sorted() {
        List<PoolObj> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(PoolObj::name));
        return all;
    }

    interface PoolOp<T> {
        T apply(PoolObj p, Batch b);
    }

    /** Runs {@code op} on the pool a handle names (looked up by UUID, as libvirt), locked. */
    <T> T withPool(StoragePoolRef ref, PoolOp<T> op) {
        Batch b = new Batch();
        try {
            for (;;) {
                PoolObj p = byUuid.get(ref.uuid());
                if (p == null) {
                    throw CoreErrors.noPoolUuid(ref.uuid(), ref.name());
                }
                p.lock.lock();
                try {
                    if (p.removed) {
                        continue;
                    }
                    return op.apply(p, b);
                } finally {
                    p.lock.unlock();
                }
            }
        } finally {
            b.flush();
        }
    }

    /** Runs {@code op} on the pool of that name, locked. */
    <T> T withPoolNamed(String pool, PoolOp<T> op) {
        Batch b = new Batch();
        try {
            for (;;) {
                PoolObj p = byName.get(pool);
                if (p == null) {
                    throw CoreErrors.noPoolName(pool);
                }
                p.lock.lock();
                try {
                    if (p.removed) {
                        continue;
                    }
                    return op.apply(p, b);
                } finally {
                    p.lock.unlock();
                }
            }
        } finally {
            b.flush();
        }
    }

    PoolObj poolNamed(String pool) {
        PoolObj p = byName.get(pool);
        if (p == null) {
            throw CoreErrors.noPoolName(pool);
        }
        return p;
    }

    PoolObj poolByUuid(StoragePoolRef ref) {
        PoolObj p = byUuid.get(ref.uuid());
        if (p == null) {
            throw CoreErrors.noPoolUuid(ref.uuid(), ref.name());
        }
        return p;
    }

    StorageBackend backend(PoolObj p) {
        return backends.get(p.def.type());
    }

    /** What a backend sees of a pool during one call. */
    PoolContext context(PoolObj p) {
        return new PoolContext() {
            @Override
            public StoragePoolDef def() {
                return p.def;
            }

            @Override
            public Optional<StorageVolDef> volume(String vol) {
                p.lock.lock();
                try {
                    VolObj v = p.volumes.get(vol);
                    return v == null ? Optional.empty() : Optional.of(v.def);
                } finally {
                    p.lock.unlock();
                }
            }

            @Override
            public Path runDir() {
                return files.runDir();
            }

            @Override
            public VolumeSecrets secrets() {
                return secrets;
            }

            @Override
            public void update(StoragePoolDef changed) {
                p.lock.lock();
                try {
                    p.def = changed;
                } finally {
                    p.lock.unlock();
                }
            }
        };
    }

    /** libvirt's {@code storagePoolRefreshImpl}: volumes from the backend; on failure the pool is stopped. */
    void refreshImpl(StorageBackend backend, PoolObj p) {
        p.volumes.clear();
        PoolRefresh r;
        try {
            r = backend.refreshPool(context(p));
        } catch (RuntimeException e) {
            p.volumes.clear();
            files.deleteState(p.name());
            try {
                backend.stopPool(context(p));
            } catch (RuntimeException ignored) {
                // the refresh error is the one to report
            }
            throw e;
        }
        p.def = r.pool();
        for (StorageVolDef v : r.volumes()) {
            p.volumes.put(v.name(), new VolObj(v));
        }
    }

    /** libvirt's {@code virStoragePoolUpdateInactive}: a transient pool goes, a persistent one takes its new definition. */
    void updateInactive(PoolObj p) {
        if (!p.persistent) {
            remove(p);
        } else if (p.newDef != null) {
            p.def = p.newDef;
            p.newDef = null;
        }
    }

    void remove(PoolObj p) {
        synchronized (table) {
            p.removed = true;
            byName.remove(p.name(), p);
            byUuid.remove(p.def.uuid(), p);
        }
    }

    private static void checkNotStartingOrBusy(PoolObj p) {
        if (p.starting) {
            throw CoreErrors.starting(p.name());
        }
        if (p.asyncJobs > 0) {
            throw CoreErrors.asyncJobs(p.name());
        }
    }

    // ------------------------------------------------------------------ table

    /**
     * libvirt's {@code virStoragePoolObjListAdd}: a new pool, or the definition of the existing pool
     * with the same name and UUID (a pending one while it is active); {@code live} for a definition
     * that starts at once, {@code checkLive} refusing a pool already active.
     */
    private PoolObj add(StoragePoolDef def, boolean live, boolean checkLive) {
        for (;;) {
            PoolObj existing;
            synchronized (table) {
                checkSourceConflict(def);
                existing = byUuid.get(def.uuid());
                if (existing == null) {
                    PoolObj other = byName.get(def.name());
                    if (other != null) {
                        throw StorageErrors.of(ErrorCode.OPERATION_FAILED,
                                "pool '" + def.name() + "' already exists with uuid " + other.def.uuid());
                    }
                    PoolObj p = new PoolObj(def);
                    p.lock.lock();
                    byName.put(def.name(), p);
                    byUuid.put(def.uuid(), p);
                    return p;
                }
            }
            existing.lock.lock();
            if (existing.removed) {
                existing.lock.unlock();
                continue;
            }
            if (!existing.name().equals(def.name())) {
                String n = existing.name();
                existing.lock.unlock();
                throw StorageErrors.of(ErrorCode.OPERATION_FAILED,
                        "pool '" + n + "' is already defined with uuid " + existing.def.uuid());
            }
            if (checkLive && existing.active) {
                existing.lock.unlock();
                throw StorageErrors.of(ErrorCode.OPERATION_INVALID, "pool is already active as '" + def.name() + "'");
            }
            if (checkLive && existing.starting) {
                existing.lock.unlock();
                throw StorageErrors.of(ErrorCode.OPERATION_INVALID, "pool '" + def.name() + "' is starting up");
            }
            if (existing.active || existing.starting) {
                existing.newDef = def;
            } else {
                if (existing.newDef == null && live) {
                    existing.newDef = existing.def;
                }
                existing.def = def;
            }
            return existing;
        }
    }

    /** libvirt's {@code virStoragePoolObjSourceFindDuplicate}: another pool using the same storage. */
    private void checkSourceConflict(StoragePoolDef def) {
        for (PoolObj p : byName.values()) {
            if (p.name().equals(def.name())) {
                continue;
            }
            if (Duplicates.conflict(p.def, def)) {
                throw StorageErrors.of(ErrorCode.OPERATION_FAILED, "Storage source conflict with pool: '" + p.name() + "'");
            }
        }
    }

    // ------------------------------------------------------------------ pool calls

    public List<StoragePoolRef> listAll(int flags) {
        StorageErrors.checkFlags(flags, 0xFFFFF, "storageConnectListAllStoragePools");
        List<StoragePoolRef> out = new ArrayList<>();
        for (PoolObj p : sorted()) {
            p.lock.lock();
            try {
                if (!p.removed && PoolFilter.matches(flags, p.def.type(), p.active, p.persistent, p.autostart)) {
                    out.add(p.ref());
                }
            } finally {
                p.lock.unlock();
            }
        }
        return out;
    }

    public StoragePoolRef lookupByName(String pool) {
        return poolNamed(pool).ref();
    }

    public StoragePoolRef lookupByUuid(UUID uuid) {
        PoolObj p = byUuid.get(uuid);
        if (p == null) {
            throw CoreErrors.noPoolUuid(uuid, null);
        }
        return p.ref();
    }

    public StoragePoolRef lookupByTargetPath(String path) {
        String clean = sanitize(path);
        for (PoolObj p : sorted()) {
            p.lock.lock();
            try {
                if (!p.removed && p.active && clean.equals(p.def.targetPath())) {
                    return p.ref();
                }
            } finally {
                p.lock.unlock();
            }
        }
        throw StorageErrors.of(ErrorCode.NO_STORAGE_POOL, path.equals(clean)
                ? "no storage pool with matching target path '" + path + "'"
                : "no storage pool with matching target path '" + path + "' (" + clean + ")");
    }

    /** libvirt's {@code virFileSanitizePath}: no doubled or trailing slashes. */
    static String sanitize(String path) {
        String p = path.replaceAll("/{2,}", "/");
        if (path.startsWith("//") && !path.startsWith("///")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static StoragePoolDef parse(String xml, boolean validate) {
        if (validate) {
            SCHEMAS.validate(xml, SchemaValidator.Dialect.STORAGE_POOL);
        }
        StoragePoolDef def = StoragePoolDef.parse(xml);
        if (def.name().indexOf('\n') >= 0) {
            throw new VirtException(ErrorCode.XML_DETAIL, ErrorDomain.STORAGE, "invalid char in name: 0x0a");
        }
        return def;
    }

    public StoragePoolRef define(String xml, int flags) {
        StorageErrors.checkFlags(flags, 1, "storagePoolDefineXML");
        StoragePoolDef def = parse(xml, (flags & 1) != 0);
        backends.get(def.type());
        Batch b = new Batch();
        PoolObj p = add(def, false, false);
        try {
            boolean fresh = !p.persistent && !p.active;
            try {
                files.saveConfig(def.name(), def.format());
            } catch (VirtException e) {
                if (fresh) {
                    remove(p);
                }
                throw e;
            }
            p.persistent = true;
            b.lifecycle(p, PoolEvents.DEFINED);
            return p.ref();
        } finally {
            p.lock.unlock();
            b.flush();
        }
    }

    private static int buildFlags(int flags) {
        if ((flags & StoragePoolCreateFlag.WITH_BUILD_OVERWRITE.bit()) != 0) {
            return io.jvirt.api.StoragePoolBuildFlag.OVERWRITE.bit();
        }
        if ((flags & StoragePoolCreateFlag.WITH_BUILD_NO_OVERWRITE.bit()) != 0) {
            return io.jvirt.api.StoragePoolBuildFlag.NO_OVERWRITE.bit();
        }
        return 0;
    }

    public StoragePoolRef createXml(String xml, int flags) {
        StorageErrors.checkFlags(flags, 7, "storagePoolCreateXML");
        StoragePoolDef def = parse(xml, false);
        StorageBackend backend = backends.get(def.type());
        Batch b = new Batch();
        PoolObj p = add(def, true, true);
        try {
            p.starting = true;
            try {
                int bf = buildFlags(flags);
                if (bf != 0 || (flags & StoragePoolCreateFlag.WITH_BUILD.bit()) != 0) {
                    backend.buildPool(context(p), bf);
                }
                backend.startPool(context(p));
                files.saveState(p.name(), p.def.format());
                refreshImpl(backend, p);
            } catch (RuntimeException e) {
                updateInactive(p);
                throw e;
            } finally {
                p.starting = false;
            }
            p.active = true;
            b.lifecycle(p, PoolEvents.STARTED);
            return p.ref();
        } finally {
            p.lock.unlock();
            b.flush();
        }
    }

    public void undefine(StoragePoolRef ref) {
        withPool(ref, (p, b) -> {
            if (p.active) {
                throw CoreErrors.stillActive(p.name());
            }
            checkNotStartingOrBusy(p);
            if (!p.persistent) {
                throw StorageErrors.internal("no config file for " + p.name());
            }
            files.deleteConfig(p.name());
            files.setAutostart(p.name(), false);
            b.lifecycle(p, PoolEvents.UNDEFINED);
            remove(p);
            return null;
        });
    }

    public void create(StoragePoolRef ref, int flags) {
        StorageErrors.checkFlags(flags, 7, "storagePoolCreate");
        withPool(ref, (p, b) -> {
            StorageBackend backend = backend(p);
            if (p.active) {
                throw CoreErrors.alreadyActive(p.name());
            }
            if (p.starting) {
                throw CoreErrors.starting(p.name());
            }
            p.starting = true;
            try {
                int bf = buildFlags(flags);
                if (bf != 0 || (flags & StoragePoolCreateFlag.WITH_BUILD.bit()) != 0) {
                    backend.buildPool(context(p), bf);
                }
                backend.startPool(context(p));
                files.saveState(p.name(), p.def.format());
                refreshImpl(backend, p);
                p.active = true;
                autostartOwed.remove(p.name());
                b.lifecycle(p, PoolEvents.STARTED);
            } finally {
                if (!p.active) {
                    updateInactive(p);
                }
                p.starting = false;
            }
            return null;
        });
    }

    public void build(StoragePoolRef ref, int flags) {
        withPool(ref, (p, b) -> {
            StorageBackend backend = backend(p);
            if (p.active) {
                throw CoreErrors.alreadyActive(p.name());
            }
            if (p.starting) {
                throw CoreErrors.starting(p.name());
            }
            p.starting = true;
            try {
                backend.buildPool(context(p), flags);
                b.lifecycle(p, PoolEvents.CREATED);
            } finally {
                updateInactive(p);
                p.starting = false;
            }
            return null;
        });
    }

    public void destroy(StoragePoolRef ref) {
        withPool(ref, (p, b) -> {
            StorageBackend backend = backend(p);
            if (!p.active) {
                throw CoreErrors.notActive(p.name());
            }
            checkNotStartingOrBusy(p);
            files.deleteState(p.name());
            backend.stopPool(context(p));
            p.volumes.clear();
            b.lifecycle(p, PoolEvents.STOPPED);
            p.active = false;
            p.unchecked = false;
            updateInactive(p);
            return null;
        });
    }

    public void delete(StoragePoolRef ref, int flags) {
        withPool(ref, (p, b) -> {
            StorageBackend backend = backend(p);
            if (p.active) {
                throw CoreErrors.stillActive(p.name());
            }
            checkNotStartingOrBusy(p);
            files.deleteState(p.name());
            try {
                backend.deletePool(context(p), flags);
            } catch (BackendUnsupported e) {
                throw CoreErrors.noSupport("pool does not support pool deletion");
            }
            b.lifecycle(p, PoolEvents.DELETED);
            return null;
        });
    }

    public void refresh(StoragePoolRef ref, int flags) {
        StorageErrors.checkFlags(flags, 0, "storagePoolRefresh");
        withPool(ref, (p, b) -> {
            StorageBackend backend = backend(p);
            if (!p.active) {
                throw CoreErrors.notActive(p.name());
            }
            checkNotStartingOrBusy(p);
            try {
                refreshImpl(backend, p);
            } catch (RuntimeException e) {
                b.lifecycle(p, PoolEvents.STOPPED);
                p.active = false;
                updateInactive(p);
                throw e;
            }
            b.refresh(p);
            return null;
        });
    }

    /** The refresh libvirt runs after an upload stream closes: skipped while jobs run, errors logged. */
    void refreshQuietly(String pool) {
        try {
            withPoolNamed(pool, (p, b) -> {
                if (!p.active || p.asyncJobs > 0) {
                    return null;
                }
                StorageBackend backend = backends.peek(p.def.type());
                if (backend == null) {
                    return null;
                }
                try {
                    refreshImpl(backend, p);
                } catch (RuntimeException e) {
                    LOG.fine("Failed to refresh storage pool " + pool + ": " + e.getMessage());
                }
                b.refresh(p);
                return null;
            });
        } catch (VirtException e) {
            LOG.fine("no refresh of storage pool " + pool + ": " + e.getMessage());
        }
    }

    public PoolInfo info(StoragePoolRef ref) {
        return withPool(ref, (p, b) -> {
            backend(p);
            return new PoolInfo(p.active ? StoragePoolState.RUNNING : StoragePoolState.INACTIVE, p.def.capacity(),
                    p.def.allocation(), p.def.available());
        });
    }

    public String xml(StoragePoolRef ref, int flags) {
        StorageErrors.checkFlags(flags, 1, "storagePoolGetXMLDesc");
        return withPool(ref, (p, b) -> ((flags & 1) != 0 && p.newDef != null ? p.newDef : p.def).format());
    }

    public boolean isActive(StoragePoolRef ref) {
        return withPool(ref, (p, b) -> p.active);
    }

    public boolean isPersistent(StoragePoolRef ref) {
        return withPool(ref, (p, b) -> p.persistent);
    }

    public boolean autostart(StoragePoolRef ref) {
        return withPool(ref, (p, b) -> p.autostart);
    }

    public void setAutostart(StoragePoolRef ref, boolean on) {
        withPool(ref, (p, b) -> {
            if (!p.persistent) {
                throw StorageErrors.internal("pool has no config file");
            }
            if (p.autostart != on) {
                files.setAutostart(p.name(), on);
                p.autostart = on;
            }
            return null;
        });
    }

    public int numOfVolumes(StoragePoolRef ref) {
        return withPool(ref, (p, b) -> {
            if (!p.active) {
                throw CoreErrors.notActive(p.name());
            }
            return p.volumes.size();
        });
    }

    public String findPoolSources(String type, String srcSpec, int flags) {
        StoragePoolType t = StoragePoolType.fromXml(type);
        if (t == null) {
            throw StorageErrors.internal("unknown storage pool type " + type);
        }
        StorageBackend backend = backends.get(t);
        try {
            return backend.findPoolSources(srcSpec, flags);
        } catch (BackendUnsupported e) {
            throw CoreErrors.noSupport("pool type '" + type + "' does not support source discovery");
        }
    }

    // ------------------------------------------------------------------ events

    public int register(Object owner, StoragePoolRef pool, int eventId, StoragePoolEventSink sink) {
        return events.register(owner, pool, eventId, sink);
    }

    public void deregister(Object owner, int id) {
        events.deregister(owner, id);
    }

    public void deregisterAll(Object owner) {
        events.deregisterAll(owner);
    }
}
