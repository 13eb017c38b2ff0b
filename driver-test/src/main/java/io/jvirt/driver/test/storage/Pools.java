package io.jvirt.driver.test.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.jvirt.api.ErrorDomain;
import io.jvirt.api.PoolInfo;
import io.jvirt.api.StoragePoolState;
import io.jvirt.api.StorageVolType;
import io.jvirt.api.VolInfo;
import io.jvirt.conf.storage.LogicalPoolFormat;
import io.jvirt.conf.storage.NetfsPoolFormat;
import io.jvirt.conf.storage.PoolSource;
import io.jvirt.conf.storage.StoragePoolDef;
import io.jvirt.conf.storage.StoragePoolType;
import io.jvirt.conf.storage.StorageVolDef;
import io.jvirt.driver.test.state.Errors;
import io.jvirt.spi.StorageDriver;
import io.jvirt.spi.StoragePoolRef;
import io.jvirt.spi.StorageVolRef;

/**
 * The storage pools of one test state with libvirt 9.0's test-driver accounting: every pool has a
 * capacity of 100 GiB; a volume's allocation is added to the pool's allocation and taken from its
 * available space when it is created and given back when it is deleted; a volume whose allocation
 * does not fit is refused; volumes outlive destroy and delete of their pool. Wipe and resize are
 * not supported by libvirt's test driver (observed with libvirt-python), so they are not here either.
 */
public final class Pools {
    /** The capacity the test driver gives every pool (pool-dumpxml: 107374182400 bytes). */
    public static final long POOL_CAPACITY = 100L * 1024 * 1024 * 1024;

    private final ConcurrentHashMap<String, PoolObj> byName = new ConcurrentHashMap<>();
    private final io.jvirt.driver.test.state.EventBus<io.jvirt.spi.StoragePoolEventSink> events;

    public Pools(io.jvirt.driver.test.state.EventBus<io.jvirt.spi.StoragePoolEventSink> events) {
        this.events = events;
    }

    public io.jvirt.driver.test.state.EventBus<io.jvirt.spi.StoragePoolEventSink> events() {
        return events;
    }

    /** virStoragePoolEventLifecycleType: DEFINED 0, UNDEFINED 1, STARTED 2, STOPPED 3, CREATED 4, DELETED 5. */
    private void emit(StoragePoolRef ref, int event) {
        io.jvirt.driver.test.state.EventQueue q = new io.jvirt.driver.test.state.EventQueue();
        events.queue(q, ref.uuid(), 0, (sink, id) -> sink.emit(ref, event, 0));
        q.flush();
    }
    private final ConcurrentHashMap<UUID, PoolObj> byUuid = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    private interface Op<T> {
        T apply(PoolObj p);
    }

    private <T> T with(String name, Op<T> op) {
        while (true) {
            PoolObj p = byName.get(name);
            if (p == null) {
                throw Errors.noPool("no storage pool with matching name '" + name + "'");
            }
            p.lock.lock();
            try {
                if (p.removed) {
                    continue;
                }
                return op.apply(p);
            } finally {
                p.lock.unlock();
            }
        }
    }

    private <T> T withActive(String name, Op<T> op) {
        return with(name, p -> {
            requireActive(p);
            return op.apply(p);
        });
    }

    private static void requireActive(PoolObj p) {
        if (!p.active) {
            throw Errors.operationInvalid(ErrorDomain.TEST, "storage pool '" + p.name + "' is not active");
        }
    }

    private static void requireInactive(PoolObj p) {
        if (p.active) {
            throw Errors.operationInvalid(ErrorDomain.TEST, "storage pool '" + p.name + "' is active");
        }
    }

    private void remove(PoolObj p) {
        synchronized (writeLock) {
            p.removed = true;
            byName.remove(p.name, p);
            byUuid.remove(p.def.uuid(), p);
        }
    }

    private static StoragePoolDef withTestSizes(StoragePoolDef def, long allocation) {
        return def.withSizes(POOL_CAPACITY, allocation, POOL_CAPACITY - allocation);
    }

    /** Adds a pool of the initial state with its volumes (as a {@code <node>} document gives them). */
    public void load(StoragePoolDef parsed, boolean active, List<StorageVolDef> volumes) {
        PoolObj p = new PoolObj(withTestSizes(parsed, 0));
        p.persistent = true;
        p.active = active;
        synchronized (writeLock) {
            checkUnique(p.def);
            byName.put(p.name, p);
            byUuid.put(p.def.uuid(), p);
        }
        p.lock.lock();
        try {
            for (StorageVolDef v : volumes) {
                addVolume(p, v);
            }
        } finally {
            p.lock.unlock();
        }
    }

    private PoolObj checkUnique(StoragePoolDef def) {
        PoolObj same = byUuid.get(def.uuid());
        if (same != null) {
            if (!same.name.equals(def.name())) {
                throw Errors.operationFailed(ErrorDomain.STORAGE,
                        "pool '" + same.name + "' is already defined with uuid " + def.uuid());
            }
            return same;
        }
        PoolObj other = byName.get(def.name());
        if (other != null) {
            throw Errors.operationFailed(ErrorDomain.STORAGE,
                    "pool '" + other.name + "' already exists with uuid " + other.def.uuid());
        }
        return null;
    }

    private StoragePoolRef add(String xml, boolean start) {
        StoragePoolDef def = StoragePoolDef.parse(xml);
        while (true) {
            PoolObj existing;
            synchronized (writeLock) {
                existing = checkUnique(def);
                if (existing == null) {
                    PoolObj p = new PoolObj(withTestSizes(def, 0));
                    p.persistent = !start;
                    p.active = start;
                    byName.put(p.name, p);
                    byUuid.put(def.uuid(), p);
                    return p.ref();
                }
            }
            existing.lock.lock();
            try {
                if (existing.removed) {
                    continue;
                }
                if (start && existing.active) {
                    throw Errors.operationInvalid(ErrorDomain.STORAGE, "pool '" + existing.name + "' is already active");
                }
                existing.def = withTestSizes(def, existing.def.allocation());
                existing.active |= start;
                existing.persistent |= !start;
                return existing.ref();
            } finally {
                existing.lock.unlock();
            }
        }
    }

    /** Adds a volume to a locked pool with the test driver's path, key and space accounting. */
    private static StorageVolDef addVolume(PoolObj p, StorageVolDef parsed) {
        if (p.volumes.containsKey(parsed.name())) {
            throw Errors.operationFailed(ErrorDomain.TEST, "storage vol already exists");
        }
        if (p.def.allocation() + parsed.allocation() > p.def.capacity()) {
            throw Errors.internal("Not enough free space in pool for volume '" + parsed.name() + "'");
        }
        String path = p.def.targetPath() + "/" + parsed.name();
        StorageVolDef vol = parsed.withPath(path).withKey(path);
        p.volumes.put(vol.name(), vol);
        long allocation = p.def.allocation() + vol.allocation();
        p.def = p.def.withSizes(p.def.capacity(), allocation, p.def.capacity() - allocation);
        return vol;
    }

    private static StorageVolRef volRef(PoolObj p, StorageVolDef v) {
        return new StorageVolRef(p.name, v.name(), v.key());
    }

    private static StorageVolDef volume(PoolObj p, String name) {
        StorageVolDef v = p.volumes.get(name);
        if (v == null) {
            throw Errors.noVol("no storage vol with matching name '" + name + "'");
        }
        return v;
    }

    /** Finds a volume of an active pool by key or path. */
    private StorageVolRef findVolume(java.util.function.Predicate<StorageVolDef> match, String what) {
        for (PoolObj p : new ArrayList<>(byName.values())) {
            p.lock.lock();
            try {
                if (!p.active || p.removed) {
                    continue;
                }
                for (StorageVolDef v : p.volumes.values()) {
                    if (match.test(v)) {
                        return volRef(p, v);
                    }
                }
            } finally {
                p.lock.unlock();
            }
        }
        throw Errors.noVol(what);
    }

    private static int typeBit(StoragePoolType t) {
        return switch (t) {
            case DIR -> 64;
            case FS -> 128;
            case NETFS -> 256;
            case LOGICAL -> 512;
            case DISK -> 1024;
            case ISCSI -> 2048;
            case SCSI -> 4096;
            case MPATH -> 8192;
            case RBD -> 16384;
            case SHEEPDOG -> 32768;
            case GLUSTER -> 65536;
            case ZFS -> 131072;
            case VSTORAGE -> 262144;
            case ISCSI_DIRECT -> 524288;
        };
    }

    private static boolean pair(int flags, int yesBit, int noBit, boolean value) {
        boolean yes = (flags & yesBit) != 0;
        boolean no = (flags & noBit) != 0;
        return yes == no || (yes ? value : !value);
    }

    public StorageDriver driver(Object owner) {
        return new Driver(owner);
    }

    private final class Driver implements StorageDriver {
        private final Object owner;

        Driver(Object owner) {
            this.owner = owner;
        }

        @Override
        public int connectStoragePoolEventRegisterAny(StoragePoolRef pool, int eventId, io.jvirt.spi.StoragePoolEventSink sink) {
            return events.register(owner, pool == null ? null : pool.uuid(), eventId, sink);
        }

        @Override
        public void connectStoragePoolEventDeregisterAny(int callbackId) {
            events.deregister(owner, callbackId);
        }

        /** The canned discovery answers of libvirt's test driver (virsh find-storage-pool-sources-as ...). */
        @Override
        public String connectFindStoragePoolSources(String type, String srcSpec, int flags) {
            Errors.checkFlags(flags, 0, "testConnectFindStoragePoolSources");
            // libvirt's test driver answers from fixed data: two volume groups, or the asked host's /testshare
            switch (type) {
                case "logical":
                    return PoolSource.formatSources(StoragePoolType.LOGICAL, List.of(
                            volumeGroup("/dev/sda20", "testvg1"), volumeGroup("/dev/sda21", "testvg2")));
                case "netfs": {
                    PoolSource spec = srcSpec == null ? null : PoolSource.parse(srcSpec, StoragePoolType.NETFS);
                    if (spec == null || spec.hosts().isEmpty()) {
                        throw Errors.invalidArg(ErrorDomain.TEST, "hostname must be specified for netfs sources");
                    }
                    PoolSource share = new PoolSource(List.of(spec.hosts().get(0)), List.of(), "/testshare", null, null,
                            NetfsPoolFormat.NFS, null, null, null, null, null);
                    return PoolSource.formatSources(StoragePoolType.NETFS, List.of(share));
                }
                case "dir":
                    throw Errors.internal("unknown storage pool type dir");
                default:
                    throw Errors.of(io.jvirt.api.ErrorCode.NO_SUPPORT, ErrorDomain.TEST,
                            "this function is not supported by the connection driver: pool type '" + type
                                    + "' does not support source discovery");
            }
        }

        private static PoolSource volumeGroup(String device, String name) {
            return new PoolSource(List.of(), List.of(new PoolSource.Device(device, null, List.of())), null, null, name,
                    LogicalPoolFormat.LVM2, null, null, null, null, null);
        }

        @Override
        public List<StoragePoolRef> connectListAllStoragePools(int flags) {
            Errors.checkFlags(flags, 0xFFFFF, "testConnectListAllStoragePools");
            List<StoragePoolRef> out = new ArrayList<>();
            for (PoolObj p : new ArrayList<>(byName.values())) {
                p.lock.lock();
                try {
                    int types = flags & 0xFFFC0;
                    if (!p.removed && pair(flags, 2, 1, p.active) && pair(flags, 4, 8, p.persistent)
                            && pair(flags, 16, 32, p.autostart) && (types == 0 || (types & typeBit(p.def.type())) != 0)) {
                        out.add(p.ref());
                    }
                } finally {
                    p.lock.unlock();
                }
            }
            out.sort(Comparator.comparing(StoragePoolRef::name));
            return out;
        }

        @Override
        public StoragePoolRef storagePoolLookupByName(String name) {
            PoolObj p = byName.get(name);
            if (p == null) {
                throw Errors.noPool("no storage pool with matching name '" + name + "'");
            }
            return p.ref();
        }

        @Override
        public StoragePoolRef storagePoolLookupByUUID(UUID uuid) {
            PoolObj p = byUuid.get(uuid);
            if (p == null) {
                throw Errors.noPool("no storage pool with matching uuid '" + uuid + "'");
            }
            return p.ref();
        }

        @Override
        public StoragePoolRef storagePoolLookupByVolume(StorageVolRef vol) {
            return storagePoolLookupByName(vol.pool());
        }

        @Override
        public StoragePoolRef storagePoolDefineXML(String xml, int flags) {
            Errors.checkFlags(flags, 1 /* VALIDATE */, "testStoragePoolDefineXML");
            StoragePoolRef ref = add(xml, false);
            emit(ref, 0);
            return ref;
        }

        @Override
        public StoragePoolRef storagePoolCreateXML(String xml, int flags) {
            Errors.checkFlags(flags, 0, "testStoragePoolCreateXML");
            StoragePoolRef ref = add(xml, true);
            emit(ref, 2);
            return ref;
        }

        @Override
        public void storagePoolUndefine(StoragePoolRef pool) {
            StoragePoolRef ref = with(pool.name(), p -> {
                requireInactive(p);
                remove(p);
                return p.ref();
            });
            emit(ref, 1);
        }

        @Override
        public void storagePoolCreate(StoragePoolRef pool, int flags) {
            Errors.checkFlags(flags, 0, "testStoragePoolCreate");
            emit(with(pool.name(), p -> {
                requireInactive(p);
                p.active = true;
                return p.ref();
            }), 2);
        }

        @Override
        public void storagePoolBuild(StoragePoolRef pool, int flags) {
            Errors.checkFlags(flags, 0, "testStoragePoolBuild");
            emit(with(pool.name(), p -> {
                requireInactive(p);
                return p.ref();
            }), 4);
        }

        @Override
        public void storagePoolRefresh(StoragePoolRef pool, int flags) {
            Errors.checkFlags(flags, 0, "testStoragePoolRefresh");
            StoragePoolRef ref = withActive(pool.name(), p -> p.ref());
            io.jvirt.driver.test.state.EventQueue q = new io.jvirt.driver.test.state.EventQueue();
            events.queue(q, ref.uuid(), io.jvirt.api.StoragePoolEventCallback.REFRESH, (sink, id) -> sink.refresh(ref));
            q.flush();
        }

        @Override
        public void storagePoolDestroy(StoragePoolRef pool) {
            emit(withActive(pool.name(), p -> {
                p.active = false;
                if (!p.persistent) {
                    remove(p);
                }
                return p.ref();
            }), 3);
        }

        @Override
        public void storagePoolDelete(StoragePoolRef pool, int flags) {
            Errors.checkFlags(flags, 0, "testStoragePoolDelete");
            emit(with(pool.name(), p -> {
                requireInactive(p);
                return p.ref();
            }), 5);
        }

        @Override
        public PoolInfo storagePoolGetInfo(StoragePoolRef pool) {
            return with(pool.name(), p -> new PoolInfo(p.active ? StoragePoolState.RUNNING : StoragePoolState.INACTIVE,
                    p.def.capacity(), p.def.allocation(), p.def.available()));
        }

        @Override
        public String storagePoolGetXMLDesc(StoragePoolRef pool, int flags) {
            Errors.checkFlags(flags, 1 /* INACTIVE */, "testStoragePoolGetXMLDesc");
            return with(pool.name(), p -> p.def.format());
        }

        @Override
        public boolean storagePoolIsActive(StoragePoolRef pool) {
            return with(pool.name(), p -> p.active);
        }

        @Override
        public boolean storagePoolIsPersistent(StoragePoolRef pool) {
            return with(pool.name(), p -> p.persistent);
        }

        @Override
        public boolean storagePoolGetAutostart(StoragePoolRef pool) {
            return with(pool.name(), p -> p.autostart);
        }

        @Override
        public void storagePoolSetAutostart(StoragePoolRef pool, boolean autostart) {
            with(pool.name(), p -> {
                p.autostart = autostart;
                return null;
            });
        }

        @Override
        public int storagePoolNumOfVolumes(StoragePoolRef pool) {
            return withActive(pool.name(), p -> p.volumes.size());
        }

        @Override
        public List<StorageVolRef> storagePoolListAllVolumes(StoragePoolRef pool, int flags) {
            Errors.checkFlags(flags, 0, "testStoragePoolListAllVolumes");
            return with(pool.name(), p -> {
                if (!p.active) {
                    throw Errors.operationInvalid(ErrorDomain.TEST, "storage pool is not active");
                }
                List<StorageVolRef> out = new ArrayList<>();
                for (StorageVolDef v : p.volumes.values()) {
                    out.add(volRef(p, v));
                }
                return out;
            });
        }

        @Override
        public StorageVolRef storageVolLookupByName(StoragePoolRef pool, String name) {
            return withActive(pool.name(), p -> volRef(p, volume(p, name)));
        }

        @Override
        public StorageVolRef storageVolLookupByKey(String key) {
            return findVolume(v -> key.equals(v.key()), "no storage vol with matching key '" + key + "'");
        }

        @Override
        public StorageVolRef storageVolLookupByPath(String path) {
            return findVolume(v -> path.equals(v.target().path()), "no storage vol with matching path '" + path + "'");
        }

        @Override
        public StorageVolRef storageVolCreateXML(StoragePoolRef pool, String xml, int flags) {
            Errors.checkFlags(flags, 0x4 /* VALIDATE */, "testStorageVolCreateXML");
            return withActive(pool.name(), p -> volRef(p, addVolume(p, StorageVolDef.parse(xml, p.def))));
        }

        /** libvirt's test driver copies nothing: the new volume is the XML's, with its own accounting. */
        @Override
        public StorageVolRef storageVolCreateXMLFrom(StoragePoolRef pool, String xml, StorageVolRef clone, int flags) {
            Errors.checkFlags(flags, 0x4 /* VALIDATE */, "testStorageVolCreateXMLFrom");
            // the source must exist in its (active) pool
            withActive(clone.pool(), p -> volume(p, clone.name()));
            return withActive(pool.name(), p -> volRef(p, addVolume(p, StorageVolDef.parse(xml, p.def))));
        }

        @Override
        public void storageVolDelete(StorageVolRef vol, int flags) {
            Errors.checkFlags(flags, 0, "testStorageVolDelete");
            withActive(vol.pool(), p -> {
                StorageVolDef v = volume(p, vol.name());
                p.volumes.remove(v.name());
                long allocation = p.def.allocation() - v.allocation();
                p.def = p.def.withSizes(p.def.capacity(), allocation, p.def.capacity() - allocation);
                return null;
            });
        }

        @Override
        public VolInfo storageVolGetInfo(StorageVolRef vol) {
            return withActive(vol.pool(), p -> {
                StorageVolDef v = volume(p, vol.name());
                return new VolInfo(StorageVolType.values()[v.type().ordinal()], v.capacity(), v.allocation());
            });
        }

        @Override
        public String storageVolGetXMLDesc(StorageVolRef vol, int flags) {
            Errors.checkFlags(flags, 0, "testStorageVolGetXMLDesc");
            return withActive(vol.pool(), p -> volume(p, vol.name()).format());
        }

        @Override
        public String storageVolGetPath(StorageVolRef vol) {
            return withActive(vol.pool(), p -> volume(p, vol.name()).target().path());
        }
    }

    /** Parses a volume for a pool (for the node loader). */
    public static StorageVolDef parseVolume(org.w3c.dom.Element e, StoragePoolDef pool) {
        return StorageVolDef.parse(e, pool.type(), Set.of());
    }
}
