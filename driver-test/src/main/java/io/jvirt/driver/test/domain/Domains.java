package io.jvirt.driver.test.domain;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainEventId;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainLifecycle;
import io.jvirt.api.DomainState;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.test.state.Errors;
import io.jvirt.driver.test.state.EventBus;
import io.jvirt.driver.test.state.EventQueue;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;

/**
 * The domain operations of one test state, as libvirt 9.0's test driver performs them: each takes
 * the lock of the one domain it touches, queues its events, and delivers them after unlocking.
 * Expectations in comments come from {@code virsh -c test:///default} and libvirt-python here.
 */
public final class Domains {
    // virDomainXMLFlags the test driver accepts: SECURE | INACTIVE | MIGRATABLE
    private static final int XML_SECURE = 1;
    private static final int XML_INACTIVE = 2;
    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;
    private static final int MAXIMUM = 4;
    private static final String SAVE_MAGIC = "TestGuestMagic";

    private final DomainList list = new DomainList();
    private final EventBus<DomainEventSink> events;

    public Domains(EventBus<DomainEventSink> events) {
        this.events = events;
    }

    public EventBus<DomainEventSink> events() {
        return events;
    }

    // ------------------------------------------------------------------ plumbing

    private interface Op<T> {
        T apply(DomainObj d, EventQueue q);
    }

    /** Runs {@code op} on the domain {@code ref} names (by UUID, as libvirt's test driver finds it). */
    private <T> T with(DomainRef ref, Op<T> op) {
        EventQueue q = new EventQueue();
        T result;
        while (true) {
            DomainObj d = list.byUuid(ref.uuid());
            if (d == null) {
                throw Errors.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
            }
            d.lock.lock();
            try {
                if (d.removed) {
                    continue;
                }
                result = op.apply(d, q);
                break;
            } finally {
                d.lock.unlock();
            }
        }
        q.flush();
        return result;
    }

    private void run(DomainRef ref, java.util.function.BiConsumer<DomainObj, EventQueue> op) {
        with(ref, (d, q) -> {
            op.accept(d, q);
            return null;
        });
    }

    private void emit(EventQueue q, DomainObj d, DomainLifecycle type, int detail) {
        DomainRef ref = d.ref();
        DomainEvent ev = new DomainEvent.Lifecycle(type, detail);
        events.queue(q, d.uuid, DomainEventId.LIFECYCLE.value(), (sink, id) -> sink.emit(ref, ev));
    }

    private void emitMetadataChange(EventQueue q, DomainObj d, int type, String nsuri) {
        DomainRef ref = d.ref();
        DomainEvent ev = new DomainEvent.MetadataChange(type, nsuri);
        events.queue(q, d.uuid, DomainEventId.METADATA_CHANGE.value(), (sink, id) -> sink.emit(ref, ev));
    }

    private void start(DomainObj d, int reason) {
        d.setId(list.allocateId());
        d.setState(DomainState.RUNNING, reason);
        if (d.persistent && d.newDef == null) {
            d.newDef = DomainDefs.copy(d.def);
        }
        list.activated(d);
    }

    /** Stops {@code d}; a transient domain leaves the list (libvirt's testDomainShutdownState). */
    private void stop(DomainObj d, int reason) {
        int old = d.id;
        d.setId(-1);
        d.setState(DomainState.SHUTOFF, reason);
        list.deactivated(d, old);
        if (d.newDef != null) {
            d.def = d.newDef;
            d.newDef = null;
        }
        if (!d.persistent) {
            list.remove(d);
        }
    }

    // ------------------------------------------------------------------ initial objects

    /** Adds a domain from a {@code <node>} document or the default state, in the given run state. */
    public DomainRef load(DomainDef def, DomainState state, int reason, boolean persistent, boolean managedSave) {
        DomainObj d = new DomainObj(def);
        d.persistent = persistent;
        for (int id : ioThreadIds(def)) {
            d.ioThreadPolling.add(new DomainObj.IOThreadPolling(id));
        }
        synchronized (list.writeLock()) {
            if (list.byName(d.name) != null || list.byUuid(d.uuid) != null) {
                throw Errors.operationFailed(ErrorDomain.DOMAIN,
                        "domain '" + d.name + "' already exists with uuid " + d.uuid);
            }
            list.put(d);
        }
        d.lock.lock();
        try {
            if (state != DomainState.SHUTOFF) {
                start(d, reason);
                d.setState(state, reason);
            } else {
                d.setState(DomainState.SHUTOFF, reason);
                d.hasManagedSave = managedSave;
                if (managedSave) {
                    d.setState(DomainState.SHUTOFF, 5 /* saved */);
                }
            }
            return d.ref();
        } finally {
            d.lock.unlock();
        }
    }

    // ------------------------------------------------------------------ lookups and lists

    public DomainRef lookupByName(String name) {
        DomainObj d = list.byName(name);
        if (d == null) {
            throw Errors.noDomain();
        }
        return refOf(d);
    }

    public DomainRef lookupByUUID(UUID uuid) {
        DomainObj d = list.byUuid(uuid);
        if (d == null) {
            throw Errors.noDomain();
        }
        return refOf(d);
    }

    public DomainRef lookupByID(int id) {
        DomainObj d = list.byId(id);
        if (d == null) {
            throw Errors.noDomain();
        }
        return refOf(d);
    }

    private static DomainRef refOf(DomainObj d) {
        d.lock.lock();
        try {
            return d.ref();
        } finally {
            d.lock.unlock();
        }
    }

    public List<DomainRef> listAll(int flags) {
        Errors.checkFlags(flags, 0xFFFF, "testConnectListAllDomains");
        List<DomainRef> out = new ArrayList<>();
        if (flags == 0) { // the plain list: published refs, no per-domain lock
            for (DomainObj d : list.inNameOrder()) {
                DomainRef r = d.published();
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        }
        for (DomainObj d : list.inNameOrder()) {
            d.lock.lock();
            try {
                if (!d.removed && matches(d, flags)) {
                    out.add(d.ref());
                }
            } finally {
                d.lock.unlock();
            }
        }
        return out;
    }

    private static boolean pair(int flags, int yesBit, int noBit, boolean value) {
        boolean yes = (flags & yesBit) != 0;
        boolean no = (flags & noBit) != 0;
        if (yes == no) {
            return true;
        }
        return yes ? value : !value;
    }

    private static boolean matches(DomainObj d, int f) {
        if (f == 0) {
            return true; // no filter: spare listing thousands of domains a look into each one's snapshots
        }
        if (!pair(f, 1, 2, d.isActive()) || !pair(f, 4, 8, d.persistent)) {
            return false;
        }
        int states = f & (16 | 32 | 64 | 128);
        if (states != 0) {
            boolean ok = ((f & 16) != 0 && d.state == DomainState.RUNNING)
                    || ((f & 32) != 0 && d.state == DomainState.PAUSED)
                    || ((f & 64) != 0 && d.state == DomainState.SHUTOFF)
                    || ((f & 128) != 0 && d.state != DomainState.RUNNING && d.state != DomainState.PAUSED
                            && d.state != DomainState.SHUTOFF);
            if (!ok) {
                return false;
            }
        }
        // the snapshot and checkpoint maps are only looked into when the flags ask about them
        return pair(f, 256, 512, d.hasManagedSave) && pair(f, 1024, 2048, d.autostart)
                && ((f & (4096 | 8192)) == 0 || pair(f, 4096, 8192, !d.snapshots.byName.isEmpty()))
                && ((f & (16384 | 32768)) == 0 || pair(f, 16384, 32768, !d.checkpoints.byName.isEmpty()));
    }

    public int numOfActive() {
        return list.countActive();
    }

    public int numOfInactive() {
        return list.size() - list.countActive();
    }

    // ------------------------------------------------------------------ creation

    public DomainRef defineXML(String xml, int flags) {
        Errors.checkFlags(flags, 1 /* VALIDATE */, "testDomainDefineXMLFlags");
        if ((flags & 1) != 0) {
            DomainDefs.validate(xml);
        }
        DomainDef def = DomainDefs.parse(xml);
        def.checkDefinableName(); // define only: libvirt's createXML takes a newline in a name
        UUID uuid = UUID.fromString(def.uuid());
        EventQueue q = new EventQueue();
        DomainRef ref;
        while (true) {
            DomainObj existing;
            synchronized (list.writeLock()) {
                existing = checkUnique(def, uuid);
                if (existing == null) {
                    DomainObj d = new DomainObj(def);
                    d.persistent = true;
                    list.put(d);
                    ref = d.ref();
                    emit(q, d, DomainLifecycle.DEFINED, 0 /* added */);
                    break;
                }
            }
            existing.lock.lock();
            try {
                if (existing.removed) {
                    continue;
                }
                if (existing.isActive()) {
                    existing.newDef = def;
                } else {
                    existing.def = def;
                }
                existing.persistent = true;
                ref = existing.ref();
                emit(q, existing, DomainLifecycle.DEFINED, 1 /* updated */);
                break;
            } finally {
                existing.lock.unlock();
            }
        }
        q.flush();
        return ref;
    }

    /** The existing domain with this name and UUID, null when there is none; errors on a clash. */
    private DomainObj checkUnique(DomainDef def, UUID uuid) {
        DomainObj byUuid = list.byUuid(uuid);
        if (byUuid != null) {
            if (!byUuid.name.equals(def.name())) {
                throw Errors.operationFailed(ErrorDomain.DOMAIN,
                        "domain '" + byUuid.name + "' is already defined with uuid " + uuid);
            }
            return byUuid;
        }
        DomainObj byName = list.byName(def.name());
        if (byName != null) {
            throw Errors.operationFailed(ErrorDomain.DOMAIN,
                    "domain '" + byName.name + "' already exists with uuid " + byName.uuid);
        }
        return null;
    }

    /** createXML and restore: adds or takes over an inactive domain and starts it. */
    private DomainRef startNew(DomainDef def, int reason, int detail) {
        UUID uuid = UUID.fromString(def.uuid());
        EventQueue q = new EventQueue();
        DomainRef ref;
        while (true) {
            DomainObj existing;
            synchronized (list.writeLock()) {
                existing = checkUnique(def, uuid);
                if (existing == null) {
                    DomainObj d = new DomainObj(def);
                    d.lock.lock();
                    try {
                        list.put(d);
                        start(d, reason);
                        ref = d.ref();
                        emit(q, d, DomainLifecycle.STARTED, detail);
                    } finally {
                        d.lock.unlock();
                    }
                    break;
                }
            }
            existing.lock.lock();
            try {
                if (existing.removed) {
                    continue;
                }
                if (existing.isActive()) {
                    throw Errors.operationInvalid(ErrorDomain.DOMAIN, "domain '" + existing.name + "' is already active");
                }
                if (existing.persistent) {
                    existing.newDef = existing.def;
                }
                existing.def = def;
                start(existing, reason);
                existing.hasManagedSave = false;
                ref = existing.ref();
                emit(q, existing, DomainLifecycle.STARTED, detail);
                break;
            } finally {
                existing.lock.unlock();
            }
        }
        q.flush();
        return ref;
    }

    public DomainRef createXML(String xml, int flags) {
        Errors.checkFlags(flags, 0x10 /* VALIDATE */, "testDomainCreateXML");
        if ((flags & 0x10) != 0) {
            DomainDefs.validate(xml);
        }
        return startNew(DomainDefs.parse(xml), DomainState.RUNNING_BOOTED, 0 /* booted */);
    }

    // ------------------------------------------------------------------ lifecycle

    public DomainRef create(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainCreateWithFlags");
        return with(ref, (d, q) -> {
            if (d.isActive()) {
                throw Errors.internal("Domain '" + d.name + "' is already running");
            }
            start(d, DomainState.RUNNING_BOOTED);
            d.hasManagedSave = false;
            emit(q, d, DomainLifecycle.STARTED, 0 /* booted */);
            return d.ref();
        });
    }

    public void destroy(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 1 /* GRACEFUL */, "testDomainDestroyFlags");
        run(ref, (d, q) -> {
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            stop(d, DomainState.SHUTOFF_DESTROYED);
            emit(q, d, DomainLifecycle.STOPPED, 1 /* destroyed */);
        });
    }

    public void shutdown(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainShutdownFlags");
        run(ref, (d, q) -> {
            if (d.state == DomainState.SHUTOFF) {
                throw Errors.internal("domain '" + d.name + "' not running");
            }
            stop(d, DomainState.SHUTOFF_SHUTDOWN);
            emit(q, d, DomainLifecycle.STOPPED, 0 /* shutdown */);
        });
    }

    public void reboot(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0x1f, "testDomainReboot");
        run(ref, (d, q) -> {
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            XmlNode onReboot = d.def.section("on_reboot");
            String action = onReboot == null || onReboot.text() == null ? "restart" : onReboot.text().trim();
            if (action.equals("destroy") || action.equals("preserve")) {
                stop(d, DomainState.SHUTOFF_SHUTDOWN);
                emit(q, d, DomainLifecycle.STOPPED, 0 /* shutdown */);
            } else {
                // rebooting keeps the ID and emits no lifecycle event (observed: none with virsh reboot)
                d.setState(DomainState.RUNNING, DomainState.RUNNING_BOOTED);
            }
        });
    }

    public void suspend(DomainRef ref) {
        run(ref, (d, q) -> {
            if (d.state != DomainState.RUNNING) {
                throw Errors.internal("domain '" + d.name + "' not running");
            }
            d.setState(DomainState.PAUSED, DomainState.PAUSED_USER);
            emit(q, d, DomainLifecycle.SUSPENDED, 0 /* paused */);
        });
    }

    public void resume(DomainRef ref) {
        run(ref, (d, q) -> {
            if (d.state != DomainState.PAUSED) {
                throw Errors.internal("domain '" + d.name + "' not paused");
            }
            d.setState(DomainState.RUNNING, DomainState.RUNNING_UNPAUSED);
            emit(q, d, DomainLifecycle.RESUMED, 0 /* unpaused */);
        });
    }

    public void undefine(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0x3 /* MANAGED_SAVE | SNAPSHOTS_METADATA */, "testDomainUndefineFlags");
        run(ref, (d, q) -> {
            int snapshots = d.snapshots.byName.size();
            if (snapshots > 0 && !d.isActive() && (flags & 2) == 0) {
                throw Errors.operationInvalid(ErrorDomain.TEST,
                        "cannot delete inactive domain with " + snapshots + " snapshots");
            }
            if (d.hasManagedSave) {
                if ((flags & 1) == 0) {
                    throw Errors.of(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST, "Requested operation is not valid: "
                            + "Refusing to undefine while domain managed save image exists");
                }
                d.hasManagedSave = false;
            }
            emit(q, d, DomainLifecycle.UNDEFINED, 0 /* removed */);
            if (d.isActive()) {
                d.persistent = false;
                d.newDef = null;
            } else {
                list.remove(d);
            }
        });
    }

    // ------------------------------------------------------------------ save and restore

    public void save(DomainRef ref, String path) {
        run(ref, (d, q) -> {
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            writeImage(Path.of(path), DomainDefs.format(d.def, -1, true));
            stop(d, 5 /* saved */);
            emit(q, d, DomainLifecycle.STOPPED, 4 /* saved */);
        });
    }

    public void restore(String path) {
        String xml = readImage(Path.of(path));
        startNew(DomainDefs.parse(xml), 3 /* restored */, 2 /* restored */);
    }

    private static void writeImage(Path path, String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(SAVE_MAGIC.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(body.length);
            out.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            Files.write(path, bytes.toByteArray());
        } catch (IOException e) {
            throw Errors.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.TEST,
                    "saving domain failed: cannot create '" + path + "': " + reason(e));
        }
    }

    private static String readImage(Path path) {
        byte[] all;
        try {
            all = Files.readAllBytes(path);
        } catch (IOException e) {
            throw Errors.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.TEST,
                    "cannot read domain image '" + path + "': " + reason(e));
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all))) {
            byte[] magic = in.readNBytes(SAVE_MAGIC.length());
            if (!SAVE_MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw Errors.internal("mismatched header magic");
            }
            int len = in.readInt();
            if (len < 1 || len > all.length) {
                throw Errors.internal("length of metadata out of range");
            }
            return new String(in.readNBytes(len), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Errors.internal("incomplete save header");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage();
    }

    public void managedSave(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0x7 /* BYPASS_CACHE | RUNNING | PAUSED */, "testDomainManagedSave");
        run(ref, (d, q) -> {
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            if (!d.persistent) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                        "Requested operation is not valid: cannot do managed save for transient domain");
            }
            stop(d, 5 /* saved */);
            d.hasManagedSave = true;
            emit(q, d, DomainLifecycle.STOPPED, 4 /* saved */);
        });
    }

    public boolean hasManagedSave(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainHasManagedSaveImage");
        return with(ref, (d, q) -> d.hasManagedSave);
    }

    public void managedSaveRemove(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainManagedSaveRemove");
        run(ref, (d, q) -> d.hasManagedSave = false);
    }

    // ------------------------------------------------------------------ description

    public DomainInfo info(DomainRef ref) {
        return with(ref, (d, q) -> new DomainInfo(d.state, DomainDefs.maxMemory(d.def),
                DomainDefs.currentMemory(d.def), DomainDefs.vcpus(d.def), cpuTimeNow()));
    }

    /** The test driver reports the wall clock as CPU time (dominfo shows it growing with the date). */
    private static long cpuTimeNow() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + (now.getNano() / 1000) * 1000L;
    }

    public DomainStateReason state(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainGetState");
        return with(ref, (d, q) -> new DomainStateReason(d.state, d.reason));
    }

    public String xmlDesc(DomainRef ref, int flags) {
        Errors.checkFlags(flags, XML_SECURE | XML_INACTIVE | 8, "testDomainGetXMLDesc");
        return with(ref, (d, q) -> {
            boolean inactive = (flags & XML_INACTIVE) != 0;
            DomainDef def = inactive ? d.persistentDef() : d.def;
            return DomainDefs.format(def, inactive ? -1 : d.id, (flags & XML_SECURE) != 0);
        });
    }

    public boolean isActive(DomainRef ref) {
        return with(ref, (d, q) -> d.isActive());
    }

    public boolean isPersistent(DomainRef ref) {
        return with(ref, (d, q) -> d.persistent);
    }

    public boolean getAutostart(DomainRef ref) {
        return with(ref, (d, q) -> d.autostart);
    }

    public void setAutostart(DomainRef ref, boolean autostart) {
        run(ref, (d, q) -> {
            if (!d.persistent) {
                throw Errors.of(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST,
                        "Requested operation is not valid: cannot set autostart for transient domain");
            }
            d.autostart = autostart;
        });
    }

    public long getMaxMemory(DomainRef ref) {
        return with(ref, (d, q) -> DomainDefs.maxMemory(d.def));
    }

    /** Which definitions a modification flag set affects (libvirt's virDomainObjGetDefs). */
    private static int affected(DomainObj d, int flags) {
        if ((flags & AFFECT_LIVE) != 0 && (flags & AFFECT_CONFIG) != 0) {
            throw Errors.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                    "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
        }
        int f = flags & (AFFECT_LIVE | AFFECT_CONFIG);
        if (f == 0) {
            f = d.isActive() ? AFFECT_LIVE : AFFECT_CONFIG;
        }
        if ((f & AFFECT_LIVE) != 0 && !d.isActive()) {
            throw Errors.domainNotRunning();
        }
        if ((f & AFFECT_CONFIG) != 0 && !d.persistent) {
            throw Errors.operationInvalid(ErrorDomain.DOMAIN, "transient domains do not have any persistent config");
        }
        return f;
    }

    private static void updateDefs(DomainObj d, int affected, Function<DomainDef, DomainDef> change) {
        if ((affected & AFFECT_LIVE) != 0) {
            d.def = change.apply(d.def);
        }
        if ((affected & AFFECT_CONFIG) != 0) {
            if (d.isActive()) {
                d.newDef = change.apply(d.persistentDef());
            } else {
                d.def = change.apply(d.def);
            }
        }
    }

    public void setMemoryFlags(DomainRef ref, long kib, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG | MAXIMUM, "testDomainSetMemoryFlags");
        run(ref, (d, q) -> {
            int affected = affected(d, flags);
            if ((flags & MAXIMUM) != 0) {
                if ((affected & AFFECT_LIVE) != 0) {
                    throw Errors.of(ErrorCode.OPERATION_INVALID, ErrorDomain.TEST, "Requested operation is not valid: "
                            + "cannot resize the maximum memory on an active domain");
                }
                updateDefs(d, affected, def -> DomainDefs.withMemory(def, kib,
                        Math.min(kib, DomainDefs.currentMemory(def))));
                return;
            }
            DomainDef check = (affected & AFFECT_LIVE) != 0 ? d.def : d.persistentDef();
            if (kib > DomainDefs.maxMemory(check)) {
                throw Errors.invalidArg(ErrorDomain.TEST, "cannot set memory higher than max memory");
            }
            updateDefs(d, affected, def -> DomainDefs.withMemory(def, null, kib));
        });
    }

    public void setMaxMemory(DomainRef ref, long kib) {
        setMemoryFlags(ref, kib, MAXIMUM);
    }

    public void setVcpusFlags(DomainRef ref, int count, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG | MAXIMUM, "testDomainSetVcpusFlags");
        if (count == 0) {
            throw Errors.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN, "nvcpus in virDomainSetVcpusFlags must not be zero");
        }
        if ((flags & MAXIMUM) != 0 && (flags & AFFECT_LIVE) != 0) {
            throw Errors.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                    "Flag 'VIR_DOMAIN_AFFECT_CONFIG' is required by flag 'VIR_DOMAIN_VCPU_MAXIMUM'");
        }
        run(ref, (d, q) -> {
            int affected = affected(d, flags);
            if ((flags & MAXIMUM) != 0 && (affected & AFFECT_LIVE) != 0) {
                throw Errors.invalidArg(ErrorDomain.TEST, "cannot hotplug maximum vcpus");
            }
            int hostMax = 32;
            if (count > hostMax) {
                throw Errors.invalidArg(ErrorDomain.TEST,
                        "requested cpu amount exceeds maximum supported amount (" + count + " > " + hostMax + ")");
            }
            for (int which : new int[] { AFFECT_LIVE, AFFECT_CONFIG }) {
                if ((affected & which) == 0) {
                    continue;
                }
                DomainDef def = which == AFFECT_LIVE ? d.def : d.persistentDef();
                if ((flags & MAXIMUM) != 0) {
                    DomainDefs.setVcpus(def, count, Math.min(count, DomainDefs.vcpus(def)));
                } else {
                    int max = DomainDefs.maxVcpus(def);
                    if (count > max) {
                        throw Errors.invalidArg(ErrorDomain.TEST,
                                "requested cpu amount exceeds maximum (" + count + " > " + max + ")");
                    }
                    DomainDefs.setVcpus(def, max, count);
                }
            }
        });
    }

    public int getVcpusFlags(DomainRef ref, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG | MAXIMUM | 8 /* GUEST */, "testDomainGetVcpusFlags");
        return with(ref, (d, q) -> {
            int affected = affected(d, flags);
            DomainDef def = (affected & AFFECT_LIVE) != 0 ? d.def : d.persistentDef();
            return (flags & MAXIMUM) != 0 ? DomainDefs.maxVcpus(def) : DomainDefs.vcpus(def);
        });
    }

    /** libvirt's test driver labels running domains {@code libvirt-test} (enforcing); inactive ones have none. */
    public io.jvirt.api.SecurityLabel securityLabel(DomainRef ref) {
        return with(ref, (d, q) -> d.isActive() ? new io.jvirt.api.SecurityLabel("libvirt-test", true)
                : new io.jvirt.api.SecurityLabel("", false));
    }

    public String hostname(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainGetHostname");
        return with(ref, (d, q) -> {
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            return "testhost";
        });
    }

    private static String metadataSection(int type) {
        return switch (type) {
            case 0 -> "description";
            case 1 -> "title";
            default -> throw Errors.of(ErrorCode.ARGUMENT_UNSUPPORTED, ErrorDomain.TEST,
                    "argument unsupported: metadata element of a namespace is not supported yet");
        };
    }

    private static io.jvirt.api.VirtException noMetadata() {
        return Errors.of(ErrorCode.NO_DOMAIN_METADATA, ErrorDomain.DOMAIN,
                "metadata not found: Requested metadata element is not present");
    }

    public String getMetadata(DomainRef ref, int type, String uri, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG, "testDomainGetMetadata");
        if (type == 2) {
            return with(ref, (d, q) -> {
                int affected = affected(d, flags);
                DomainDef def = (affected & AFFECT_LIVE) != 0 ? d.def : d.persistentDef();
                String e = uri == null ? null : MetadataElements.get(def, uri);
                if (e == null) {
                    throw noMetadata();
                }
                return e;
            });
        }
        String section = metadataSection(type);
        return with(ref, (d, q) -> {
            int affected = affected(d, flags);
            DomainDef def = (affected & AFFECT_LIVE) != 0 ? d.def : d.persistentDef();
            XmlNode n = def.section(section);
            if (n == null || n.text() == null || n.text().isEmpty()) {
                throw noMetadata();
            }
            return n.text();
        });
    }

    public void setMetadata(DomainRef ref, int type, String metadata, String key, String uri, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG, "testDomainSetMetadata");
        if (type == 2) {
            if (uri == null || (metadata != null && (key == null || key.isEmpty()))) {
                throw Errors.invalidArg(ErrorDomain.TEST, "metadata of type ELEMENT needs a namespace URI and a key");
            }
            run(ref, (d, q) -> {
                int affected = affected(d, flags);
                String xml = metadata == null || metadata.isEmpty() ? null : metadata;
                updateDefs(d, affected, def -> MetadataElements.set(def, xml, key, uri));
                emitMetadataChange(q, d, type, uri);
            });
            return;
        }
        String section = metadataSection(type);
        run(ref, (d, q) -> {
            int affected = affected(d, flags);
            for (int which : new int[] { AFFECT_LIVE, AFFECT_CONFIG }) {
                if ((affected & which) == 0) {
                    continue;
                }
                DomainDef def = which == AFFECT_LIVE ? d.def : d.persistentDef();
                if (metadata == null || metadata.isEmpty()) {
                    def.removeSection(section);
                } else {
                    def.section(new XmlNode(section).text(metadata));
                }
            }
            emitMetadataChange(q, d, type, null);
        });
    }

    private static final List<String> GUEST_FILESYSTEMS = List.of("/", "/boot");

    private <T> T withActive(DomainRef ref, Op<T> op) {
        return with(ref, (d, q) -> {
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            return op.apply(d, q);
        });
    }

    public void reset(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainReset");
        withActive(ref, (d, q) -> null);
    }

    public void injectNMI(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainInjectNMI");
        withActive(ref, (d, q) -> null);
    }

    public void sendKey(DomainRef ref, int codeset, int holdtime, int[] keycodes, int flags) {
        Errors.checkFlags(flags, 0, "testDomainSendKey");
        withActive(ref, (d, q) -> {
            for (int k : keycodes) {
                if (codeset == 0 && (k < 0 || k > 0x2ff)) {
                    throw Errors.internal("invalid keycode " + k + " of linux codeset");
                }
            }
            return null;
        });
    }

    public void sendProcessSignal(DomainRef ref, long pid, int signum, int flags) {
        Errors.checkFlags(flags, 0, "testDomainSendProcessSignal");
        if (pid != 1) {
            throw Errors.invalidArg(ErrorDomain.TEST, "only sending a signal to pid 1 is supported");
        }
        if (signum < 0 || signum >= 65) {
            throw Errors.invalidArg(ErrorDomain.TEST, "signum value " + signum + " is out of range");
        }
        withActive(ref, (d, q) -> null);
    }

    private static List<String> mountpoints(List<String> given) {
        if (given == null || given.isEmpty()) {
            return GUEST_FILESYSTEMS;
        }
        for (String m : given) {
            if (!GUEST_FILESYSTEMS.contains(m)) {
                throw Errors.operationInvalid(ErrorDomain.TEST, "mount point not found: " + m);
            }
        }
        return given;
    }

    /** Returns how many file systems were newly frozen (a second freeze freezes none). */
    public int fsFreeze(DomainRef ref, List<String> given, int flags) {
        Errors.checkFlags(flags, 0, "testDomainFSFreeze");
        return withActive(ref, (d, q) -> {
            int n = 0;
            for (String m : mountpoints(given)) {
                n += d.frozen.add(m) ? 1 : 0;
            }
            return n;
        });
    }

    public int fsThaw(DomainRef ref, List<String> given, int flags) {
        Errors.checkFlags(flags, 0, "testDomainFSThaw");
        return withActive(ref, (d, q) -> {
            int n = 0;
            for (String m : mountpoints(given)) {
                n += d.frozen.remove(m) ? 1 : 0;
            }
            return n;
        });
    }

    public void fsTrim(DomainRef ref, String mountPoint, long minimum, int flags) {
        Errors.checkFlags(flags, 0, "testDomainFSTrim");
        withActive(ref, (d, q) -> null);
    }

    public void setUserPassword(DomainRef ref, String user, String password, int flags) {
        Errors.checkFlags(flags, 1 /* ENCRYPTED */, "testDomainSetUserPassword");
        withActive(ref, (d, q) -> null);
    }

    private static final String[] LIFECYCLE_ELEMENTS = { "on_poweroff", "on_reboot", "on_crash" };
    private static final String[] LIFECYCLE_ACTIONS = { "destroy", "restart", "rename-restart", "preserve",
        "coredump-destroy", "coredump-restart" };

    public void setLifecycleAction(DomainRef ref, int type, int action, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG, "testDomainSetLifecycleAction");
        run(ref, (d, q) -> {
            int affected = affected(d, flags);
            for (int which : new int[] { AFFECT_LIVE, AFFECT_CONFIG }) {
                if ((affected & which) != 0) {
                    DomainDef def = which == AFFECT_LIVE ? d.def : d.persistentDef();
                    def.section(new XmlNode(LIFECYCLE_ELEMENTS[type]).text(LIFECYCLE_ACTIONS[action]));
                }
            }
        });
    }

    public io.jvirt.api.DomainControlInfo controlInfo(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainGetControlInfo");
        return withActive(ref, (d, q) -> new io.jvirt.api.DomainControlInfo(0, 0, 0));
    }

    /** The fixed guest clock of libvirt's test driver ({@code virsh domtime test}: Time: 627319920). */
    public io.jvirt.api.DomainTime time(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainGetTime");
        return withActive(ref, (d, q) -> new io.jvirt.api.DomainTime(627319920, 0));
    }

    public void setTime(DomainRef ref, long seconds, int nseconds, int flags) {
        Errors.checkFlags(flags, 1 /* SYNC */, "testDomainSetTime");
        withActive(ref, (d, q) -> null);
    }

    /** Renames an inactive domain: UNDEFINED(renamed) for the old name, DEFINED(renamed) for the new. */
    public DomainRef rename(DomainRef ref, String newName, int flags) {
        Errors.checkFlags(flags, 0, "testDomainRename");
        if (newName == null || newName.isEmpty()) {
            throw Errors.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN,
                    "string new_name in virDomainRename must not be empty");
        }
        return with(ref, (d, q) -> {
            if (d.isActive()) {
                throw Errors.operationInvalid(ErrorDomain.TEST, "cannot rename active domain");
            }
            if (list.byName(newName) != null) {
                throw Errors.operationInvalid(ErrorDomain.DOMAIN, "domain with name '" + newName + "' already exists");
            }
            String xml = d.def.format(io.jvirt.conf.domain.FormatFlag.INACTIVE, io.jvirt.conf.domain.FormatFlag.SECURE);
            xml = xml.replaceFirst("<name>[^<]*</name>", "<name>" + escape(newName) + "</name>");
            DomainObj renamed = new DomainObj(DomainDefs.parse(xml));
            renamed.persistent = d.persistent;
            renamed.autostart = d.autostart;
            renamed.hasManagedSave = d.hasManagedSave;
            renamed.setState(d.state, d.reason);
            synchronized (list.writeLock()) {
                if (list.byName(newName) != null) {
                    throw Errors.operationInvalid(ErrorDomain.DOMAIN, "domain with name '" + newName + "' already exists");
                }
                list.remove(d);
                list.put(renamed);
            }
            emit(q, d, DomainLifecycle.UNDEFINED, 1 /* renamed */);
            emit(q, renamed, DomainLifecycle.DEFINED, 2 /* renamed */);
            return renamed.ref();
        });
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Writes the test driver's dump (its save-image magic only); CRASH stops the domain as crashed. */
    public void coreDump(DomainRef ref, String to, int flags) {
        Errors.checkFlags(flags, 0xf /* CRASH | LIVE | BYPASS_CACHE | RESET */, "testDomainCoreDumpWithFormat");
        run(ref, (d, q) -> {
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            try {
                Files.write(Path.of(to), (SAVE_MAGIC + "\0").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw Errors.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.TEST,
                        "domain core dump failed: cannot create '" + to + "': " + reason(e));
            }
            if ((flags & 1) != 0) {
                stop(d, DomainState.SHUTOFF_CRASHED);
                emit(q, d, DomainLifecycle.STOPPED, 2 /* crashed */);
            }
        });
    }

    /** The canned tunables; flags are only checked and the domain must exist. */
    public List<io.jvirt.api.TypedParameter> tunables(DomainRef ref, String which, String device, int flags) {
        int stringOkay = 4; // VIR_TYPED_PARAM_STRING_OKAY, added by the client library
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG | stringOkay, switch (which) {
            case "scheduler" -> "testDomainGetSchedulerParametersFlags";
            case "memory" -> "testDomainGetMemoryParameters";
            case "blkio" -> "testDomainGetBlkioParameters";
            case "numa" -> "testDomainGetNumaParameters";
            case "perf" -> "testDomainGetPerfEvents";
            case "interface" -> "testDomainGetInterfaceParameters";
            default -> "testDomainGetBlockIoTune";
        });
        return with(ref, (d, q) -> switch (which) {
            case "scheduler" -> Tunables.scheduler();
            case "memory" -> Tunables.memory();
            case "blkio" -> Tunables.blkio();
            case "numa" -> Tunables.numa();
            case "perf" -> Tunables.perf();
            case "interface" -> {
                boolean known = d.def.devices("interface").stream().anyMatch(n -> n.child("target")
                        .map(t -> device.equals(t.attr("dev"))).orElse(false)
                        || n.child("mac").map(m -> device.equalsIgnoreCase(m.attr("address"))).orElse(false));
                if (!known) {
                    throw Errors.invalidArg(ErrorDomain.TEST, "'" + device + "' is not a known interface");
                }
                yield Tunables.bandwidth();
            }
            default -> {
                if (device == null) {
                    yield Tunables.blockIoTune(); // how many parameters there are: virsh asks with no disk first
                }
                boolean known = d.def.devices("disk").stream().anyMatch(n -> n.child("target")
                        .map(t -> t.attr("dev").equals(device)).orElse(false)
                        || n.child("source").map(s -> device.equals(s.attr("file")) || device.equals(s.attr("dev")))
                                .orElse(false));
                if (!known) {
                    throw Errors.invalidArg(ErrorDomain.TEST, "disk '" + device + "' was not found in the domain config");
                }
                yield Tunables.blockIoTune();
            }
        });
    }

    // ------------------------------------------------------------------ snapshots

    private static io.jvirt.spi.DomainSnapshotRef snapRef(DomainObj d, String name) {
        return new io.jvirt.spi.DomainSnapshotRef(d.ref(), name);
    }

    public io.jvirt.spi.DomainSnapshotRef snapshotCreate(DomainRef ref, String xml, int flags) {
        // REDEFINE | CURRENT | NO_METADATA | HALT | ATOMIC | LIVE | VALIDATE; DISK_ONLY, REUSE_EXT, QUIESCE refused
        Errors.checkFlags(flags, 0x1 | 0x2 | 0x4 | 0x8 | 0x80 | 0x100 | 0x200, "testDomainSnapshotCreateXML");
        boolean redefine = (flags & 1) != 0;
        Snapshots.Parsed p = Snapshots.parse(xml, redefine);
        return with(ref, (d, q) -> {
            Snapshots tree = d.snapshots;
            long now = java.time.Instant.now().getEpochSecond();
            String name = p.name() != null ? p.name() : Long.toString(now);
            Snapshot existing = tree.byName.get(name);
            if (redefine && existing != null) {
                existing.description = p.description();
                if ((flags & 2) != 0) {
                    tree.current = name;
                }
                return snapRef(d, name);
            }
            if (existing != null) {
                throw Errors.operationFailed(ErrorDomain.DOMAIN, "domain moment " + name + " already exists");
            }
            Snapshot s = new Snapshot(name, p.description(), Snapshots.stateWord(d.state), tree.current, now,
                    DomainDefs.copy(d.def));
            if ((flags & 4) == 0) { // NO_METADATA: made, not remembered
                tree.byName.put(name, s);
                if (!redefine || (flags & 2) != 0) {
                    tree.current = name;
                }
            }
            if ((flags & 8) != 0 && d.isActive()) { // HALT
                stop(d, 7 /* shutoff from snapshot */);
                emit(q, d, DomainLifecycle.STOPPED, 6 /* from snapshot */);
            }
            return snapRef(d, name);
        });
    }

    private static boolean snapshotMatches(Snapshots tree, Snapshot s, int f) {
        boolean leaf = tree.children(s.name).isEmpty();
        if ((f & 4) != 0 && (f & 8) == 0 && !leaf) {
            return false;
        }
        if ((f & 8) != 0 && (f & 4) == 0 && leaf) {
            return false;
        }
        if ((f & 16) != 0 && (f & 2) == 0) {
            return false; // every snapshot of the test driver has metadata
        }
        int kinds = f & (32 | 64 | 128);
        if (kinds != 0) {
            boolean ok = ((f & 32) != 0 && s.state.equals("shutoff")) || ((f & 64) != 0 && s.isActive())
                    || ((f & 128) != 0 && s.state.equals("disk-snapshot"));
            if (!ok) {
                return false;
            }
        }
        return (f & 512) == 0 || (f & 256) != 0; // all are internal
    }

    public List<io.jvirt.spi.DomainSnapshotRef> listSnapshots(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0x7ff, "testDomainListAllSnapshots");
        return with(ref, (d, q) -> {
            List<io.jvirt.spi.DomainSnapshotRef> out = new ArrayList<>();
            for (Snapshot s : d.snapshots.byName.values()) {
                if (((flags & 1) == 0 || s.parent == null) && snapshotMatches(d.snapshots, s, flags)) {
                    out.add(snapRef(d, s.name));
                }
            }
            return out;
        });
    }

    public io.jvirt.spi.DomainSnapshotRef snapshotLookup(DomainRef ref, String name, int flags) {
        Errors.checkFlags(flags, 0, "testDomainSnapshotLookupByName");
        return with(ref, (d, q) -> snapRef(d, d.snapshots.get(name).name));
    }

    public boolean hasCurrentSnapshot(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainHasCurrentSnapshot");
        return with(ref, (d, q) -> d.snapshots.current != null);
    }

    public io.jvirt.spi.DomainSnapshotRef currentSnapshot(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainSnapshotCurrent");
        return with(ref, (d, q) -> {
            if (d.snapshots.current == null) {
                throw Snapshots.notFound("the domain does not have a current snapshot");
            }
            return snapRef(d, d.snapshots.current);
        });
    }

    public String snapshotXml(io.jvirt.spi.DomainSnapshotRef snap, int flags) {
        Errors.checkFlags(flags, XML_SECURE, "testDomainSnapshotGetXMLDesc");
        return with(snap.domain(), (d, q) -> Snapshots.format(d.snapshots.get(snap.name()), (flags & XML_SECURE) != 0));
    }

    public io.jvirt.spi.DomainSnapshotRef snapshotParent(io.jvirt.spi.DomainSnapshotRef snap, int flags) {
        Errors.checkFlags(flags, 0, "testDomainSnapshotGetParent");
        return with(snap.domain(), (d, q) -> {
            Snapshot s = d.snapshots.get(snap.name());
            if (s.parent == null) {
                throw Snapshots.notFound("snapshot '" + s.name + "' does not have a parent");
            }
            return snapRef(d, s.parent);
        });
    }

    public boolean snapshotIsCurrent(io.jvirt.spi.DomainSnapshotRef snap, int flags) {
        Errors.checkFlags(flags, 0, "testDomainSnapshotIsCurrent");
        return with(snap.domain(), (d, q) -> snap.name().equals(d.snapshots.get(snap.name()).name)
                && snap.name().equals(d.snapshots.current));
    }

    public boolean snapshotHasMetadata(io.jvirt.spi.DomainSnapshotRef snap, int flags) {
        Errors.checkFlags(flags, 0, "testDomainSnapshotHasMetadata");
        return with(snap.domain(), (d, q) -> d.snapshots.get(snap.name()) != null);
    }

    public List<io.jvirt.spi.DomainSnapshotRef> snapshotChildren(io.jvirt.spi.DomainSnapshotRef snap, int flags) {
        Errors.checkFlags(flags, 0x7ff, "testDomainSnapshotListAllChildren");
        return with(snap.domain(), (d, q) -> {
            Snapshot s = d.snapshots.get(snap.name());
            List<Snapshot> l = (flags & 1) != 0 ? d.snapshots.descendants(s.name) : d.snapshots.children(s.name);
            List<io.jvirt.spi.DomainSnapshotRef> out = new ArrayList<>();
            for (Snapshot c : l) {
                if (snapshotMatches(d.snapshots, c, flags)) {
                    out.add(snapRef(d, c.name));
                }
            }
            return out;
        });
    }

    /** Reverting loads the snapshot's definition and its run state (running, paused or shut off). */
    public void revert(io.jvirt.spi.DomainSnapshotRef snap, int flags) {
        Errors.checkFlags(flags, 0x1 | 0x2 | 0x4, "testDomainRevertToSnapshot");
        run(snap.domain(), (d, q) -> {
            Snapshot s = d.snapshots.get(snap.name());
            boolean wantRunning = s.isActive() || (flags & 3) != 0;
            boolean wantPaused = (flags & 2) != 0 || (s.state.equals("paused") && (flags & 1) == 0);
            if (!wantRunning) {
                if (d.isActive()) {
                    stop(d, 7 /* from snapshot */);
                    emit(q, d, DomainLifecycle.STOPPED, 6 /* from snapshot */);
                }
                d.def = DomainDefs.copy(s.def);
                d.setState(DomainState.SHUTOFF, 7);
            } else {
                boolean wasActive = d.isActive();
                if (wasActive) {
                    d.def = DomainDefs.copy(s.def);
                } else {
                    d.def = DomainDefs.copy(s.def);
                    d.newDef = null;
                    start(d, 4 /* from snapshot */);
                    emit(q, d, DomainLifecycle.STARTED, 3 /* from snapshot */);
                }
                if (wantPaused) {
                    d.setState(DomainState.PAUSED, 7 /* from snapshot */);
                    emit(q, d, DomainLifecycle.SUSPENDED, 5 /* from snapshot */);
                } else {
                    d.setState(DomainState.RUNNING, 4 /* from snapshot */);
                }
            }
            d.snapshots.current = s.name;
        });
    }

    public void snapshotDelete(io.jvirt.spi.DomainSnapshotRef snap, int flags) {
        Errors.checkFlags(flags, 0x1 | 0x2 | 0x4, "testDomainSnapshotDelete");
        run(snap.domain(), (d, q) -> {
            Snapshots tree = d.snapshots;
            Snapshot s = tree.get(snap.name());
            List<Snapshot> gone = new ArrayList<>();
            if ((flags & (1 | 4)) != 0) {
                gone.addAll(tree.descendants(s.name));
            }
            if ((flags & 4) == 0) {
                gone.add(s);
                for (Snapshot c : tree.children(s.name)) {
                    c.parent = s.parent; // children of a deleted snapshot move up
                }
            }
            for (Snapshot g : gone) {
                tree.byName.remove(g.name);
                if (g.name.equals(tree.current)) {
                    tree.current = (flags & 4) != 0 ? s.name : s.parent;
                }
            }
        });
    }

    // ------------------------------------------------------------------ vcpus, pinning, block and memory stats

    private static java.util.BitSet allCpus(int n) {
        java.util.BitSet b = new java.util.BitSet(n);
        b.set(0, n);
        return b;
    }

    /**
     * Running vcpus: each runs on the host's last CPU with affinity to all ({@code virsh vcpuinfo test}:
     * CPU 15 of the 16 of nodeinfo), CPU time taken from the wall clock.
     */
    public List<io.jvirt.api.VcpuInfo> vcpus(DomainRef ref, int hostCpus) {
        return withActive(ref, (d, q) -> {
            List<io.jvirt.api.VcpuInfo> out = new ArrayList<>();
            long cpuTime = cpuTimeNow() / 10000;
            for (int i = 0; i < DomainDefs.vcpus(d.def); i++) {
                out.add(new io.jvirt.api.VcpuInfo(i, 1 /* running */, cpuTime, hostCpus - 1, allCpus(hostCpus)));
            }
            return out;
        });
    }

    public List<java.util.BitSet> vcpuPins(DomainRef ref, int hostCpus, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG, "testDomainGetVcpuPinInfo");
        return with(ref, (d, q) -> {
            int affected = affected(d, flags);
            DomainDef def = (affected & AFFECT_LIVE) != 0 ? d.def : d.persistentDef();
            List<java.util.BitSet> out = new ArrayList<>();
            for (int i = 0; i < DomainDefs.maxVcpus(def); i++) {
                out.add(allCpus(hostCpus));
            }
            return out;
        });
    }

    public java.util.BitSet emulatorPin(DomainRef ref, int hostCpus, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG, "testDomainGetEmulatorPinInfo");
        return with(ref, (d, q) -> {
            affected(d, flags);
            return allCpus(hostCpus);
        });
    }

    /** The test driver's fixed disk sizes (virsh -c test:///default domblkinfo test vda). */
    public io.jvirt.api.BlockInfo blockInfo(DomainRef ref, String disk, int flags) {
        Errors.checkFlags(flags, 0, "testDomainGetBlockInfo");
        return with(ref, (d, q) -> {
            boolean known = d.def.devices("disk").stream().anyMatch(n -> n.child("target")
                    .map(t -> disk.equals(t.attr("dev"))).orElse(false)
                    || n.child("source").map(s -> disk.equals(s.attr("file")) || disk.equals(s.attr("dev")))
                            .orElse(false));
            if (!known) {
                throw Errors.invalidArg(ErrorDomain.TEST, "invalid path " + disk + " not assigned to domain");
            }
            return new io.jvirt.api.BlockInfo(1099506450432L, 1099511627776L, 1099511627776L);
        });
    }

    /** Every disk reports an unspecified error (virsh domblkerror test: "vda: unspecified error"). */
    public List<io.jvirt.api.DiskError> diskErrors(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainGetDiskErrors");
        return withActive(ref, (d, q) -> {
            List<io.jvirt.api.DiskError> out = new ArrayList<>();
            for (var disk : d.def.devices("disk")) {
                disk.child("target").map(t -> t.attr("dev")).ifPresent(dev -> out.add(new io.jvirt.api.DiskError(dev, 1)));
            }
            return out;
        });
    }

    /**
     * Memory statistics in the order virsh dommemstat prints them for test: actual is the current
     * balloon, unused, usable and rss half of it, disk caches an eighth, last update the guest clock.
     */
    public List<io.jvirt.api.MemoryStat> memoryStats(DomainRef ref, int max, int flags) {
        Errors.checkFlags(flags, 0, "testDomainMemoryStats");
        return withActive(ref, (d, q) -> {
            // the guest reports its memory through the balloon: without one there is nothing to report
            boolean balloon = d.def.devices("memballoon").stream().anyMatch(b -> !"none".equals(b.attr("model")));
            if (!balloon) {
                return List.<io.jvirt.api.MemoryStat>of();
            }
            long cur = DomainDefs.currentMemory(d.def);
            List<io.jvirt.api.MemoryStat> all = List.of(new io.jvirt.api.MemoryStat(6, cur),
                    new io.jvirt.api.MemoryStat(0, 0), new io.jvirt.api.MemoryStat(1, 0),
                    new io.jvirt.api.MemoryStat(2, 0), new io.jvirt.api.MemoryStat(3, 0),
                    new io.jvirt.api.MemoryStat(4, cur / 2), new io.jvirt.api.MemoryStat(5, cur),
                    new io.jvirt.api.MemoryStat(8, cur / 2), new io.jvirt.api.MemoryStat(9, 627319920),
                    new io.jvirt.api.MemoryStat(10, cur / 8), new io.jvirt.api.MemoryStat(11, 0),
                    new io.jvirt.api.MemoryStat(12, 0), new io.jvirt.api.MemoryStat(7, cur / 2));
            return all.subList(0, Math.min(all.size(), Math.max(0, max)));
        });
    }

    public String saveImageXml(String file, int flags) {
        Errors.checkFlags(flags, XML_SECURE, "testDomainSaveImageGetXMLDesc");
        DomainDef def = DomainDefs.parse(readImage(Path.of(file)));
        return DomainDefs.format(def, -1, (flags & XML_SECURE) != 0).replaceFirst(" id='-?\\d+'", "");
    }

    public void saveImageDefine(String file, String xml, int flags) {
        Errors.checkFlags(flags, 0x2 | 0x4 /* RUNNING | PAUSED */, "testDomainSaveImageDefineXML");
        DomainDef old = DomainDefs.parse(readImage(Path.of(file)));
        DomainDef def = DomainDefs.parse(xml);
        if (!old.name().equals(def.name()) || !old.uuid().equals(def.uuid())) {
            throw Errors.invalidArg(ErrorDomain.TEST, "saved image name or uuid does not match the new definition");
        }
        writeImage(Path.of(file), DomainDefs.format(def, -1, true));
    }

    // ------------------------------------------------------------------ checkpoints

    private static io.jvirt.spi.DomainCheckpointRef cpRef(DomainObj d, String name) {
        return new io.jvirt.spi.DomainCheckpointRef(d.ref(), name);
    }

    public io.jvirt.spi.DomainCheckpointRef checkpointCreate(DomainRef ref, String xml, int flags) {
        Errors.checkFlags(flags, 0x7 /* REDEFINE | QUIESCE | REDEFINE_VALIDATE */, "testDomainCheckpointCreateXML");
        boolean redefine = (flags & 1) != 0;
        org.w3c.dom.Element root = io.jvirt.conf.xml.SecureXml.parseAnyRoot(xml, "domain_checkpoint");
        if (!"domaincheckpoint".equals(root.getTagName())) {
            throw Errors.of(ErrorCode.XML_ERROR, ErrorDomain.XML, "XML error: expecting root element of "
                    + "'domaincheckpoint', not '" + root.getTagName() + "'");
        }
        String name = text(root, "name");
        if (name == null && redefine) {
            throw Errors.of(ErrorCode.XML_ERROR, ErrorDomain.DOMAIN_CHECKPOINT,
                    "XML error: a redefined checkpoint must have a name");
        }
        String description = text(root, "description");
        return with(ref, (d, q) -> {
            String n = name != null ? name : Long.toString(java.time.Instant.now().getEpochSecond());
            return cpRef(d, d.checkpoints.create(n, description, DomainDefs.copy(d.def), redefine).name);
        });
    }

    private static String text(org.w3c.dom.Element e, String name) {
        for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element c && name.equals(c.getTagName())) {
                return c.getTextContent().strip();
            }
        }
        return null;
    }

    public List<io.jvirt.spi.DomainCheckpointRef> listCheckpoints(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0xf, "testDomainListAllCheckpoints");
        return with(ref, (d, q) -> {
            List<io.jvirt.spi.DomainCheckpointRef> out = new ArrayList<>();
            for (Checkpoints.Checkpoint c : d.checkpoints.byName.values()) {
                if (((flags & 1) == 0 || c.parent == null) && d.checkpoints.matches(c, flags)) {
                    out.add(cpRef(d, c.name));
                }
            }
            return out;
        });
    }

    public io.jvirt.spi.DomainCheckpointRef checkpointLookup(DomainRef ref, String name, int flags) {
        Errors.checkFlags(flags, 0, "testDomainCheckpointLookupByName");
        return with(ref, (d, q) -> cpRef(d, d.checkpoints.get(name).name));
    }

    public String checkpointXml(io.jvirt.spi.DomainCheckpointRef cp, int flags) {
        Errors.checkFlags(flags, 0x7 /* SECURE | NO_DOMAIN | SIZE */, "testDomainCheckpointGetXMLDesc");
        return with(cp.domain(), (d, q) -> Checkpoints.format(d.checkpoints.get(cp.name()), (flags & 1) != 0,
                (flags & 2) != 0));
    }

    public io.jvirt.spi.DomainCheckpointRef checkpointParent(io.jvirt.spi.DomainCheckpointRef cp, int flags) {
        Errors.checkFlags(flags, 0, "testDomainCheckpointGetParent");
        return with(cp.domain(), (d, q) -> {
            Checkpoints.Checkpoint c = d.checkpoints.get(cp.name());
            if (c.parent == null) {
                throw Checkpoints.notFound("checkpoint '" + c.name + "' does not have a parent");
            }
            return cpRef(d, c.parent);
        });
    }

    public List<io.jvirt.spi.DomainCheckpointRef> checkpointChildren(io.jvirt.spi.DomainCheckpointRef cp, int flags) {
        Errors.checkFlags(flags, 0xf, "testDomainCheckpointListAllChildren");
        return with(cp.domain(), (d, q) -> {
            Checkpoints.Checkpoint c = d.checkpoints.get(cp.name());
            List<Checkpoints.Checkpoint> l = (flags & 1) != 0 ? d.checkpoints.descendants(c.name)
                    : d.checkpoints.children(c.name);
            List<io.jvirt.spi.DomainCheckpointRef> out = new ArrayList<>();
            for (Checkpoints.Checkpoint x : l) {
                if (d.checkpoints.matches(x, flags)) {
                    out.add(cpRef(d, x.name));
                }
            }
            return out;
        });
    }

    public void checkpointDelete(io.jvirt.spi.DomainCheckpointRef cp, int flags) {
        Errors.checkFlags(flags, 0x7, "testDomainCheckpointDelete");
        run(cp.domain(), (d, q) -> d.checkpoints.delete(d.checkpoints.get(cp.name()), flags));
    }

    // ------------------------------------------------------------------ IOThreads

    private static List<Integer> ioThreadIds(DomainDef def) {
        List<Integer> ids = new ArrayList<>();
        XmlNode idsNode = def.section("iothreadids");
        if (idsNode != null) {
            for (XmlNode t : idsNode.children("iothread")) {
                ids.add(Integer.parseInt(t.attr("id")));
            }
        }
        XmlNode count = def.section("iothreads");
        int n = count == null || count.text() == null ? 0 : Integer.parseInt(count.text().trim());
        for (int i = 1; ids.size() < n; i++) {
            if (!ids.contains(i)) {
                ids.add(i);
            }
        }
        return ids;
    }

    private static void setIoThreadIds(DomainDef def, List<Integer> ids) {
        def.removeSection("iothreads");
        def.removeSection("iothreadids");
        if (!ids.isEmpty()) {
            def.section(new XmlNode("iothreads").text(Integer.toString(ids.size())));
            XmlNode list = new XmlNode("iothreadids");
            for (int id : ids) {
                list.add(new XmlNode("iothread").set("id", Integer.toString(id)));
            }
            def.section(list);
        }
    }

    /**
     * IOThreads with their affinity; an unpinned thread may run on any of the domain's vCPUs, as
     * libvirt's test driver reports it (fc4 of testnode.xml, one vCPU, shows 0; test shows 0-1), and
     * on the real host's CPUs only when the domain has no vCPU count.
     */
    public List<io.jvirt.api.IOThreadInfo> ioThreads(DomainRef ref, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG, "testDomainGetIOThreadInfo");
        return with(ref, (d, q) -> {
            int affected = affected(d, flags);
            boolean live = (affected & AFFECT_LIVE) != 0;
            DomainDef def = live ? d.def : d.persistentDef();
            java.util.BitSet host = new java.util.BitSet();
            int vcpus = DomainDefs.vcpus(def);
            host.set(0, vcpus > 0 ? vcpus : Runtime.getRuntime().availableProcessors());
            List<io.jvirt.api.IOThreadInfo> out = new ArrayList<>();
            for (int id : ioThreadIds(def)) {
                java.util.BitSet pin = live ? d.ioThreadPins.get(id) : null;
                out.add(new io.jvirt.api.IOThreadInfo(id, pin != null ? (java.util.BitSet) pin.clone() : host));
            }
            return out;
        });
    }

    public void ioThreadAdd(DomainRef ref, int id, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG, "testDomainAddIOThread");
        if (id <= 0) {
            throw Errors.invalidArg(ErrorDomain.TEST, "invalid IOThread id value: '" + id + "'");
        }
        run(ref, (d, q) -> {
            int affected = affected(d, flags);
            for (int which : new int[] { AFFECT_LIVE, AFFECT_CONFIG }) {
                if ((affected & which) != 0) {
                    DomainDef def = which == AFFECT_LIVE ? d.def : d.persistentDef();
                    List<Integer> ids = ioThreadIds(def);
                    if (ids.contains(id)) {
                        throw Errors.invalidArg(ErrorDomain.TEST, "an IOThread is already using iothread_id '" + id + "'");
                    }
                    ids.add(id);
                    setIoThreadIds(def, ids);
                }
            }
            d.ioThreadPolling.add(new DomainObj.IOThreadPolling(id));
        });
    }

    public void ioThreadDel(DomainRef ref, int id, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG, "testDomainDelIOThread");
        run(ref, (d, q) -> {
            int affected = affected(d, flags);
            for (int which : new int[] { AFFECT_LIVE, AFFECT_CONFIG }) {
                if ((affected & which) != 0) {
                    DomainDef def = which == AFFECT_LIVE ? d.def : d.persistentDef();
                    List<Integer> ids = ioThreadIds(def);
                    if (!ids.remove(Integer.valueOf(id))) {
                        throw Errors.invalidArg(ErrorDomain.TEST, "cannot find IOThread '" + id + "' in iothreadids list");
                    }
                    setIoThreadIds(def, ids);
                    if (which == AFFECT_LIVE) {
                        d.ioThreadPins.remove(id);
                    }
                }
            }
            d.ioThreadPolling.removeIf(p -> p.id == id);
        });
    }

    public void ioThreadPin(DomainRef ref, int id, java.util.BitSet cpus, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE | AFFECT_CONFIG, "testDomainPinIOThread");
        run(ref, (d, q) -> {
            int affected = affected(d, flags);
            DomainDef def = (affected & AFFECT_LIVE) != 0 ? d.def : d.persistentDef();
            if (!ioThreadIds(def).contains(id)) {
                throw Errors.invalidArg(ErrorDomain.TEST, "iothreadid " + id + " not found");
            }
            if ((affected & AFFECT_LIVE) != 0) {
                d.ioThreadPins.put(id, (java.util.BitSet) cpus.clone());
            }
        });
    }

    public void ioThreadParams(DomainRef ref, int id, List<io.jvirt.api.TypedParameter> params, int flags) {
        Errors.checkFlags(flags, AFFECT_LIVE, "testDomainSetIOThreadParams");
        run(ref, (d, q) -> {
            int affected = affected(d, flags);
            DomainDef def = (affected & AFFECT_LIVE) != 0 ? d.def : d.persistentDef();
            if (!ioThreadIds(def).contains(id)) {
                throw Errors.invalidArg(ErrorDomain.TEST, "Cannot find IOThread '" + id + "' in iothreadids list");
            }
            for (DomainObj.IOThreadPolling p : d.ioThreadPolling) {
                if (p.id == id) {
                    for (io.jvirt.api.TypedParameter t : params) {
                        switch (t.field()) {
                            case "poll_max_ns" -> p.maxNs = ((Number) t.value()).longValue();
                            case "poll_grow" -> p.grow = ((Number) t.value()).intValue();
                            case "poll_shrink" -> p.shrink = ((Number) t.value()).intValue();
                            default -> { }
                        }
                    }
                }
            }
        });
    }

    /** Every guest interface has 192.168.122.(3+n)/24, whatever the source (virsh domifaddr test). */
    public List<io.jvirt.api.DomainInterfaceAddresses> interfaceAddresses(DomainRef ref, int source, int flags) {
        Errors.checkFlags(flags, 0, "testDomainInterfaceAddresses");
        return withActive(ref, (d, q) -> {
            List<io.jvirt.api.DomainInterfaceAddresses> out = new ArrayList<>();
            int n = 0;
            for (XmlNode net : d.def.devices("interface")) {
                String name = net.child("target").map(t -> t.attr("dev")).orElse("");
                String mac = net.child("mac").map(m -> m.attr("address")).orElse(null);
                out.add(new io.jvirt.api.DomainInterfaceAddresses(name, mac, List.of(
                        new io.jvirt.api.DomainInterfaceAddresses.IpAddress(0, "192.168.122." + (3 + n++), 24))));
            }
            return out;
        });
    }

    /** The guest agent's file systems of libvirt's test driver: / and /boot on the first disk. */
    public List<io.jvirt.api.DomainFSInfo> fsInfo(DomainRef ref, int flags) {
        Errors.checkFlags(flags, 0, "testDomainGetFSInfo");
        return withActive(ref, (d, q) -> {
            String disk = d.def.devices("disk").stream().map(n -> n.child("target").map(t -> t.attr("dev")).orElse(null))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (disk == null) {
                return List.of();
            }
            return List.of(new io.jvirt.api.DomainFSInfo("/", disk + "1", "ext4", List.of(disk)),
                    new io.jvirt.api.DomainFSInfo("/boot", disk + "2", "ext4", List.of(disk)));
        });
    }

    /**
     * Block statistics derived from the wall clock as libvirt's test driver derives them: with
     * {@code base} the time in microseconds, requests and bytes are base/10, /20, /30, /40 and errors
     * the seconds / 2 (virsh domblkstat test vda, twice, a second apart).
     */
    public io.jvirt.api.BlockStats blockStats(DomainRef ref, String disk) {
        return withActive(ref, (d, q) -> {
            boolean known = d.def.devices("disk").stream().anyMatch(n -> n.child("target")
                    .map(t -> disk.equals(t.attr("dev"))).orElse(false)
                    || n.child("source").map(s -> disk.equals(s.attr("file")) || disk.equals(s.attr("dev")))
                            .orElse(false));
            if (!known) {
                throw Errors.invalidArg(ErrorDomain.TEST, "invalid path: " + disk);
            }
            java.time.Instant now = java.time.Instant.now();
            long base = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
            return new io.jvirt.api.BlockStats(base / 10, base / 20, base / 30, base / 40, now.getEpochSecond() / 2);
        });
    }

    /** Interface statistics from the wall clock, the same way (virsh domifstat test testnet0). */
    public io.jvirt.api.InterfaceStats interfaceStats(DomainRef ref, String device) {
        return withActive(ref, (d, q) -> {
            boolean known = d.def.devices("interface").stream().anyMatch(n -> n.child("target")
                    .map(t -> device.equals(t.attr("dev"))).orElse(false)
                    || n.child("mac").map(m -> device.equalsIgnoreCase(m.attr("address"))).orElse(false));
            if (!known) {
                throw Errors.invalidArg(ErrorDomain.TEST, "'" + device + "' is not a known interface");
            }
            java.time.Instant now = java.time.Instant.now();
            long sec = now.getEpochSecond();
            long base = sec * 1_000_000L + now.getNano() / 1000;
            return new io.jvirt.api.InterfaceStats(base / 10, base / 100, sec, sec / 2, base / 20, base / 110, sec / 3,
                    sec / 4);
        });
    }

    /**
     * CPU statistics as libvirt's test driver gives them (virsh cpu-stats test): the real host's CPUs,
     * each with fixed cpu and vcpu times that grow by a nanosecond per CPU, and totals that add up.
     */
    private static final long CPU_TIME = 24386308517L;
    private static final long VCPU_TIME = 23151740627L;

    public int cpuStatsCount(DomainRef ref) {
        return withActive(ref, (d, q) -> Runtime.getRuntime().availableProcessors());
    }

    public List<List<io.jvirt.api.TypedParameter>> cpuStats(DomainRef ref, int start, int ncpus, int flags) {
        Errors.checkFlags(flags, 0x4, "testDomainGetCPUStats");
        return withActive(ref, (d, q) -> {
            int cpus = Runtime.getRuntime().availableProcessors();
            if (start == -1) {
                long total = 0;
                for (int i = 0; i < cpus; i++) {
                    total += CPU_TIME + i;
                }
                return List.of(List.of(io.jvirt.api.TypedParameter.ofULLong("cpu_time", total),
                        io.jvirt.api.TypedParameter.ofULLong("user_time", 5540000000L),
                        io.jvirt.api.TypedParameter.ofULLong("system_time", 6460000000L)));
            }
            if (start < 0 || start >= cpus) {
                throw Errors.invalidArg(ErrorDomain.TEST, "start_cpu " + start + " larger than maximum of " + (cpus - 1));
            }
            List<List<io.jvirt.api.TypedParameter>> out = new ArrayList<>();
            for (int i = start; i < Math.min(cpus, start + ncpus); i++) {
                out.add(List.of(io.jvirt.api.TypedParameter.ofULLong("cpu_time", CPU_TIME + i),
                        io.jvirt.api.TypedParameter.ofULLong("vcpu_time", VCPU_TIME + i)));
            }
            return out;
        });
    }

    /**
     * Domain statistics: libvirt's test driver has the state group (state.state, state.reason) and,
     * for a running domain with IOThreads, the iothread group (count and each one's polling).
     * Other groups are left out unless ENFORCE_STATS asks for them, which fails as libvirt does.
     * Active domains come first by ID, then the others by name (virsh domstats here).
     */
    public List<io.jvirt.spi.DomainStats> allStats(List<DomainRef> given, int stats, int flags) {
        int enforce = 1 << 31;
        Errors.checkFlags(flags, 0xff | enforce | (1 << 30) | (1 << 29), "testConnectGetAllDomainStats");
        int iothread = 1 << 7; // VIR_DOMAIN_STATS_IOTHREAD
        if ((flags & enforce) != 0 && (stats & ~(1 | iothread)) != 0) {
            throw Errors.of(ErrorCode.ARGUMENT_UNSUPPORTED, ErrorDomain.TEST, "argument unsupported: "
                    + "Stats types bits 0x" + Integer.toHexString(stats & ~(1 | iothread))
                    + " are not supported by this daemon");
        }
        boolean state = stats == 0 || (stats & 1) != 0;
        boolean threads = stats == 0 || (stats & iothread) != 0;
        List<DomainRef> refs = given.isEmpty() ? listAll(flags & 0xff) : given;
        List<io.jvirt.spi.DomainStats> out = new ArrayList<>();
        for (DomainRef r : refs) {
            io.jvirt.spi.DomainStats s = with(r, (d, q) -> {
                List<io.jvirt.api.TypedParameter> p = new ArrayList<>();
                if (state) {
                    p.add(io.jvirt.api.TypedParameter.ofInt("state.state", d.state.value()));
                    p.add(io.jvirt.api.TypedParameter.ofInt("state.reason", d.reason));
                }
                if (threads && d.isActive() && !d.ioThreadPolling.isEmpty()) {
                    p.add(io.jvirt.api.TypedParameter.ofUInt("iothread.count", d.ioThreadPolling.size()));
                    for (DomainObj.IOThreadPolling t : d.ioThreadPolling) {
                        String prefix = "iothread." + Integer.toUnsignedString(t.id) + ".";
                        p.add(io.jvirt.api.TypedParameter.ofULLong(prefix + "poll-max-ns", t.maxNs));
                        p.add(io.jvirt.api.TypedParameter.ofUInt(prefix + "poll-grow", t.grow));
                        p.add(io.jvirt.api.TypedParameter.ofUInt(prefix + "poll-shrink", t.shrink));
                    }
                }
                return new io.jvirt.spi.DomainStats(d.ref(), p);
            });
            out.add(s);
        }
        out.sort(Comparator.comparing((io.jvirt.spi.DomainStats s) -> s.domain().id() > 0 ? 0 : 1)
                .thenComparingInt(s -> s.domain().id()).thenComparing(s -> s.domain().name()));
        return out;
    }

    public int getMaxVcpus(DomainRef ref) {
        return getVcpusFlags(ref, AFFECT_LIVE | MAXIMUM);
    }
}
