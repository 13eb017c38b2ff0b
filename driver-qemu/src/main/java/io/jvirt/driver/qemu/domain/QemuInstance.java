package io.jvirt.driver.qemu.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainLifecycle;
import io.jvirt.api.DomainState;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.FormatFlag;
import io.jvirt.conf.domain.ParseContext;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.QemuErrors;
import io.jvirt.driver.qemu.caps.CapsProbe;
import io.jvirt.driver.qemu.caps.QemuCaps;
import io.jvirt.driver.qemu.command.CommandLine;
import io.jvirt.driver.qemu.net.FilterBindings;
import io.jvirt.driver.qemu.net.Taps;
import io.jvirt.driver.qemu.process.ProcInfo;
import io.jvirt.driver.qemu.qmp.QmpClient;
import io.jvirt.driver.qemu.qmp.QmpException;
import io.jvirt.driver.qemu.qmp.QmpListener;
import io.jvirt.driver.qemu.sockets.SocketDir;
import io.jvirt.driver.qemu.util.AtomicFiles;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.OncePerBoot;

/**
 * One QEMU driver instance: every domain whose state lives under one root (the system or session
 * instance, or an embedded one). Guests are QEMU processes this instance spawned or, after a driver
 * or platform restart, found again from their status files; closing the instance leaves them
 * running.
 */
public final class QemuInstance implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(QemuInstance.class.getName());
    /** libvirt waits 10 s for SIGTERM before SIGKILL. */
    private static final long TERM_WAIT_MS = 10_000;
    private static final long KILL_WAIT_MS = 5_000;
    private static final long MONITOR_CONNECT_MS = 30_000;

    private final Layout layout;
    private final Path emulator;
    private final ExecutorService eventThread;
    private final EventHub events;
    private final ConcurrentHashMap<UUID, DomainObj> byUuid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DomainObj> byName = new ConcurrentHashMap<>();
    private final Object listLock = new Object();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final QemuCaps caps;
    private final CapsProbe probe;
    /** Capabilities of other emulators a definition names in {@code <emulator>}, probed when first used. */
    private final ConcurrentHashMap<String, QemuCaps> otherEmulators = new ConcurrentHashMap<>();
    private final QemuDomainHook hook;
    private final io.jvirt.driver.qemu.chardev.ChardevStreams chardevStreams = new io.jvirt.driver.qemu.chardev.ChardevStreams();
    private volatile boolean closed;
    /** The scope's secondary connections of this instance's open connections, newest last (nwfilter bindings). */
    private final java.util.LinkedHashMap<Object, io.jvirt.spi.SecondaryConnections> secondaries =
            new java.util.LinkedHashMap<>();
    private final String embedRoot;
    private final io.jvirt.driver.qemu.cgroup.CgroupHost cgroupHost;

    /** An embedded instance (its guests' cgroups named with its root's hash, as libvirt's). */
    public QemuInstance(Path root, Path emulator) {
        this(root, emulator, true, true);
    }

    /**
     * @param embed    whether the machine names carry the root's hash ({@code qemu:///embed})
     * @param cgroups  whether guests get cgroups of their own (libvirt's privileged drivers)
     */
    public QemuInstance(Path root, Path emulator, boolean embed, boolean cgroups) {
        Path abs = root.toAbsolutePath().normalize();
        this.embedRoot = embed ? abs.toString() : null;
        this.cgroupHost = cgroups ? io.jvirt.driver.qemu.cgroup.CgroupHost.detect()
                : new io.jvirt.driver.qemu.cgroup.CgroupHost(List.of());
        Path run = abs.resolve("run");
        try {
            Files.createDirectories(run);
            // QMP gives whoever reaches a monitor the whole guest: only this user
            Files.setPosixFilePermissions(run, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw QemuErrors.internal("cannot create " + run + ": " + e.getMessage());
        }
        this.layout = new Layout(abs, SocketDir.of(run));
        this.emulator = emulator;
        this.eventThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "qemu-events-" + root.getFileName());
            t.setDaemon(true);
            return t;
        });
        this.events = new EventHub(eventThread);
        try {
            for (Path d : List.of(layout.config(), layout.run(), layout.log(), layout.cache(), layout.autostart())) {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw QemuErrors.internal("cannot create " + layout.root() + ": " + e.getMessage());
        }
        this.probe = new CapsProbe(layout.cache().resolve("capabilities"), layout.sockets()::path);
        this.caps = probe.capabilities(emulator);
        this.hook = new QemuDomainHook(caps);
    }

    /**
     * Loads persistent definitions, reattaches to running guests and, once per host boot (the
     * {@code run/autostarted} marker, libvirt's rule), starts the autostart domains: a bundle
     * update or platform restart never starts a guest its user shut down.
     */
    public QemuInstance initialize() {
        loadConfigs();
        reattachAll();
        removeStaleSockets();
        if (!OncePerBoot.in(layout.run()).claim()) {
            return this;
        }
        for (DomainObj d : byUuid.values()) {
            boolean start;
            synchronized (d) {
                start = d.autostart && !d.active() && d.persistent != null;
            }
            if (start) {
                try {
                    start(d, 0);
                } catch (VirtException e) {
                    LOG.warning("autostart of " + d.name + " failed: " + e.getMessage());
                }
            }
        }
        return this;
    }

    public Layout layout() {
        return layout;
    }

    public QemuCaps caps() {
        return caps;
    }

    public static boolean kvmUsable() {
        Path kvm = Path.of("/dev/kvm");
        return Files.isReadable(kvm) && Files.isWritable(kvm);
    }

    // ------------------------------------------------------------ lookups

    public DomainRef lookupByName(String name) {
        DomainObj d = byName.get(name);
        if (d == null) {
            throw QemuErrors.noDomain("no domain with matching name '" + name + "'");
        }
        return ref(d);
    }

    public DomainRef lookupByUuid(UUID uuid) {
        DomainObj d = byUuid.get(uuid);
        if (d == null) {
            throw QemuErrors.noDomain("no domain with matching uuid '" + uuid + "'");
        }
        return ref(d);
    }

    public DomainRef lookupById(int id) {
        for (DomainObj d : byUuid.values()) {
            synchronized (d) {
                if (d.id == id && d.active()) {
                    return d.ref();
                }
            }
        }
        throw QemuErrors.noDomain("no domain with matching id " + id);
    }

    private static DomainRef ref(DomainObj d) {
        synchronized (d) {
            return d.ref();
        }
    }

    /** A running guest's serial, console and channel elements (copies) and the QEMU process they belong to. */
    public record Chardevs(List<XmlNode> devices, long pid, long startTicks) {
    }

    /** The console and channel streams open on this instance's guests. */
    public io.jvirt.driver.qemu.chardev.ChardevStreams chardevStreams() {
        return chardevStreams;
    }

    /** What a console or channel stream opens on a running guest; fails as libvirt if it is not running. */
    public Chardevs chardevs(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            if (!d.active() || d.live == null) {
                throw QemuErrors.notRunning();
            }
            layout.sockets().path(); // channel sockets are named through it
            List<XmlNode> devices = new ArrayList<>();
            for (XmlNode n : d.live.devices()) {
                if (n.name().equals("serial") || n.name().equals("console") || n.name().equals("channel")) {
                    devices.add(n.copy());
                }
            }
            return new Chardevs(devices, d.guest.pid, d.guest.startTicks);
        }
    }

    private DomainObj obj(DomainRef ref) {
        DomainObj d = byUuid.get(ref.uuid());
        if (d == null) {
            throw QemuErrors.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
        }
        return d;
    }

    public List<DomainRef> listAll(int flags) {
        List<DomainRef> l = new ArrayList<>();
        for (DomainObj d : byUuid.values()) {
            synchronized (d) {
                if (matches(d, flags)) {
                    l.add(d.ref());
                }
            }
        }
        l.sort((a, b) -> a.name().compareTo(b.name()));
        return l;
    }

    private static boolean matches(DomainObj d, int flags) {
        boolean active = d.active();
        if ((flags & 3) != 0 && !((flags & 1) != 0 && active || (flags & 2) != 0 && !active)) {
            return false;
        }
        boolean persistent = d.persistent != null;
        if ((flags & 12) != 0 && !((flags & 4) != 0 && persistent || (flags & 8) != 0 && !persistent)) {
            return false;
        }
        if ((flags & 240) != 0) {
            boolean ok = (flags & 16) != 0 && d.state == DomainState.RUNNING
                    || (flags & 32) != 0 && d.state == DomainState.PAUSED
                    || (flags & 64) != 0 && d.state == DomainState.SHUTOFF
                    || (flags & 128) != 0 && d.state != DomainState.RUNNING && d.state != DomainState.PAUSED
                            && d.state != DomainState.SHUTOFF;
            if (!ok) {
                return false;
            }
        }
        if ((flags & 3072) != 0 && !((flags & 1024) != 0 && d.autostart || (flags & 2048) != 0 && !d.autostart)) {
            return false;
        }
        return true;
    }

    public int numActive() {
        return (int) byUuid.values().stream().filter(d -> {
            synchronized (d) {
                return d.active();
            }
        }).count();
    }

    public int numInactive() {
        return (int) byUuid.values().stream().filter(d -> {
            synchronized (d) {
                return !d.active() && d.persistent != null;
            }
        }).count();
    }

    // ------------------------------------------------------------ definitions

    /** Parses a definition with this driver's defaults and checks that it can run here. */
    public DomainDef parse(String xml) {
        DomainDef def = DomainDef.parse(xml, ParseContext.define(hook));
        CommandLine.build(def.copy(), target(def, layout.monitor(def.uuid())));
        return def;
    }

    private CommandLine.Target target(DomainDef def, Path monitor) {
        return target(def, monitor, java.util.Map.of());
    }

    private CommandLine.Target target(DomainDef def, Path monitor,
            java.util.Map<String, io.jvirt.driver.qemu.storage.VolumeDisks.Source> volumes) {
        String e = def.emulator();
        QemuCaps c = e == null || e.equals(caps.emulator()) ? caps
                : otherEmulators.computeIfAbsent(e, k -> probe.capabilities(Path.of(k)));
        return new CommandLine.Target(c, kvmUsable(), monitor, volumes);
    }

    /** The storage driver for calls no connection makes (autostart): set by the driver component. */
    private volatile io.jvirt.driver.qemu.storage.VolumeDisks.Access storage;

    public void storage(io.jvirt.driver.qemu.storage.VolumeDisks.Access access) {
        this.storage = access;
    }

    private java.util.Map<String, io.jvirt.driver.qemu.storage.VolumeDisks.Source> volumes(List<XmlNode> disks) {
        return io.jvirt.driver.qemu.storage.VolumeDisks.resolve(disks, storage);
    }

    /**
     * Defines or redefines a domain, transactionally: the definition file is written before the
     * domain joins the table or its definition changes, so any failure (a name the file system
     * refuses, a full disk) leaves memory and disk as they were.
     */
    public DomainRef define(String xml) {
        DomainDef def = parse(xml);
        def.checkDefinableName();
        while (true) {
            DomainObj fresh = new DomainObj(UUID.fromString(def.uuid()), def.name());
            DomainObj existing;
            // lock order: a domain, then the list (as remove() takes them); fresh is no one else's yet
            synchronized (fresh) {
                synchronized (listLock) {
                    existing = find(def);
                    if (existing == null) {
                        writeConfig(def);
                        clearNamePaths(def.name());
                        fresh.persistent = def;
                        add(fresh);
                    }
                }
            }
            if (existing == null) {
                DomainRef ref = ref(fresh);
                events.lifecycle(ref, DomainLifecycle.DEFINED, 0);
                return ref;
            }
            synchronized (existing) {
                if (existing.removed) {
                    continue; // undefined meanwhile: define it anew
                }
                writeConfig(def);
                existing.persistent = def;
            }
            DomainRef ref = ref(existing);
            events.lifecycle(ref, DomainLifecycle.DEFINED, 1);
            return ref;
        }
    }

    /** The domain of this name and UUID, or null when there is none; a clash of one with the other is an error. */
    private DomainObj find(DomainDef def) {
        UUID uuid = UUID.fromString(def.uuid());
        DomainObj byU = byUuid.get(uuid);
        DomainObj byN = byName.get(def.name());
        // libvirtd 9.0 (virsh define / create of a clashing name or UUID): code 9, domain 20
        if (byU != null && !byU.name.equals(def.name())) {
            throw clash("domain '" + byU.name + "' is already defined with uuid " + uuid);
        }
        if (byU == null && byN != null) {
            throw clash("domain '" + def.name() + "' already exists with uuid " + byN.uuid);
        }
        return byU;
    }

    private static VirtException clash(String message) {
        return new VirtException(io.jvirt.api.ErrorCode.OPERATION_FAILED, io.jvirt.api.ErrorDomain.DOMAIN,
                "operation failed: " + message);
    }

    /** The domain of this name and UUID, added when new (loading state at initialisation). */
    private DomainObj claim(DomainDef def) {
        DomainObj d = find(def);
        if (d == null) {
            d = new DomainObj(UUID.fromString(def.uuid()), def.name());
            add(d);
        }
        return d;
    }

    private void add(DomainObj d) {
        byUuid.put(d.uuid, d);
        byName.put(d.name, d);
    }

    private void remove(DomainObj d) {
        synchronized (listLock) {
            d.removed = true;
            byUuid.remove(d.uuid, d);
            byName.remove(d.name, d);
        }
    }

    /**
     * What an earlier domain of a new domain's name may have left (an autostart marker of an undefine
     * cut short), cleared as libvirt clears a new name's snapshot and checkpoint directories; its
     * definition file, just written, goes again when this fails. The marker path of {@code .} and
     * {@code ..} is a directory: libvirtd 9.0 fails on {@code .} with {@code VIR_ERR_SYSTEM_ERROR}
     * "Cannot delete directory '.../snapshot/.': Invalid argument" (on {@code ..} it deletes its own
     * state directory's contents before it fails), so both fail here with that error on this path.
     */
    private void clearNamePaths(String name) {
        Path marker = layout.autostart().resolve(name);
        try {
            if (Files.isDirectory(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw QemuErrors.system(io.jvirt.api.ErrorDomain.NONE, "Cannot delete directory '" + marker + "'",
                        "Invalid argument");
            }
            try {
                AtomicFiles.delete(marker);
            } catch (IOException e) {
                throw QemuErrors.system(e);
            }
        } catch (VirtException e) {
            try {
                AtomicFiles.delete(layout.configFile(name));
            } catch (IOException again) {
                LOG.warning("cannot remove " + layout.configFile(name) + " again: " + again);
            }
            throw e;
        }
    }

    private void writeConfig(DomainDef def) {
        try {
            AtomicFiles.write(layout.configFile(def.name()), def.format(FormatFlag.INACTIVE, FormatFlag.SECURE));
        } catch (IOException e) {
            throw QemuErrors.system(e);
        }
    }

    public void undefine(DomainRef ref) {
        DomainObj d = obj(ref);
        DomainRef r;
        synchronized (d) {
            if (d.persistent == null) {
                throw QemuErrors.operationInvalid("cannot undefine transient domain");
            }
            try {
                // the marker first: an undefine cut short leaves a definition, never a lone marker
                AtomicFiles.delete(layout.autostart().resolve(d.name));
                d.autostart = false;
                AtomicFiles.delete(layout.configFile(d.name));
            } catch (IOException e) {
                throw QemuErrors.system(e);
            }
            d.persistent = null;
            d.autostart = false;
            if (!d.active()) {
                remove(d);
            }
            r = d.ref();
        }
        events.lifecycle(r, DomainLifecycle.UNDEFINED, 0);
    }

    public boolean isPersistent(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            return d.persistent != null;
        }
    }

    public boolean isActive(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            return d.active();
        }
    }

    public boolean getAutostart(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            return d.autostart;
        }
    }

    public void setAutostart(DomainRef ref, boolean on) {
        DomainObj d = obj(ref);
        synchronized (d) {
            if (d.persistent == null) {
                throw QemuErrors.operationInvalid("cannot set autostart for transient domain");
            }
            try {
                if (on) {
                    AtomicFiles.write(layout.autostart().resolve(d.name), d.name + "\n");
                } else {
                    AtomicFiles.delete(layout.autostart().resolve(d.name));
                }
            } catch (IOException e) {
                throw QemuErrors.system(e);
            }
            d.autostart = on;
        }
    }

    public String xml(DomainRef ref, boolean inactive, boolean secure) {
        DomainObj d = obj(ref);
        synchronized (d) {
            if (d.active() && !inactive) {
                return d.liveXml;
            }
            DomainDef def = inactive && d.persistent != null ? d.persistent : d.current();
            List<FormatFlag> flags = new ArrayList<>();
            if (inactive || !d.active()) {
                flags.add(FormatFlag.INACTIVE);
            }
            if (secure) {
                flags.add(FormatFlag.SECURE);
            }
            return def.format(flags.isEmpty() ? java.util.EnumSet.noneOf(FormatFlag.class) : java.util.EnumSet.copyOf(flags));
        }
    }

    public DomainStateReason state(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            return new DomainStateReason(d.state, d.reason);
        }
    }

    public DomainInfo info(DomainRef ref) {
        DomainObj d = obj(ref);
        Guest g;
        DomainDef def;
        DomainState state;
        synchronized (d) {
            g = d.guest;
            def = d.current();
            state = d.state;
        }
        long max = def.memoryKiB() == null ? 0 : def.memoryKiB();
        long cur = def.currentMemoryKiB() == null ? max : def.currentMemoryKiB();
        long cpu = 0;
        if (g != null) {
            cpu = ProcInfo.of(g.pid).map(ProcInfo::cpuTimeNs).orElse(0L);
            try {
                cur = g.qmp().execute("query-balloon").path("actual").asLong(cur * 1024) / 1024;
            } catch (RuntimeException e) {
                // no balloon device: the configured current memory stands
            }
        }
        return new DomainInfo(state, max, cur, def.vcpus().current(), cpu);
    }

    /**
     * virDomainGetMessages: the taint of a running guest whose QEMU has root's user or group, worded as
     * libvirtd 9.0 says it for the same guest (running as root, security driver none: "tainted:
     * running with undesirable elevated privileges" for flags 0, TAINTING (2) and both; nothing for
     * DEPRECATION (1) or a shut-off domain). libvirt's other taints (custom argv, host CPU, ...) are
     * not reported.
     */
    public List<String> messages(DomainRef ref, int flags) {
        DomainObj d = obj(ref);
        Guest g;
        synchronized (d) {
            g = d.guest;
        }
        boolean tainting = flags == 0 || (flags & 2) != 0;
        if (g != null && tainting && ProcInfo.privileged(g.pid)) {
            return List.of("tainted: running with undesirable elevated privileges");
        }
        return List.of();
    }

    /** The domain as statistics read it (see {@link RuntimeView}). */
    public RuntimeView runtime(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            Guest g = d.guest;
            return new RuntimeView(d.ref(), d.state, d.reason, d.current(), g == null ? -1 : g.pid,
                    g == null ? null : g.qmp);
        }
    }

    public long pid(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            return d.guest == null ? -1 : d.guest.pid;
        }
    }

    // ------------------------------------------------------------ lifecycle

    /**
     * Starts a transient domain (or a defined inactive one with this definition). A start that fails
     * takes a domain it added out of the table again, so nothing is left but QEMU's log.
     */
    public DomainRef createXML(String xml, boolean paused) {
        DomainDef def = parse(xml);
        while (true) {
            DomainObj fresh = new DomainObj(UUID.fromString(def.uuid()), def.name());
            DomainObj existing;
            synchronized (fresh) {
                synchronized (listLock) {
                    existing = find(def);
                    if (existing == null) {
                        add(fresh);
                    }
                }
                if (existing == null) {
                    try {
                        startWith(fresh, def, paused);
                    } catch (RuntimeException e) {
                        remove(fresh);
                        throw e;
                    }
                    return ref(fresh);
                }
            }
            synchronized (existing) {
                if (existing.removed) {
                    continue;
                }
                if (existing.active()) {
                    throw QemuErrors.operationInvalid("domain '" + def.name() + "' is already active");
                }
                startWith(existing, def, paused);
                return ref(existing);
            }
        }
    }

    public DomainRef start(DomainRef ref, int flags) {
        DomainObj d = obj(ref);
        return start(d, flags);
    }

    private DomainRef start(DomainObj d, int flags) {
        DomainDef def;
        synchronized (d) {
            if (d.active()) {
                throw QemuErrors.operationInvalid("domain is already running");
            }
            if (d.persistent == null) {
                throw QemuErrors.operationInvalid("domain '" + d.name + "' is not defined");
            }
            def = d.persistent;
        }
        startWith(d, def, (flags & 1) != 0);
        return ref(d);
    }

    private void startWith(DomainObj d, DomainDef def, boolean paused) {
        DomainRef started;
        synchronized (d) {
            if (d.active()) {
                throw QemuErrors.operationInvalid("domain is already running");
            }
            DomainDef live = def.copy();
            Path monitor = layout.monitor(live.uuid());
            if (monitor.toString().length() > SocketDir.SUN_PATH_MAX) {
                throw QemuErrors.internal("monitor socket path " + monitor + " is longer than " + SocketDir.SUN_PATH_MAX
                        + " bytes");
            }
            // a vnetN name is in no /sys/class/net until QEMU created its tap: held until then (or failure)
            try (Taps.Reservation tapNames = new Taps.Reservation()) {
                long t0 = System.nanoTime();
                Vcpus.checkStart(live);
                List<String> argv = CommandLine.build(live, target(live, monitor, volumes(live.devices("disk"))),
                        tapNames);
                // as libvirt: the id is taken before QEMU runs (it names the cgroup), and a failed start uses one up
                int id = nextId.getAndIncrement();
                io.jvirt.driver.qemu.cgroup.MachineCgroup cg = cgroup(live, id);
                long t1 = System.nanoTime();
                Guest g = spawn(d, live, argv, monitor, cg);
                long t2 = System.nanoTime();
                live.id(id);
                try {
                    readRuntime(g, live);
                    plugStartupVcpus(g, live);
                    if (cg != null) {
                        placeThreads(g, cg);
                    }
                    Taps.plug(null, Taps.of(live)); // QEMU created the taps: put them on their bridges
                    FilterBindings.create(this::nwfilter, live, live.devices("interface"));
                    long t3 = System.nanoTime();
                    d.live = live;
                    d.liveXml = live.format();
                    d.guest = g;
                    d.id = id;
                    d.state = paused ? DomainState.PAUSED : DomainState.RUNNING;
                    d.reason = paused ? DomainState.PAUSED_USER : DomainState.RUNNING_BOOTED;
                    // the status file exists before the guest runs: a crash of the platform from here on
                    // leaves a guest the next start finds (QMP tells whether cont happened)
                    writeStatus(d);
                    long t4 = System.nanoTime();
                    if (!paused) {
                        g.run("cont");
                    }
                    long t5 = System.nanoTime();
                    appendLog(layout.logFile(live.name()), String.format(java.util.Locale.ROOT,
                            "started pid %d in %.1f ms: argv %.1f, spawn to monitor %.1f, runtime %.1f, status %.1f, cont %.1f%n",
                            g.pid, ms(t0, t5), ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5)));
                } catch (RuntimeException e) {
                    d.live = null;
                    d.liveXml = null;
                    d.guest = null;
                    d.id = -1;
                    d.state = DomainState.SHUTOFF;
                    d.reason = 6; // failed
                    g.destroying = true;
                    kill(g);
                    if (cg != null) {
                        cg.remove();
                    }
                    removeRuntimeFiles(d.name, live.uuid());
                    throw e instanceof VirtException v ? v : QemuErrors.operationFailed("cannot start " + d.name + ": " + e.getMessage());
                }
            }
            started = d.ref();
        }
        if (!paused) {
            // libvirtd reports QEMU's RESUME of the first cont (the guest was paused starting up)
            // before the start itself: resumed/unpaused, then started/booted
            events.lifecycle(started, DomainLifecycle.RESUMED, 0);
        }
        events.lifecycle(started, DomainLifecycle.STARTED, 0);
        if (paused) {
            events.lifecycle(started, DomainLifecycle.SUSPENDED, 0);
        }
    }

    /** What a start that failed may have left under run/: the status file, the monitor and channel sockets. */
    private void removeRuntimeFiles(String name, String uuid) {
        try {
            AtomicFiles.delete(layout.statusFile(name));
        } catch (IOException e) {
            // a name too long for the file system had no status file either
        }
        removeSockets(uuid);
    }

    /**
     * The guest's cgroup, made now (before QEMU runs), and its partition in the live definition's
     * {@code <resource>}; null when the host gives guests no cgroups.
     */
    private io.jvirt.driver.qemu.cgroup.MachineCgroup cgroup(DomainDef live, int id) {
        if (!cgroupHost.available()) {
            return null;
        }
        XmlNode resource = live.section("resource");
        XmlNode partition = resource == null ? null : resource.childOrNull("partition");
        String part = partition == null || partition.text() == null || partition.text().isBlank()
                ? io.jvirt.driver.qemu.cgroup.MachineCgroup.DEFAULT_PARTITION : partition.text().trim();
        if (!part.startsWith("/")) {
            throw QemuErrors.unsupported("resource partition '" + part + "' must start with '/'");
        }
        io.jvirt.driver.qemu.cgroup.MachineCgroup cg = io.jvirt.driver.qemu.cgroup.MachineCgroup.of(cgroupHost, part,
                io.jvirt.driver.qemu.cgroup.MachineCgroup.machineName(embedRoot, id, live.name()));
        cg.create();
        if (resource == null) {
            resource = new XmlNode("resource");
            live.section(resource);
        }
        if (partition == null) {
            partition = new XmlNode("partition");
            resource.add(0, partition);
        }
        partition.text(part);
        return cg;
    }

    /** Before cont: QEMU's threads into the emulator and vcpuN groups, as libvirt's. */
    private static void placeThreads(Guest g, io.jvirt.driver.qemu.cgroup.MachineCgroup cg) {
        java.util.Map<Integer, Long> vcpus = new java.util.TreeMap<>();
        for (JsonNode c : g.qmp().execute("query-cpus-fast")) {
            vcpus.put(c.path("cpu-index").asInt(), c.path("thread-id").asLong());
        }
        try {
            cg.placeThreads(g.pid, vcpus);
        } catch (IOException e) {
            throw QemuErrors.system(io.jvirt.api.ErrorDomain.CGROUP, "Unable to place the threads of " + g.pid + " in " + cg.path(), e);
        }
    }

    private Guest spawn(DomainObj d, DomainDef live, List<String> argv, Path monitor,
            io.jvirt.driver.qemu.cgroup.MachineCgroup cg) {
        Path log = layout.logFile(live.name());
        try {
            Files.deleteIfExists(monitor);
        } catch (IOException e) {
            throw QemuErrors.system(io.jvirt.api.ErrorDomain.QEMU, "Cannot remove stale monitor socket '" + monitor + "'", e);
        }
        try {
            Files.writeString(log, java.time.Instant.now() + " starting: " + String.join(" ", argv) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw QemuErrors.system(io.jvirt.api.ErrorDomain.QEMU, "Failed to create file '" + log + "'", e);
        }
        Process p;
        try {
            // output to the log file, input from /dev/null: nothing ties QEMU to this JVM's pipes,
            // so a guest outlives the platform
            p = new ProcessBuilder(io.jvirt.driver.qemu.process.Detached.argv(argv, cg == null ? List.of() : cg.procsFiles())).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw QemuErrors.operationFailed("cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        long start = ProcInfo.of(p.pid()).map(ProcInfo::startTicks).orElse(0L);
        Guest g = new Guest(p.pid(), start, monitor, p);
        g.cgroup = cg;
        p.onExit().thenRun(() -> g.exited.complete(null));
        g.exited.thenRun(() -> exitedLater(d, g));
        try {
            g.qmp = QmpClient.connect(monitor, listener(d, g), MONITOR_CONNECT_MS, p::isAlive);
        } catch (QmpException e) {
            kill(g);
            if (cg != null) {
                cg.remove();
            }
            removeRuntimeFiles(live.name(), live.uuid());
            throw QemuErrors.operationFailed("QEMU for " + live.name() + " did not start: " + logTail(log));
        }
        return g;
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static void appendLog(Path log, String line) {
        try {
            Files.writeString(log, java.time.Instant.now() + " " + line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.fine(() -> "cannot write " + log + ": " + e);
        }
    }

    private static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())).trim();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Fills the live definition with what QEMU assigned: pty paths, the VNC port. */
    private static void readRuntime(Guest g, DomainDef live) {
        boolean pty = false;
        boolean channels = false;
        for (XmlNode c : live.devices()) {
            pty |= (c.name().equals("serial") || c.name().equals("console") || c.name().equals("channel"))
                    && "pty".equals(c.attr("type"));
            channels |= c.name().equals("channel");
        }
        if (pty || channels) {
            java.util.Map<String, String> paths = new java.util.HashMap<>();
            java.util.Map<String, Boolean> open = new java.util.HashMap<>();
            for (JsonNode c : g.qmp().execute("query-chardev")) {
                String file = c.path("filename").asText();
                if (file.startsWith("pty:")) {
                    paths.put(c.path("label").asText(), file.substring(4));
                }
                open.put(c.path("label").asText(), c.path("frontend-open").asBoolean());
            }
            for (XmlNode c : live.devices("channel")) {
                // as libvirt: whether the guest side of a virtio port is open (the agent runs)
                XmlNode t = c.childOrNull("target");
                String alias = c.child("alias").map(a -> a.attr("name")).orElse(null);
                if (t != null && "virtio".equals(t.attr("type")) && open.containsKey("char" + alias)) {
                    t.set("state", open.get("char" + alias) ? "connected" : "disconnected");
                }
            }
            for (XmlNode c : live.devices()) {
                if ((c.name().equals("serial") || c.name().equals("console") || c.name().equals("channel"))
                        && "pty".equals(c.attr("type"))) {
                    String alias = c.child("alias").map(a -> a.attr("name")).orElse(null);
                    String path = paths.get("char" + alias);
                    if (path != null) {
                        XmlNode src = c.childOrNull("source");
                        if (src == null) {
                            src = new XmlNode("source");
                            c.add(0, src);
                        }
                        src.set("path", path);
                        if (c.name().equals("console")) {
                            c.set("tty", path);
                        }
                    }
                }
            }
        }
        if (!live.devices("graphics").isEmpty()) {
            JsonNode vnc = g.qmp().execute("query-vnc");
            if (vnc.path("enabled").asBoolean()) {
                for (XmlNode gr : live.devices("graphics")) {
                    if ("vnc".equals(gr.attr("type"))) {
                        gr.set("port", vnc.path("service").asText());
                        for (XmlNode l : gr.children("listen")) {
                            if ("address".equals(l.attr("type")) && l.attr("address") == null) {
                                l.set("address", vnc.path("host").asText());
                            }
                        }
                        XmlNode first = gr.childOrNull("listen");
                        if (gr.attr("listen") == null && first != null && first.attr("address") != null) {
                            gr.set("listen", first.attr("address")); // libvirt mirrors the first listen address
                        }
                    }
                }
            }
        }
    }

    private QmpListener listener(DomainObj d, Guest g) {
        return new QmpListener() {
            @Override
            public void event(String name, JsonNode data) {
                switch (name) {
                    case "DEVICE_DELETED" -> {
                        String alias = data.path("device").asText(null);
                        if (alias != null) {
                            submit(() -> deviceDeleted(d, g, alias));
                        }
                        return;
                    }
                    case "ACPI_DEVICE_OST" -> {
                        JsonNode info = data.path("info");
                        if (info.path("source").asInt() == 3 && info.path("status").asInt(-1) == 0
                                && "CPU".equals(info.path("slot-type").asText())) {
                            submit(() -> cpusEjected(d, g));
                        }
                    }
                    case "BALLOON_CHANGE" -> {
                        submit(() -> balloonChanged(d, g, data.path("actual").asLong()));
                        return;
                    }
                    case "SHUTDOWN" -> {
                        if (g.destroying) {
                            g.shutdownWhileDestroyed = shutdownDetail(data);
                            return; // destroy() reports it, in order, before the stop
                        }
                    }
                    default -> {
                    }
                }
                submit(() -> onEvent(d, g, name, data));
            }

            @Override
            public void closed() {
                g.monitorClosed.complete(null);
                // the monitor ends when QEMU exits: wait (briefly) until the process is really gone,
                // so its disk locks are released before the domain is reported shut off
                if (g.process == null && !closed) {
                    awaitDeath(g);
                }
            }
        };
    }

    private void submit(Runnable r) {
        try {
            eventThread.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** For a QEMU this JVM did not spawn: polls /proc until it is gone or a zombie, bounded. */
    private static void awaitDeath(Guest g) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long park = 100_000;
        while (ProcInfo.isAlive(g.pid, g.startTicks)) {
            if (System.nanoTime() > deadline) {
                return;
            }
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, 10_000_000);
        }
        g.exited.complete(null);
    }

    private void onEvent(DomainObj d, Guest g, String name, JsonNode data) {
        if (closed) {
            return;
        }
        appendLog(layout.logFile(d.name), "QMP event " + name + " " + data + "\n");
        DomainRef ref;
        DomainEvent event = null;
        boolean crashed = false;
        synchronized (d) {
            if (d.guest != g) {
                return;
            }
            ref = d.ref();
            switch (name) {
                case "STOP" -> {
                    // after GUEST_PANICKED the domain is crashed, not paused: no event (libvirt's
                    // STOP handler races with its panic job and reports suspended/paused now and then)
                    if (Guest.expected(g.expectedStops)) {
                        return;
                    }
                    if (d.state == DomainState.RUNNING) {
                        d.state = DomainState.PAUSED;
                        d.reason = g.shutdownSeen ? 8 : 0; // shutting down / unknown
                        if (!g.shutdownSeen) {
                            event = new DomainEvent.Lifecycle(DomainLifecycle.SUSPENDED, 0);
                        }
                        writeStatusQuietly(d);
                    }
                }
                case "RESUME" -> {
                    if (Guest.expected(g.expectedResumes)) {
                        return;
                    }
                    if (d.state == DomainState.PAUSED || d.state == DomainState.CRASHED) {
                        // after on_crash restart the guest runs again "crashed", as libvirt says
                        d.reason = d.state == DomainState.CRASHED ? RUNNING_CRASHED : DomainState.RUNNING_UNPAUSED;
                        d.state = DomainState.RUNNING;
                        event = new DomainEvent.Lifecycle(DomainLifecycle.RESUMED, 0);
                        writeStatusQuietly(d);
                    }
                }
                case "RESET" -> event = new DomainEvent.Reboot();
                case "SHUTDOWN" -> {
                    // after a destroy, or the SIGTERM that ends a guest already powered off
                    if (g.destroying || g.shutdownSeen) {
                        return;
                    }
                    if (g.fakeReboot || action(d.live, "on_poweroff", "destroy").equals("restart")) {
                        // a reboot, or on_poweroff restart: no shutdown state, no event; the RESET
                        // event of system_reset reports the reboot
                        g.fakeReboot = false;
                        g.expectedStops.incrementAndGet(); // the STOP that follows this SHUTDOWN
                        fakeReboot(d, g, false);
                    } else {
                        g.shutdownSeen = true;
                        d.state = DomainState.SHUTDOWN;
                        d.reason = 1; // user
                        event = new DomainEvent.Lifecycle(DomainLifecycle.SHUTDOWN, shutdownDetail(data));
                        // -no-shutdown left QEMU stopped: on_poweroff is destroy, so end it
                        terminate(g);
                    }
                }
                case "GUEST_PANICKED" -> {
                    if (d.state == DomainState.CRASHED) {
                        return; // a second notifier of the same panic
                    }
                    d.state = DomainState.CRASHED;
                    d.reason = CRASHED_PANICKED;
                    writeStatusQuietly(d);
                    crashed = true;
                }
                default -> {
                    return;
                }
            }
        }
        if (event != null) {
            events.emit(ref, event);
        }
        if (crashed) {
            events.lifecycle(ref, DomainLifecycle.CRASHED, 0); // panicked
            onCrash(d, g);
        }
    }

    private static final int CRASHED_PANICKED = 1;
    private static final int RUNNING_CRASHED = 9;

    /** A lifecycle action of a definition ({@code on_crash} ...), with libvirt's default. */
    private static String action(DomainDef def, String section, String dflt) {
        XmlNode s = def == null ? null : def.section(section);
        return s == null || s.text() == null ? dflt : s.text().trim();
    }

    /**
     * The guest panicked (QEMU paused it, {@code -no-shutdown}): its {@code on_crash} action, as
     * libvirt's panic job does it: a memory dump first for the coredump actions (a failed dump
     * leaves the guest crashed), then destroy, restart (reset and run, "running (crashed)") or keep.
     */
    private void onCrash(DomainObj d, Guest g) {
        DomainRef stoppedRef = null;
        synchronized (d) {
            if (d.guest != g || d.state != DomainState.CRASHED) {
                return;
            }
            String action = action(d.live, "on_crash", "destroy");
            if (action.startsWith("coredump-")) {
                Path file = layout.dump().resolve(shortName(d) + "-"
                        + java.time.LocalDateTime.now().format(DUMP_TIME));
                try {
                    Files.createDirectories(layout.dump());
                    // synchronous (no detach): the guest is stopped and nothing else may happen meanwhile
                    g.qmp().send("dump-guest-memory", QmpClient.args().put("paging", false)
                            .put("protocol", "file:" + file)).get(DUMP_WAIT_MS, TimeUnit.MILLISECONDS);
                    appendLog(layout.logFile(d.name), "dumped the crashed guest's memory to " + file + "\n");
                } catch (Exception e) {
                    LOG.warning("Dump failed: memory dump of " + d.name + " to " + file + ": " + e);
                    appendLog(layout.logFile(d.name), "Dump failed: " + e + "\n");
                    return;
                }
                action = action.substring("coredump-".length());
            }
            switch (action) {
                case "destroy" -> {
                    g.destroying = true;
                    kill(g);
                    d.reason = DomainState.SHUTOFF_CRASHED;
                    stoppedRef = d.ref();
                    deactivate(d);
                }
                case "restart" -> fakeReboot(d, g, true);
                default -> {
                    // preserve: QEMU stays, paused in its guest-panicked state, for debugging
                }
            }
        }
        if (stoppedRef != null) {
            events.lifecycle(stoppedRef, DomainLifecycle.STOPPED, 2); // crashed
        }
    }

    private static final java.time.format.DateTimeFormatter DUMP_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm:ss");
    private static final long DUMP_WAIT_MS = 600_000;

    /** libvirt's short name of a running domain in file names: its id and at most 20 characters of its name. */
    private static String shortName(DomainObj d) {
        String n = d.name;
        return d.id + "-" + (n.codePointCount(0, n.length()) > 20 ? n.substring(0, n.offsetByCodePoints(0, 20)) : n);
    }

    /**
     * libvirt's fake reboot of a stopped guest: reset and run again. After a crash the RESUME event
     * makes it "running (crashed)" with a resumed event; after a power-off nothing is reported
     * but the RESET (a reboot event). Failing that, the guest is killed.
     */
    private static void fakeReboot(DomainObj d, Guest g, boolean afterCrash) {
        try {
            g.qmp().execute("system_reset");
            if (afterCrash) {
                g.qmp().execute("cont"); // not expected: its RESUME reports the restart
            } else {
                g.run("cont");
                d.reason = DomainState.RUNNING_BOOTED;
            }
        } catch (RuntimeException e) {
            LOG.warning("reboot of " + d.name + " failed: " + e.getMessage());
            signal(g, true);
        }
    }

    private void exitedLater(DomainObj d, Guest g) {
        submit(() -> stopped(d, g));
    }

    /** The QEMU of {@code g} is gone: shut off with libvirt's reason (destroyed, shutdown or crashed). */
    private void stopped(DomainObj d, Guest g) {
        if (closed && !g.destroying) {
            return; // the instance closed: a later one will find out from the status file
        }
        DomainRef ref;
        int detail;
        synchronized (d) {
            if (d.guest != g) {
                return;
            }
            if (g.destroying) {
                d.reason = DomainState.SHUTOFF_DESTROYED;
                detail = 1;
            } else if (g.shutdownSeen) {
                d.reason = DomainState.SHUTOFF_SHUTDOWN;
                detail = 0;
            } else {
                d.reason = DomainState.SHUTOFF_CRASHED;
                detail = 5; // failed
            }
            ref = d.ref();
            deactivate(d);
        }
        events.lifecycle(ref, DomainLifecycle.STOPPED, detail);
    }

    /** Clears the runtime state of a domain whose QEMU is gone; the caller holds its lock. */
    private void deactivate(DomainObj d) {
        Guest g = d.guest;
        if (d.live != null) {
            FilterBindings.delete(this::nwfilter, d.live.devices("interface"));
        }
        if (g != null && g.qmp != null) {
            g.qmp.close();
        }
        d.guest = null;
        d.live = null;
        d.liveXml = null;
        d.id = -1;
        d.state = DomainState.SHUTOFF;
        try {
            AtomicFiles.delete(layout.statusFile(d.name));
        } catch (IOException e) {
            LOG.warning("cannot remove the status of " + d.name + ": " + e);
        }
        if (g != null) {
            removeSockets(d.uuid.toString());
            if (g.cgroup != null) {
                g.cgroup.remove(); // QEMU is gone: its group is empty
            }
        }
        if (d.persistent == null) {
            remove(d);
        }
    }

    /** The shutdown event's detail for QEMU's SHUTDOWN: finished (0), after a guest (1) or host (2) request. */
    private static int shutdownDetail(JsonNode data) {
        return data.has("guest") ? (data.path("guest").asBoolean() ? 1 : 2) : 0;
    }

    /**
     * Ends the guest: SIGTERM, SIGKILL after 10 s unless graceful. QEMU answers SIGTERM with a
     * SHUTDOWN event, which libvirtd 9.0 reports before the stop ({@code virsh event --all --loop}
     * around {@code virsh destroy} of a running, paused or crashed guest: "Shutdown Finished after host
     * request", then "Stopped Destroyed"), unless the guest was shutting down already, a reboot was
     * under way or on_poweroff is restart, as for any SHUTDOWN.
     */
    public void destroy(DomainRef ref, boolean graceful) {
        DomainObj d = obj(ref);
        DomainRef r;
        int shutdown = -1;
        synchronized (d) {
            Guest g = d.guest;
            if (g == null) {
                throw QemuErrors.notRunning();
            }
            g.destroying = true;
            signal(g, false);
            if (!await(g, TERM_WAIT_MS)) {
                if (graceful) {
                    g.destroying = false;
                    throw QemuErrors.operationFailed("failed to terminate process " + g.pid + " with SIGTERM");
                }
                signal(g, true);
                if (!await(g, KILL_WAIT_MS)) {
                    throw QemuErrors.operationFailed("failed to kill process " + g.pid);
                }
            }
            try {
                g.monitorClosed.get(MONITOR_EOF_MS, TimeUnit.MILLISECONDS); // QEMU's last events are in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                // a monitor that does not end with its process has nothing more to say
            }
            if (d.state != DomainState.SHUTDOWN && !g.fakeReboot
                    && !action(d.live, "on_poweroff", "destroy").equals("restart")) {
                shutdown = g.shutdownWhileDestroyed;
            }
            d.reason = DomainState.SHUTOFF_DESTROYED;
            r = d.ref();
            deactivate(d);
        }
        if (shutdown >= 0) {
            events.lifecycle(r, DomainLifecycle.SHUTDOWN, shutdown);
        }
        events.lifecycle(r, DomainLifecycle.STOPPED, 1);
    }

    /** How long destroy waits, after QEMU exited, for its monitor's end (the events before it). */
    private static final long MONITOR_EOF_MS = 2_000;

    private static boolean await(Guest g, long ms) {
        try {
            g.exited.get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    private static void signal(Guest g, boolean kill) {
        if (!ProcInfo.isAlive(g.pid, g.startTicks)) {
            return; // never signal a pid that may belong to another process now
        }
        ProcessHandle.of(g.pid).ifPresent(h -> {
            if (kill) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        });
    }

    /** SIGTERM without waiting (after a guest power-off). */
    private static void terminate(Guest g) {
        signal(g, false);
    }

    /** Ends a QEMU that failed to start, bounded. */
    private static void kill(Guest g) {
        signal(g, false);
        if (!await(g, 2_000)) {
            signal(g, true);
            await(g, KILL_WAIT_MS);
        }
    }

    public void shutdown(DomainRef ref) {
        Guest g = running(ref);
        g.qmp().execute("system_powerdown");
    }

    public void reboot(DomainRef ref) {
        Guest g = running(ref);
        g.fakeReboot = true;
        g.qmp().execute("system_powerdown");
    }

    /**
     * One QMP command without arguments on a running guest, and its answer (what libvirt-qemu's
     * virDomainQemuMonitorCommand does for QMP); tests use it to see what the guest was given.
     */
    public JsonNode monitorCommand(DomainRef ref, String command) {
        return running(ref).qmp().execute(command);
    }

    public void reset(DomainRef ref) {
        running(ref).qmp().execute("system_reset");
    }

    private Guest running(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            if (d.guest == null) {
                throw QemuErrors.notRunning();
            }
            return d.guest;
        }
    }

    public void suspend(DomainRef ref) {
        DomainObj d = obj(ref);
        DomainRef r;
        synchronized (d) {
            if (d.guest == null) {
                throw QemuErrors.notRunning();
            }
            if (d.state == DomainState.PAUSED) {
                return;
            }
            d.guest.run("stop");
            d.state = DomainState.PAUSED;
            d.reason = DomainState.PAUSED_USER;
            writeStatusQuietly(d);
            r = d.ref();
        }
        events.lifecycle(r, DomainLifecycle.SUSPENDED, 0);
    }

    public void resume(DomainRef ref) {
        DomainObj d = obj(ref);
        DomainRef r;
        synchronized (d) {
            if (d.guest == null) {
                throw QemuErrors.notRunning();
            }
            if (d.state != DomainState.PAUSED) {
                throw QemuErrors.operationInvalid("domain is not paused");
            }
            d.guest.run("cont");
            d.state = DomainState.RUNNING;
            d.reason = DomainState.RUNNING_UNPAUSED;
            writeStatusQuietly(d);
            r = d.ref();
        }
        events.lifecycle(r, DomainLifecycle.RESUMED, 0);
    }

    // ------------------------------------------------------------ devices, memory, vcpus

    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;
    private static final int MEM_MAXIMUM = 4;
    /** libvirt waits this long for DEVICE_DELETED before it reports the request as sent. */
    private static final long UNPLUG_WAIT_MS = 5_000;

    /** LIVE and/or CONFIG from libvirt's flags (CURRENT: whichever the domain has now); checks both exist. */
    private static int impact(DomainObj d, int flags) {
        int f = flags & (AFFECT_LIVE | AFFECT_CONFIG);
        if (f == 0) {
            f = d.active() ? AFFECT_LIVE : AFFECT_CONFIG;
        }
        if ((f & AFFECT_LIVE) != 0 && !d.active()) {
            throw QemuErrors.notRunning();
        }
        if ((f & AFFECT_CONFIG) != 0 && d.persistent == null) {
            throw QemuErrors.operationInvalid("transient domains do not have any persistent config");
        }
        return f;
    }

    /** libvirt's check before it parses the device into a definition: a disk target is used once. */
    private static void checkNewDisk(DomainDef def, DeviceXml.Key key, boolean live) {
        if (!key.kind().equals("disk") || key.targetDev() == null) {
            return;
        }
        for (XmlNode d : def.devices("disk")) {
            if (key.targetDev().equals(d.child("target").map(t -> t.attr("dev")).orElse(null))) {
                throw live ? QemuErrors.operationFailed("target " + key.targetDev() + " already exists")
                        : QemuErrors.operationInvalid("target " + key.targetDev() + " already exists");
            }
        }
    }

    public void attachDevice(DomainRef ref, String xml, int flags) {
        DomainObj d = obj(ref);
        synchronized (d) {
            int f = impact(d, flags);
            DeviceXml.Key key = DeviceXml.key(xml);
            DeviceXml.Added config = null;
            if ((f & AFFECT_CONFIG) != 0) {
                checkNewDisk(d.persistent, key, false);
                config = DeviceXml.add(d.persistent, xml, this::parse);
                if (config.device().name().equals("disk")) {
                    volumes(List.of(config.device())); // a volume disk must name a volume that exists
                }
            }
            if ((f & AFFECT_LIVE) != 0) {
                checkNewDisk(d.live, key, true);
            }
            if ((f & AFFECT_LIVE) != 0) {
                attachLive(d, xml);
            }
            if (config != null) {
                writeConfig(config.def());
                d.persistent = config.def();
            }
        }
    }

    private void attachLive(DomainObj d, String xml) {
        Guest g = d.guest;
        DeviceXml.Added added = DeviceXml.add(d.live, xml, s -> DomainDef.parse(s, ParseContext.define(hook)));
        if (added.extra() > 0) {
            // a running guest cannot get a new PCI controller: the device needs a free slot
            throw QemuErrors.internal("No more available PCI slots");
        }
        XmlNode device = added.device().copy();
        switch (device.name()) {
            case "disk" -> {
                String bus = device.child("target").map(t -> t.attr("bus")).orElse("ide");
                if (!bus.equals("virtio") && !bus.equals("scsi")) {
                    throw new VirtException(io.jvirt.api.ErrorCode.OPERATION_UNSUPPORTED, io.jvirt.api.ErrorDomain.QEMU,
                            "Operation not supported: disk bus '" + bus + "' cannot be hotplugged.");
                }
            }
            case "interface" -> {
            }
            default -> throw new VirtException(io.jvirt.api.ErrorCode.OPERATION_UNSUPPORTED,
                    io.jvirt.api.ErrorDomain.QEMU,
                    "Operation not supported: live attach of device '" + device.name() + "' is not supported");
        }
        int firstNode = DeviceXml.highestBlockNode(g.qmp().execute("query-named-block-nodes")) + 1;
        List<DeviceXml.Qmp> done = new ArrayList<>();
        // as at start: the tap's name is held until netdev_add created it (or failed)
        try (Taps.Reservation tapNames = new Taps.Reservation()) {
            var vols = device.name().equals("disk") ? volumes(List.of(device))
                    : java.util.Map.<String, io.jvirt.driver.qemu.storage.VolumeDisks.Source>of();
            List<String> argv = CommandLine.hotplug(d.live, device, target(d.live, g.monitor, vols), firstNode, tapNames);
            for (DeviceXml.Qmp c : DeviceXml.toQmp(argv)) {
                g.qmp().execute(c.command(), c.args());
                done.add(c);
                if (c.command().equals("netdev_add")) {
                    FilterBindings.create(this::nwfilter, d.live, List.of(device)); // the tap exists now
                }
            }
        } catch (QmpException | VirtException e) {
            // undo the backends already added, newest first: a failed attach changes nothing
            for (int i = done.size() - 1; i >= 0; i--) {
                DeviceXml.Qmp c = done.get(i);
                try {
                    switch (c.command()) {
                        case "blockdev-add" -> g.qmp().execute("blockdev-del",
                                QmpClient.args().put("node-name", c.args().path("node-name").asText()));
                        case "netdev_add" -> g.qmp().execute("netdev_del",
                                QmpClient.args().put("id", c.args().path("id").asText()));
                        default -> {
                        }
                    }
                } catch (RuntimeException ignored) {
                    // best effort
                }
            }
            FilterBindings.delete(this::nwfilter, List.of(device));
            if (e instanceof VirtException v) {
                throw v;
            }
            throw QemuErrors.operationFailed("cannot attach " + device.name() + ": " + e.getMessage());
        }
        DeviceXml.insert(d.live.devices(), device, added.index());
        d.liveXml = d.live.format();
        writeStatus(d);
        Taps.tapOf(device).ifPresent(t -> Taps.plug(null, List.of(t))); // QEMU created the tap: onto its bridge, up
    }

    public void detachDevice(DomainRef ref, String xml, int flags) {
        DomainObj d = obj(ref);
        DeviceXml.Key key = DeviceXml.key(xml);
        if (!key.kind().equals("disk") && !key.kind().equals("interface")) {
            throw new VirtException(io.jvirt.api.ErrorCode.OPERATION_UNSUPPORTED, io.jvirt.api.ErrorDomain.QEMU,
                    "Operation not supported: detach of device '" + key.kind() + "' is not supported");
        }
        java.util.concurrent.CompletableFuture<Void> wait = null;
        synchronized (d) {
            int f = impact(d, flags);
            XmlNode inConfig = null;
            if ((f & AFFECT_CONFIG) != 0) {
                inConfig = find(d.persistent, key, false);
            }
            if ((f & AFFECT_LIVE) != 0) {
                wait = unplug(d, find(d.live, key, true));
            }
            if (inConfig != null) {
                DomainDef next = d.persistent.copy();
                next.devices().remove(d.persistent.devices().indexOf(inConfig));
                writeConfig(next);
                d.persistent = next;
            }
        }
        if (wait != null) {
            try {
                wait.get(UNPLUG_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // as libvirt: the guest has not released it yet; it leaves the live XML when it does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // the guest went away
            }
        }
    }

    private static XmlNode find(DomainDef def, DeviceXml.Key key, boolean live) {
        XmlNode found = null;
        for (XmlNode n : def.devices()) {
            if (key.matches(n)) {
                if (found != null) {
                    throw QemuErrors.operationFailed(key.mac() == null ? "multiple matching devices found"
                            : "multiple devices matching MAC address " + key.mac() + " found");
                }
                found = n;
            }
        }
        if (found == null) {
            String what = key.kind().equals("disk")
                    ? (live ? "disk " + key.targetDev() + " not found" : "no target device " + key.targetDev())
                    : "no device matching MAC address " + key.mac() + " found";
            throw new VirtException(io.jvirt.api.ErrorCode.DEVICE_MISSING, io.jvirt.api.ErrorDomain.DOMAIN, what);
        }
        return found;
    }

    /** Asks QEMU to remove a device; {@link #deviceDeleted} finishes once the guest let it go. */
    private java.util.concurrent.CompletableFuture<Void> unplug(DomainObj d, XmlNode device) {
        Guest g = d.guest;
        String alias = device.child("alias").map(a -> a.attr("name"))
                .orElseThrow(() -> QemuErrors.operationFailed("device alias not found"));
        List<DeviceXml.Qmp> cleanup = new ArrayList<>();
        if (device.name().equals("disk")) {
            for (JsonNode b : g.qmp().execute("query-block")) {
                String qdev = b.path("qdev").asText();
                String node = b.path("inserted").path("node-name").asText(null);
                if (node != null && (qdev.equals(alias) || qdev.startsWith("/machine/peripheral/" + alias + "/"))) {
                    cleanup.add(new DeviceXml.Qmp("blockdev-del", QmpClient.args().put("node-name", node)));
                    if (node.endsWith("-format")) {
                        cleanup.add(new DeviceXml.Qmp("blockdev-del", QmpClient.args().put("node-name",
                                node.substring(0, node.length() - "-format".length()) + "-storage")));
                    }
                }
            }
        } else {
            cleanup.add(new DeviceXml.Qmp("netdev_del", QmpClient.args().put("id", "host" + alias)));
        }
        Guest.Unplug mine = new Guest.Unplug(cleanup, new java.util.concurrent.CompletableFuture<>());
        Guest.Unplug u = g.unplugs.computeIfAbsent(alias, k -> mine);
        try {
            g.qmp().execute("device_del", QmpClient.args().put("id", alias));
        } catch (QmpException e) {
            g.unplugs.remove(alias, mine); // an earlier request still waiting keeps its cleanup
            throw QemuErrors.operationFailed("cannot detach " + alias + ": " + e.getMessage());
        }
        return u.done();
    }

    /** DEVICE_DELETED: the device left the guest: drop its backends and take it out of the live XML. */
    private void deviceDeleted(DomainObj d, Guest g, String alias) {
        Guest.Unplug u = g.unplugs.remove(alias);
        synchronized (d) {
            if (d.guest == g && d.live != null) {
                for (DeviceXml.Qmp c : u == null ? List.<DeviceXml.Qmp>of() : u.backendCleanup()) {
                    try {
                        g.qmp().execute(c.command(), c.args());
                    } catch (RuntimeException e) {
                        LOG.warning("after unplugging " + alias + " of " + d.name + ": " + c.command() + ": " + e.getMessage());
                    }
                }
                List<Vcpus.Vcpu> vcpus = Vcpus.of(d.live);
                var vcpu = vcpus.stream().filter(c -> c.enabled() && c.alias().equals(alias)).findFirst();
                if (vcpu.isPresent()) {
                    Vcpus.write(d.live, Vcpus.with(vcpus, vcpu.get(), false));
                    d.liveXml = d.live.format();
                    writeStatusQuietly(d);
                } else if (d.live.devices().removeIf(n -> {
                    boolean gone = alias.equals(n.child("alias").map(a -> a.attr("name")).orElse(null));
                    if (gone && n.name().equals("interface")) {
                        FilterBindings.delete(this::nwfilter, List.of(n));
                    }
                    return gone;
                })) {
                    d.liveXml = d.live.format();
                    writeStatusQuietly(d);
                }
            }
        }
        if (u != null) {
            u.done().complete(null);
        }
    }

    /**
     * The guest completed a CPU eject (ACPI _OST, source eject, status success). QEMU unrealizes the CPU
     * then, but under TCG (QEMU 7.2) the CPU object is never finalized, so its DEVICE_DELETED never comes:
     * a vCPU waiting to leave has left once QEMU no longer lists it in query-hotpluggable-cpus.
     */
    private void cpusEjected(DomainObj d, Guest g) {
        List<String> waiting = g.unplugs.keySet().stream().filter(a -> a.matches("vcpu\\d+")).toList();
        if (waiting.isEmpty()) {
            return;
        }
        java.util.Set<String> present = new java.util.HashSet<>();
        try {
            for (JsonNode slot : g.qmp().execute("query-hotpluggable-cpus")) {
                present.add(slot.path("qom-path").asText());
            }
        } catch (RuntimeException e) {
            return; // the guest went away
        }
        for (String alias : waiting) {
            if (!present.contains("/machine/peripheral/" + alias)) {
                deviceDeleted(d, g, alias);
            }
        }
    }

    public void setMemory(DomainRef ref, long kib, int flags) {
        DomainObj d = obj(ref);
        synchronized (d) {
            int f = impact(d, flags);
            if ((flags & MEM_MAXIMUM) != 0) {
                if ((f & AFFECT_LIVE) != 0) {
                    throw QemuErrors.operationInvalid("cannot resize the maximum memory on an active domain");
                }
                DomainDef next = d.persistent.copy();
                next.setMemoryKiB(kib);
                writeConfig(next);
                d.persistent = next;
                return;
            }
            if ((f & AFFECT_LIVE) != 0) {
                checkMemory(d.live, kib);
                if (d.live.devices("memballoon").stream().noneMatch(b -> "virtio".equals(b.attr("model")))) {
                    throw QemuErrors.operationInvalid(
                            "Unable to change memory of active domain without the balloon device and guest OS balloon driver");
                }
            }
            if ((f & AFFECT_CONFIG) != 0) {
                checkMemory(d.persistent, kib);
            }
            if ((f & AFFECT_LIVE) != 0) {
                // the guest's balloon driver acts on it; BALLOON_CHANGE reports what it reached
                d.guest.qmp().execute("balloon", QmpClient.args().put("value", kib * 1024));
            }
            if ((f & AFFECT_CONFIG) != 0) {
                DomainDef next = d.persistent.copy();
                next.setCurrentMemoryKiB(kib);
                writeConfig(next);
                d.persistent = next;
            }
        }
    }

    private static void checkMemory(DomainDef def, long kib) {
        if (def.memoryKiB() != null && kib > def.memoryKiB()) {
            throw QemuErrors.invalidArg("cannot set memory higher than max memory");
        }
        if (kib <= 0) {
            throw QemuErrors.invalidArg("memory must be positive");
        }
    }

    /** BALLOON_CHANGE: the guest's balloon reached a new size; the live definition's current memory follows. */
    private void balloonChanged(DomainObj d, Guest g, long bytes) {
        synchronized (d) {
            if (d.guest == g && d.live != null) {
                d.live.setCurrentMemoryKiB(Math.min(bytes / 1024, d.live.memoryKiB()));
                d.liveXml = d.live.format();
                writeStatusQuietly(d);
            }
        }
    }

    /**
     * virDomainSetMemoryStatsPeriod: how often the guest's balloon driver reports its memory figures
     * ({@code <memballoon><stats period>}), set in QEMU and/or the configuration.
     */
    public void setMemoryStatsPeriod(DomainRef ref, int period, int flags) {
        if (period < 0) {
            throw QemuErrors.invalidArg("period in virDomainSetMemoryStatsPeriod must be greater than or equal to 0");
        }
        DomainObj d = obj(ref);
        synchronized (d) {
            int f = impact(d, flags);
            XmlNode liveBalloon = (f & AFFECT_LIVE) != 0 ? statsBalloon(d.live) : null;
            DomainDef next = (f & AFFECT_CONFIG) != 0 ? d.persistent.copy() : null;
            XmlNode configBalloon = next == null ? null : statsBalloon(next);
            if (liveBalloon != null) {
                String alias = liveBalloon.child("alias").map(a -> a.attr("name")).orElse("balloon0");
                try {
                    d.guest.qmp().execute("qom-set", QmpClient.args().put("path", "/machine/peripheral/" + alias)
                            .put("property", "guest-stats-polling-interval").put("value", period));
                } catch (QmpException e) {
                    throw QemuErrors.operationInvalid("unable to set balloon driver collection period");
                }
                setStatsPeriod(liveBalloon, period);
                d.liveXml = d.live.format();
                writeStatusQuietly(d);
            }
            if (configBalloon != null) {
                setStatsPeriod(configBalloon, period);
                writeConfig(next);
                d.persistent = next;
            }
        }
    }

    private static XmlNode statsBalloon(DomainDef def) {
        return def.devices("memballoon").stream().filter(b -> "virtio".equals(b.attr("model"))).findFirst()
                .orElseThrow(() -> QemuErrors.internal("No memory balloon device configured, can not set the collection period"));
    }

    /** libvirt writes {@code <stats period>} only when it is not 0. */
    private static void setStatsPeriod(XmlNode balloon, int period) {
        XmlNode stats = balloon.childOrNull("stats");
        if (period == 0) {
            if (stats != null) {
                balloon.children().remove(stats);
            }
            return;
        }
        if (stats == null) {
            stats = new XmlNode("stats");
            balloon.add(0, stats);
        }
        stats.set("period", Integer.toString(period));
    }

    public void setVcpus(DomainRef ref, int count, int flags) {
        DomainObj d = obj(ref);
        boolean maximum = (flags & MEM_MAXIMUM) != 0;
        if (count == 0) {
            throw new VirtException(io.jvirt.api.ErrorCode.INVALID_ARG, io.jvirt.api.ErrorDomain.DOMAIN,
                    "nvcpus in virDomainSetVcpusFlags must not be zero");
        }
        if (maximum && (flags & AFFECT_CONFIG) == 0) {
            throw new VirtException(io.jvirt.api.ErrorCode.INVALID_ARG, io.jvirt.api.ErrorDomain.DOMAIN,
                    "Flag 'VIR_DOMAIN_AFFECT_CONFIG' is required by flag 'VIR_DOMAIN_VCPU_MAXIMUM'");
        }
        String requested = Integer.toUnsignedString(count); // an unsigned int on libvirt's wire
        List<java.util.concurrent.CompletableFuture<Void>> unplugs = List.of();
        boolean config;
        synchronized (d) {
            int f = impact(d, flags);
            config = (f & AFFECT_CONFIG) != 0;
            if ((f & AFFECT_LIVE) != 0) {
                if (maximum) {
                    throw QemuErrors.invalidArg("cannot change maximum vCPUs of a running domain");
                }
                int max = d.live.vcpus().max();
                if (count < 0 || count > max) {
                    throw QemuErrors.invalidArg("requested vcpus is greater than max allowable vcpus for the live domain: "
                            + requested + " > " + max);
                }
            }
            if (config) {
                configVcpus(d.persistent, count, requested, maximum); // checked before anything changes
            }
            if ((f & AFFECT_LIVE) != 0) {
                int current = d.live.vcpus().current();
                if (count > current) {
                    plugVcpus(d, count);
                } else if (count < current) {
                    unplugs = unplugVcpus(d, count);
                }
            }
            if (config && unplugs.isEmpty()) {
                commitConfigVcpus(d, count, requested, maximum);
                return;
            }
        }
        // as libvirt: each removal waits (bounded) for the guest to eject the CPU; the live XML
        // follows DEVICE_DELETED whenever it comes
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UNPLUG_WAIT_MS);
        for (var u : unplugs) {
            try {
                u.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new VirtException(io.jvirt.api.ErrorCode.OPERATION_TIMEOUT, io.jvirt.api.ErrorDomain.QEMU,
                        "Timed out during operation: vcpu unplug request timed out. Unplug result must be manually"
                                + " inspected in the domain");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw QemuErrors.operationFailed("interrupted waiting for the vcpu unplug");
            } catch (java.util.concurrent.ExecutionException e) {
                throw QemuErrors.operationFailed("the guest went away during the vcpu unplug");
            }
        }
        if (config) {
            synchronized (d) {
                if (d.persistent != null) {
                    commitConfigVcpus(d, count, requested, maximum);
                }
            }
        }
    }

    /** The persistent definition with {@code count} vCPUs (or as maximum); refuses what libvirt refuses. */
    private DomainDef configVcpus(DomainDef persistent, int count, String requested, boolean maximum) {
        DomainDef next = persistent.copy();
        var v = next.vcpus();
        if (maximum) {
            next.setVcpus(count, Math.min(v.current(), count));
        } else {
            if (count < 0 || count > v.max()) {
                throw QemuErrors.invalidArg("requested vcpus is greater than max allowable vcpus for the persistent domain: "
                        + requested + " > " + v.max());
            }
            next.setVcpus(v.max(), count);
        }
        parse(next.format(FormatFlag.INACTIVE, FormatFlag.SECURE)); // still runnable here
        return next;
    }

    private void commitConfigVcpus(DomainObj d, int count, String requested, boolean maximum) {
        DomainDef next = configVcpus(d.persistent, count, requested, maximum);
        writeConfig(next);
        d.persistent = next;
    }

    /** With {@code <vcpus>}: plugs the enabled hotpluggable vCPUs into the paused QEMU and records the live order. */
    private static void plugStartupVcpus(Guest g, DomainDef live) {
        if (live.section("vcpus") == null) {
            return;
        }
        List<Vcpus.Vcpu> table = Vcpus.of(live);
        List<Vcpus.Vcpu> plug = Vcpus.startupPlugs(table);
        if (!plug.isEmpty()) {
            JsonNode slots = g.qmp().execute("query-hotpluggable-cpus");
            for (Vcpus.Vcpu c : plug) {
                try {
                    g.qmp().execute("device_add", Vcpus.deviceAdd(slots, c));
                } catch (QmpException e) {
                    throw QemuErrors.internal("unable to execute QEMU command 'device_add': " + e.getMessage());
                }
            }
        }
        Vcpus.write(live, Vcpus.started(table, plug));
    }

    /** Plugs vCPUs up to {@code count}; those plugged before a failure stay (and show in the live XML). */
    private void plugVcpus(DomainObj d, int count) {
        List<Vcpus.Vcpu> table = Vcpus.of(d.live);
        List<Vcpus.Vcpu> plug = Vcpus.toPlug(table, count);
        JsonNode slots = d.guest.qmp().execute("query-hotpluggable-cpus");
        try {
            for (Vcpus.Vcpu c : plug) {
                try {
                    d.guest.qmp().execute("device_add", Vcpus.deviceAdd(slots, c));
                } catch (QmpException e) {
                    throw QemuErrors.internal("unable to execute QEMU command 'device_add': " + e.getMessage());
                }
                table = Vcpus.with(table, c, true);
            }
        } finally {
            Vcpus.write(d.live, table);
            d.liveXml = d.live.format();
            writeStatusQuietly(d);
        }
    }

    /** Asks QEMU to remove vCPUs down to {@code count}; {@link #deviceDeleted} disables each once the guest ejected it. */
    private List<java.util.concurrent.CompletableFuture<Void>> unplugVcpus(DomainObj d, int count) {
        Guest g = d.guest;
        List<java.util.concurrent.CompletableFuture<Void>> waits = new ArrayList<>();
        for (Vcpus.Vcpu c : Vcpus.toUnplug(Vcpus.of(d.live), count)) {
            Guest.Unplug mine = new Guest.Unplug(List.of(), new java.util.concurrent.CompletableFuture<>());
            Guest.Unplug u = g.unplugs.computeIfAbsent(c.alias(), k -> mine);
            try {
                g.qmp().execute("device_del", QmpClient.args().put("id", c.alias()));
            } catch (QmpException e) {
                g.unplugs.remove(c.alias(), mine);
                throw QemuErrors.internal("unable to execute QEMU command 'device_del': " + e.getMessage());
            }
            waits.add(u.done());
        }
        return waits;
    }

    public int getVcpus(DomainRef ref, int flags) {
        DomainObj d = obj(ref);
        if ((flags & (AFFECT_LIVE | AFFECT_CONFIG)) == (AFFECT_LIVE | AFFECT_CONFIG)) {
            throw new VirtException(io.jvirt.api.ErrorCode.INVALID_ARG, io.jvirt.api.ErrorDomain.DOMAIN,
                    "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
        }
        synchronized (d) {
            int f = impact(d, flags);
            DomainDef def = (f & AFFECT_LIVE) != 0 ? d.live : d.persistent;
            return (flags & MEM_MAXIMUM) != 0 ? def.vcpus().max() : def.vcpus().current();
        }
    }

    // ------------------------------------------------------------ events

    public int register(Object owner, UUID domain, int eventId, DomainEventSink sink) {
        return events.register(owner, domain, eventId, sink);
    }

    public void deregister(Object owner, int id) {
        events.deregister(owner, id);
    }

    public void deregisterAll(Object owner) {
        events.deregisterAll(owner);
        synchronized (secondaries) {
            secondaries.remove(owner);
        }
    }

    /** A connection's secondary connections (of this instance's scope): how guests' filters get bound. */
    public void useSecondaries(Object owner, io.jvirt.spi.SecondaryConnections s) {
        synchronized (secondaries) {
            secondaries.remove(owner);
            secondaries.put(owner, s);
        }
    }

    /** The scope's nwfilter connection, through the newest open connection's secondaries. */
    private io.jvirt.api.Connect nwfilter() {
        io.jvirt.spi.SecondaryConnections s = null;
        synchronized (secondaries) {
            for (io.jvirt.spi.SecondaryConnections each : secondaries.values()) {
                s = each;
            }
        }
        if (s == null) {
            throw QemuErrors.internal("cannot reach the nwfilter driver: no connection of this QEMU instance is open");
        }
        return s.open("nwfilter");
    }

    // ------------------------------------------------------------ status files and reattach

    private void writeStatus(DomainObj d) {
        Guest g = d.guest;
        Status s = new Status(d.id, g.pid, g.startTicks, g.monitor.toString(), d.state.value(), d.reason,
                d.liveXml, g.cgroup == null ? null : g.cgroup.path());
        try {
            AtomicFiles.write(layout.statusFile(d.name), QmpClient.JSON.writeValueAsBytes(s));
        } catch (IOException e) {
            throw QemuErrors.system(e);
        }
    }

    private void writeStatusQuietly(DomainObj d) {
        try {
            writeStatus(d);
        } catch (VirtException e) {
            LOG.warning(e.getMessage());
        }
    }

    private void loadConfigs() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.config(), "*.xml")) {
            for (Path p : ds) {
                try {
                    DomainDef def = DomainDef.parse(Files.readString(p), ParseContext.define(hook));
                    synchronized (listLock) {
                        DomainObj d = claim(def);
                        d.persistent = def;
                        d.autostart = Files.isRegularFile(layout.autostart().resolve(def.name()));
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warning("ignoring " + p + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw QemuErrors.internal("cannot read " + layout.config() + ": " + e.getMessage());
        }
    }

    private void reattachAll() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.run(), "*.json")) {
            for (Path p : ds) {
                try {
                    reattach(p, QmpClient.JSON.readValue(p.toFile(), Status.class));
                } catch (IOException | RuntimeException e) {
                    LOG.warning("cannot reattach from " + p + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw QemuErrors.internal("cannot read " + layout.run() + ": " + e.getMessage());
        }
    }

    /** Finds the QEMU of a status file again: same pid, same start time, our monitor on its command line. */
    private void reattach(Path file, Status s) throws IOException {
        DomainDef live = DomainDef.parse(s.xml(), new ParseContext(hook, false));
        live.id(s.id());
        boolean same = ProcInfo.isAlive(s.pid(), s.startTicks())
                && ProcInfo.cmdline(s.pid()).stream().anyMatch(a -> a.contains(s.monitor()));
        DomainObj d;
        synchronized (listLock) {
            d = claim(live);
        }
        if (!same) {
            // the guest ended while no driver watched it: shut off; a transient one is gone
            LOG.info(live.name() + " (pid " + s.pid() + ") is no longer running");
            AtomicFiles.delete(file);
            synchronized (d) {
                d.state = DomainState.SHUTOFF;
                d.reason = 0; // unknown
                if (d.persistent == null) {
                    remove(d);
                }
            }
            return;
        }
        layout.sockets().path(); // the monitor is named through it: made again if a cleaner took it
        Guest g = new Guest(s.pid(), s.startTicks(), Path.of(s.monitor()), null);
        if (s.cgroup() != null) {
            io.jvirt.driver.qemu.cgroup.MachineCgroup cg = new io.jvirt.driver.qemu.cgroup.MachineCgroup(cgroupHost, s.cgroup());
            if (cg.holds(s.pid())) {
                g.cgroup = cg;
            } else {
                LOG.warning(live.name() + " (pid " + s.pid() + ") is no longer in its cgroup " + s.cgroup());
            }
        }
        g.exited.thenRun(() -> exitedLater(d, g));
        synchronized (d) {
            g.qmp = QmpClient.connect(g.monitor, listener(d, g), 5_000, () -> ProcInfo.isAlive(s.pid(), s.startTicks()));
            String status = g.qmp.execute("query-status").path("status").asText();
            d.live = live;
            d.liveXml = s.xml();
            d.guest = g;
            d.id = s.id();
            nextId.accumulateAndGet(s.id() + 1, Math::max);
            switch (status) {
                case "running" -> {
                    d.state = DomainState.RUNNING;
                    d.reason = s.state() == DomainState.RUNNING.value() ? s.reason() : DomainState.RUNNING_UNPAUSED;
                }
                case "guest-panicked" -> {
                    d.state = DomainState.CRASHED; // preserved after a panic
                    d.reason = s.state() == DomainState.CRASHED.value() ? s.reason() : CRASHED_PANICKED;
                }
                case "shutdown" -> {
                    d.state = DomainState.SHUTDOWN;
                    d.reason = 1;
                    g.shutdownSeen = true;
                    terminate(g);
                }
                default -> {
                    d.state = DomainState.PAUSED;
                    d.reason = s.state() == DomainState.PAUSED.value() ? s.reason() : 0;
                }
            }
            writeStatusQuietly(d);
        }
    }

    /** Removes a guest's sockets (monitor, channels) from {@code run/}: QEMU may leave them when it is killed. */
    private void removeSockets(String uuid) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.run(), uuid + ".*")) {
            for (Path p : ds) {
                if (uuid.equals(Layout.socketOwner(p.getFileName().toString()))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot remove the sockets of " + uuid + ": " + e);
        }
    }

    /**
     * After the reattach: sockets of guests that no longer run (a QEMU killed while no driver watched)
     * and probe directories an interrupted probe left.
     */
    private void removeStaleSockets() {
        long probeAge = System.currentTimeMillis() - CapsProbe.MAX_PROBE_MS;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.run())) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                String owner = Layout.socketOwner(name);
                if (owner != null) {
                    DomainObj d = byUuid.get(UUID.fromString(owner));
                    boolean running;
                    if (d == null) {
                        running = false;
                    } else {
                        synchronized (d) {
                            running = d.guest != null;
                        }
                    }
                    if (!running) {
                        Files.deleteIfExists(p);
                    }
                } else if (name.startsWith(CapsProbe.DIR_PREFIX) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(p).toMillis() < probeAge) {
                    AtomicFiles.deleteTree(p);
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot clean " + layout.run() + ": " + e);
        }
    }

    /**
     * Lets go of every guest without touching it: monitors close, QEMU keeps running. With no guest
     * running, the short path of the sockets goes too (the next instance makes it again).
     */
    @Override
    public void close() {
        closed = true;
        boolean running = false;
        for (DomainObj d : byUuid.values()) {
            synchronized (d) {
                if (d.guest != null && d.guest.qmp != null) {
                    d.guest.qmp.close();
                }
                running |= d.guest != null;
            }
        }
        if (!running) {
            layout.sockets().release();
        }
        eventThread.shutdown();
    }

    public Collection<String> names() {
        return new ArrayList<>(byName.keySet());
    }
}
