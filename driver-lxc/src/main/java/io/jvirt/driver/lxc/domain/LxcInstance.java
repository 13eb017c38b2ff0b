package io.jvirt.driver.lxc.domain;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainLifecycle;
import io.jvirt.api.DomainState;
import io.jvirt.api.DomainStateReason;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.FormatFlag;
import io.jvirt.conf.domain.ParseContext;
import io.jvirt.driver.lxc.LxcErrors;
import io.jvirt.driver.lxc.cgroup.Cgroups;
import io.jvirt.driver.lxc.conf.LxcDefinition;
import io.jvirt.driver.lxc.conf.LxcDomainHook;
import io.jvirt.driver.lxc.controller.ControlSocket;
import io.jvirt.driver.lxc.controller.ControllerBinary;
import io.jvirt.driver.lxc.controller.Launcher;
import io.jvirt.driver.lxc.controller.Spec;
import io.jvirt.driver.lxc.util.AtomicFiles;
import io.jvirt.driver.lxc.util.ProcInfo;
import io.jvirt.driver.lxc.util.SocketDir;
import io.jvirt.spi.DomainEventSink;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.OncePerBoot;
import io.jvirt.spi.StreamRef;

/**
 * One LXC driver instance: every container whose state lives under one root ({@code config/},
 * {@code autostart/}, {@code run/}, {@code log/}, {@code bin/}). Containers are supervised by their
 * controllers, not by this instance: it starts them through the {@link Launcher}, watches each
 * over its control socket and, after a restart of the driver or the platform, finds them again
 * from {@code run/NAME.status}. Closing the instance leaves them running.
 */
public final class LxcInstance implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LxcInstance.class.getName());
    private static final long START_TIMEOUT_MS = 30_000;
    private static final long DESTROY_WAIT_MS = 10_000;
    /** libvirt's shutdown and reboot flags: initctl first, then a signal, or only one of them. */
    public static final int SHUTDOWN_INITCTL = 4;
    public static final int SHUTDOWN_SIGNAL = 8;

    private final Path root;
    private final Path config;
    private final Path autostartDir;
    private final Path run;
    private final Path log;
    private final SocketDir sockets;
    private final Cgroups cgroups;
    /** Where this instance's cgroups go under a domain's partition: "" for system, "jvirt-HASH/" for others. */
    private final String cgroupPrefix;
    private final Launcher launcher;
    private final LxcDomainHook hook;
    private final ExecutorService eventThread;
    private final EventHub events;
    private final ConcurrentHashMap<UUID, DomainObj> byUuid = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DomainObj> byName = new ConcurrentHashMap<>();
    private final Object listLock = new Object();
    private final Set<SocketChannel> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public LxcInstance(Path root, Cgroups cgroups, String cgroupPrefix) {
        this.root = root.toAbsolutePath().normalize();
        this.config = this.root.resolve("config");
        this.autostartDir = this.root.resolve("autostart");
        this.run = this.root.resolve("run");
        this.log = this.root.resolve("log");
        try {
            for (Path d : List.of(config, autostartDir, run, log)) {
                Files.createDirectories(d);
            }
            // the control sockets give whoever reaches them the containers: only this user
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw LxcErrors.internal("cannot create " + this.root + ": " + e.getMessage());
        }
        this.sockets = SocketDir.of(run);
        this.cgroups = cgroups;
        this.cgroupPrefix = cgroupPrefix;
        Path binary = ControllerBinary.install(this.root.resolve("bin"));
        this.launcher = new Launcher(binary, log.resolve("launcher.log"));
        this.hook = new LxcDomainHook(binary.toString());
        this.eventThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lxc-events-" + this.root.getFileName());
            t.setDaemon(true);
            return t;
        });
        this.events = new EventHub(eventThread);
    }

    /** Loads definitions, finds running containers again and, once per host boot, starts the autostart ones. */
    public LxcInstance initialize() {
        loadConfigs();
        reattachAll();
        if (OncePerBoot.in(run).claim()) {
            for (DomainObj d : byUuid.values()) {
                boolean start;
                synchronized (d) {
                    start = d.autostart && !d.active() && d.persistent != null;
                }
                if (start) {
                    try {
                        start(d);
                    } catch (VirtException e) {
                        LOG.warning("autostart of " + d.name + " failed: " + e.getMessage());
                    }
                }
            }
        }
        return this;
    }

    public Path root() {
        return root;
    }

    public Cgroups cgroups() {
        return cgroups;
    }

    // ------------------------------------------------------------ lookups

    public DomainRef lookupByName(String name) {
        DomainObj d = byName.get(name);
        if (d == null) {
            throw LxcErrors.noDomain("no domain with matching name '" + name + "'");
        }
        return ref(d);
    }

    public DomainRef lookupByUuid(UUID uuid) {
        DomainObj d = byUuid.get(uuid);
        if (d == null) {
            throw LxcErrors.noDomain("no domain with matching uuid '" + uuid + "'");
        }
        return ref(d);
    }

    public DomainRef lookupById(int id) {
        for (DomainObj d : byUuid.values()) {
            synchronized (d) {
                if (d.active() && d.id() == id) {
                    return d.ref();
                }
            }
        }
        throw LxcErrors.noDomain("no domain with matching id " + id);
    }

    private static DomainRef ref(DomainObj d) {
        synchronized (d) {
            return d.ref();
        }
    }

    private DomainObj obj(DomainRef ref) {
        DomainObj d = byUuid.get(ref.uuid());
        if (d == null) {
            throw LxcErrors.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
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
        // no managed save, no snapshots: those filters match nothing or everything as libvirt's
        return (flags & (256 | 4096)) == 0 || (flags & (512 | 8192)) != 0;
    }

    public int numActive() {
        return listAll(1).size();
    }

    public int numInactive() {
        return listAll(2 | 4).size();
    }

    // ------------------------------------------------------------ definitions

    public DomainDef parse(String xml) {
        DomainDef def = DomainDef.parse(xml, ParseContext.define(hook));
        Spec.of(LxcDefinition.of(def.copy()), run.resolve("x.sock"), log.resolve("x.log"),
                cgroups.group("/machine", "check")); // refuses what the controller cannot run, before it is stored
        return def;
    }

    /** Defines or redefines a domain; the definition file is written before the table changes. */
    public DomainRef define(String xml) {
        DomainDef def = parse(xml);
        def.checkDefinableName();
        while (true) {
            DomainObj fresh = new DomainObj(UUID.fromString(def.uuid()), def.name());
            DomainObj existing;
            synchronized (fresh) {
                synchronized (listLock) {
                    existing = find(def);
                    if (existing == null) {
                        writeConfig(def);
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
                    continue;
                }
                writeConfig(def);
                existing.persistent = def;
            }
            DomainRef ref = ref(existing);
            events.lifecycle(ref, DomainLifecycle.DEFINED, 1);
            return ref;
        }
    }

    private DomainObj find(DomainDef def) {
        UUID uuid = UUID.fromString(def.uuid());
        DomainObj byU = byUuid.get(uuid);
        DomainObj byN = byName.get(def.name());
        if (byU != null && !byU.name.equals(def.name())) {
            throw clash("domain '" + byU.name + "' is already defined with uuid " + uuid);
        }
        if (byU == null && byN != null) {
            throw clash("domain '" + def.name() + "' already exists with uuid " + byN.uuid);
        }
        return byU;
    }

    private static VirtException clash(String message) {
        return new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.DOMAIN, "operation failed: " + message);
    }

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

    private void writeConfig(DomainDef def) {
        try {
            AtomicFiles.write(config.resolve(def.name() + ".xml"), def.format(FormatFlag.INACTIVE, FormatFlag.SECURE));
        } catch (IOException e) {
            throw LxcErrors.system(e);
        }
    }

    public void undefine(DomainRef ref) {
        DomainObj d = obj(ref);
        DomainRef r;
        synchronized (d) {
            if (d.persistent == null) {
                throw LxcErrors.operationInvalid("cannot undefine transient domain");
            }
            try {
                AtomicFiles.delete(autostartDir.resolve(d.name));
                d.autostart = false;
                AtomicFiles.delete(config.resolve(d.name + ".xml"));
            } catch (IOException e) {
                throw LxcErrors.system(e);
            }
            d.persistent = null;
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
                throw LxcErrors.operationInvalid("cannot set autostart for transient domain");
            }
            try {
                if (on) {
                    AtomicFiles.write(autostartDir.resolve(d.name), d.name + "\n");
                } else {
                    AtomicFiles.delete(autostartDir.resolve(d.name));
                }
            } catch (IOException e) {
                throw LxcErrors.system(e);
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
            EnumSet<FormatFlag> flags = EnumSet.of(FormatFlag.INACTIVE);
            if (secure) {
                flags.add(FormatFlag.SECURE);
            }
            return def.format(flags);
        }
    }

    public DomainStateReason state(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            return new DomainStateReason(d.state, d.reason);
        }
    }

    /** libvirt's LXC getInfo: CPU time and memory in use from the container's cgroup when it runs. */
    public DomainInfo info(DomainRef ref) {
        DomainObj d = obj(ref);
        Container c;
        LxcDefinition def;
        DomainState state;
        synchronized (d) {
            c = d.container;
            def = LxcDefinition.of(d.current());
            state = d.state;
        }
        long max = def.memoryKiB();
        if (c == null) {
            return new DomainInfo(state, max, def.currentMemoryKiB(), def.vcpus(), 0);
        }
        return new DomainInfo(state, max, c.cgroup.memoryKiB(), def.vcpus(), c.cgroup.cpuTimeNs());
    }

    /** The cgroup of a running container (tests read its limits). */
    public Cgroups.Group cgroup(DomainRef ref) {
        return running(ref).cgroup;
    }

    /** The pid of a running container's init, as the host sees it. */
    public long initPid(DomainRef ref) {
        return running(ref).initPid;
    }

    private Container running(DomainRef ref) {
        DomainObj d = obj(ref);
        synchronized (d) {
            if (!d.active()) {
                throw LxcErrors.notRunning();
            }
            return d.container;
        }
    }

    // ------------------------------------------------------------ start

    public DomainRef createXML(String xml) {
        DomainDef def = parse(xml);
        DomainObj d;
        synchronized (listLock) {
            DomainObj existing = find(def);
            if (existing != null) {
                synchronized (existing) {
                    if (existing.active()) {
                        throw LxcErrors.operationInvalid("domain '" + def.name() + "' is already active");
                    }
                }
                d = existing;
            } else {
                d = new DomainObj(UUID.fromString(def.uuid()), def.name());
                add(d);
            }
        }
        DomainRef r;
        synchronized (d) {
            try {
                startWith(d, def);
            } catch (VirtException e) {
                if (d.persistent == null) {
                    remove(d);
                }
                throw e;
            }
            r = d.ref();
        }
        events.lifecycle(r, DomainLifecycle.STARTED, 0);
        return r;
    }

    public DomainRef start(DomainRef ref) {
        return start(obj(ref));
    }

    private DomainRef start(DomainObj d) {
        DomainRef r;
        synchronized (d) {
            if (d.active()) {
                throw LxcErrors.operationInvalid("domain is already running");
            }
            if (d.persistent == null) {
                throw LxcErrors.noDomain("no domain with matching uuid '" + d.uuid + "' (" + d.name + ")");
            }
            startWith(d, d.persistent);
            r = d.ref();
        }
        events.lifecycle(r, DomainLifecycle.STARTED, 0);
        return r;
    }

    /** Starts a container from {@code def}; the caller holds the domain's lock and sends the event. */
    private void startWith(DomainObj d, DomainDef def) {
        long t0 = System.nanoTime();
        DomainDef live = def.copy();
        LxcDefinition ld = LxcDefinition.of(live);
        if (ld.partition() == null) {
            // libvirtd 9.0 (measured): no <resource> after define; the first start, even one that
            // fails, puts the container in /machine and the partition into the definition
            ld.setPartition("/machine");
            if (d.persistent != null && d.persistent.section("resource") == null) {
                LxcDefinition.of(d.persistent).setPartition("/machine");
            }
        }
        String partition = ld.partition();
        String leaf = d.name + ".libvirt-lxc";
        String cgPartition = cgroupPrefix.isEmpty() ? partition : partition + "/" + cgroupPrefix;
        Cgroups.Group cg = cgroups.group(cgPartition, leaf);
        Path socket = sockets.path().resolve(d.uuid + ".sock");
        Path logFile = log.resolve(d.name + ".log");
        byte[] spec = Spec.of(ld, socket, logFile, cg);
        cg.remove(); // what a container killed with its controller may have left
        cg.create(ld);
        long t1 = System.nanoTime();
        String hs;
        try {
            hs = launcher.launch(spec, START_TIMEOUT_MS);
        } catch (IOException e) {
            cg.remove();
            throw LxcErrors.internal("guest failed to start: " + e.getMessage());
        }
        if (!hs.startsWith("ok ")) {
            cg.remove();
            throw LxcErrors.internal("guest failed to start: " + (hs.startsWith("error ") ? hs.substring(6) : hs));
        }
        long t2 = System.nanoTime();
        String[] f = hs.split(" ");
        long ctl = Long.parseLong(f[1]);
        long init = Long.parseLong(f[2]);
        List<String> ptys = List.of(f).subList(3, f.length);
        long ticks = ProcInfo.of(ctl).map(ProcInfo::startTicks).orElse(0L);
        Container c = new Container(ctl, ticks, init, socket, cg, ptys);
        ld.setId((int) ctl);
        for (int i = 0; i < ptys.size(); i++) {
            ld.setConsolePty(i, ptys.get(i));
        }
        d.live = live;
        d.liveXml = live.format();
        d.container = c;
        d.state = DomainState.RUNNING;
        d.reason = DomainState.RUNNING_BOOTED;
        writeStatusQuietly(d, cgPartition, leaf);
        watch(d, c);
        long t3 = System.nanoTime();
        LOG.fine(() -> String.format("started %s in %.2f ms (spec and cgroups %.2f, controller %.2f, status %.2f)", d.name,
                (t3 - t0) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6));
    }

    // ------------------------------------------------------------ watching and stopping

    /** A thread that waits for the controller's end over its socket ({@code watch}) and shuts the domain off. */
    private void watch(DomainObj d, Container c) {
        Thread t = new Thread(() -> {
            String end = null;
            SocketChannel ch = null;
            try {
                ch = ControlSocket.open(c.socket, "watch");
                watches.add(ch);
                if (closed) {
                    return;
                }
                end = ControlSocket.readLine(ch);
            } catch (IOException e) {
                // refused or reset: the controller is gone (or going)
            } finally {
                if (ch != null) {
                    watches.remove(ch);
                    try {
                        ch.close();
                    } catch (IOException e) {
                        // closed already
                    }
                }
            }
            if (!closed) {
                if (end == null && ProcInfo.isAlive(c.controllerPid, c.controllerTicks)) {
                    // the socket went away under a live controller: wait for its end (bounded)
                    ProcessHandle.of(c.controllerPid).ifPresent(p -> p.onExit().orTimeout(DESTROY_WAIT_MS, TimeUnit.MILLISECONDS).exceptionally(x -> p).join());
                }
                stopped(d, c, end);
            }
        }, "lxc-watch-" + d.name);
        t.setDaemon(true);
        t.start();
    }

    /** The controller of {@code c} ended: shut off with libvirt's reason; {@code end} is its last line or null. */
    private void stopped(DomainObj d, Container c, String end) {
        int reason;
        int detail;
        boolean reboot = false;
        DomainRef r;
        DomainDef restart;
        synchronized (d) {
            if (d.container != c) {
                return;
            }
            if (c.destroying) {
                reason = DomainState.SHUTOFF_DESTROYED;
                detail = 1; // destroyed
            } else if (end != null && end.equals("exit reboot")) {
                reason = DomainState.SHUTOFF_SHUTDOWN;
                detail = 0;
                reboot = true;
            } else if (end != null && end.startsWith("exit ")) {
                reason = DomainState.SHUTOFF_SHUTDOWN;
                detail = 0; // shutdown
            } else {
                reason = DomainState.SHUTOFF_CRASHED;
                detail = 5; // failed: the controller died without a word
            }
            r = d.ref();
            restart = d.persistent != null ? d.persistent : d.live;
            deactivate(d, reason);
            if (!reboot && d.persistent == null) {
                remove(d);
            }
        }
        c.ended.countDown();
        events.lifecycle(r, DomainLifecycle.STOPPED, detail);
        if (reboot) {
            synchronized (d) {
                try {
                    startWith(d, restart);
                } catch (VirtException e) {
                    LOG.warning("restart of " + d.name + " after its reboot failed: " + e.getMessage());
                    if (d.persistent == null) {
                        remove(d);
                    }
                    return;
                }
                r = d.ref();
            }
            events.lifecycle(r, DomainLifecycle.STARTED, 0);
        }
    }

    /** Clears the runtime state; the caller holds the domain's lock. */
    private void deactivate(DomainObj d, int reason) {
        Container c = d.container;
        c.cgroup.remove();
        try {
            // runtime state: no sync (see AtomicFiles.replace); the status goes first, its XML after
            Files.deleteIfExists(run.resolve(d.name + ".status"));
            Files.deleteIfExists(run.resolve(d.name + ".xml"));
            Files.deleteIfExists(run.resolve(d.uuid + ".sock"));
        } catch (IOException e) {
            LOG.warning("cannot remove the status of " + d.name + ": " + e.getMessage());
        }
        d.container = null;
        d.live = null;
        d.liveXml = null;
        d.state = DomainState.SHUTOFF;
        d.reason = reason;
    }

    public void destroy(DomainRef ref) {
        DomainObj d = obj(ref);
        Container c;
        synchronized (d) {
            if (!d.active()) {
                throw LxcErrors.notRunning();
            }
            c = d.container;
            c.destroying = true;
        }
        try {
            String reply = ControlSocket.request(c.socket, "destroy");
            if (!"ok".equals(reply)) {
                throw new IOException(String.valueOf(reply));
            }
        } catch (IOException e) {
            // no answer: the controller is stuck or gone; its container ends with it (PDEATHSIG)
            ProcessHandle.of(c.controllerPid).filter(p -> ProcInfo.isAlive(c.controllerPid, c.controllerTicks))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
            if (!c.ended.await(DESTROY_WAIT_MS, TimeUnit.MILLISECONDS)) {
                throw LxcErrors.operationFailed("failed to kill the container of domain '" + d.name + "'");
            }
            // the controller closes its sockets just before it exits: destroy returns once it is gone
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_000);
            while (ProcInfo.isAlive(c.controllerPid, c.controllerTicks) && System.nanoTime() < deadline) {
                Thread.sleep(0, 200_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** libvirt's LXC shutdown: {@code /dev/initctl} runlevel 0 when init has one, else SIGTERM (or as flags say). */
    public void shutdown(DomainRef ref, int flags) {
        initctlOrSignal(ref, flags, 0, 15);
    }

    /** libvirt's LXC reboot: initctl runlevel 6, else SIGHUP (the controller restarts init's container). */
    public void reboot(DomainRef ref, int flags) {
        initctlOrSignal(ref, flags, 6, 1);
    }

    private void initctlOrSignal(DomainRef ref, int flags, int level, int signal) {
        Container c = running(ref);
        boolean initctl = flags == 0 || (flags & SHUTDOWN_INITCTL) != 0;
        boolean bySignal = flags == 0 || (flags & SHUTDOWN_SIGNAL) != 0;
        try {
            if (initctl) {
                String r = ControlSocket.request(c.socket, "initctl " + level);
                if (r != null && r.equals("ok 1")) {
                    return;
                }
                if (r == null || r.startsWith("error ")) {
                    if (!bySignal) {
                        throw LxcErrors.operationFailed(r == null ? "no answer from the controller" : r.substring(6));
                    }
                } else if (!bySignal) {
                    throw LxcErrors.operationUnsupported("Container does not provide an initctl pipe");
                }
            }
            String r = ControlSocket.request(c.socket, "kill " + signal);
            if (r == null || !r.equals("ok")) {
                throw LxcErrors.operationFailed(r == null ? "no answer from the controller" : r.substring(6));
            }
        } catch (IOException e) {
            throw LxcErrors.system(e);
        }
    }

    public void suspend(DomainRef ref) {
        DomainObj d = obj(ref);
        DomainRef r;
        synchronized (d) {
            if (!d.active()) {
                throw LxcErrors.notRunning();
            }
            if (d.state != DomainState.PAUSED) {
                try {
                    d.container.cgroup.freeze(true);
                } catch (IOException e) {
                    throw LxcErrors.operationFailed("Suspend operation failed: " + e.getMessage());
                }
                d.state = DomainState.PAUSED;
                d.reason = DomainState.PAUSED_USER;
                writeStatusQuietly(d);
            }
            r = d.ref();
        }
        events.lifecycle(r, DomainLifecycle.SUSPENDED, 0);
    }

    public void resume(DomainRef ref) {
        DomainObj d = obj(ref);
        DomainRef r;
        synchronized (d) {
            if (!d.active()) {
                throw LxcErrors.notRunning();
            }
            if (d.state == DomainState.PAUSED) {
                try {
                    d.container.cgroup.freeze(false);
                } catch (IOException e) {
                    throw LxcErrors.operationFailed("Resume operation failed: " + e.getMessage());
                }
                d.state = DomainState.RUNNING;
                d.reason = DomainState.RUNNING_UNPAUSED;
                writeStatusQuietly(d);
            }
            r = d.ref();
        }
        events.lifecycle(r, DomainLifecycle.RESUMED, 0);
    }

    // ------------------------------------------------------------ console

    /** Binds {@code stream} to console {@code devName} (its alias, or null for the first). */
    public void openConsole(DomainRef ref, String devName, StreamRef stream) {
        DomainObj d = obj(ref);
        Container c;
        int index = 0;
        synchronized (d) {
            if (!d.active()) {
                throw LxcErrors.notRunning();
            }
            c = d.container;
            List<LxcDefinition.Console> consoles = LxcDefinition.of(d.live).consoles();
            if (devName != null) {
                index = -1;
                for (int i = 0; i < consoles.size(); i++) {
                    if (devName.equals("console" + i)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    throw LxcErrors.internal("cannot find console device '" + devName + "'");
                }
            } else if (consoles.isEmpty()) {
                throw LxcErrors.internal("cannot find default console device");
            }
        }
        try {
            stream.bind(new ConsoleStream(ControlSocket.open(c.socket, "console " + index)));
        } catch (IOException e) {
            throw LxcErrors.system(e);
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
    }

    // ------------------------------------------------------------ state on disk

    private void writeStatusQuietly(DomainObj d) {
        try {
            StatusFile old = StatusFile.read(run.resolve(d.name + ".status"));
            writeStatusQuietly(d, old.partition(), old.leaf());
        } catch (IOException e) {
            LOG.warning("cannot read the status of " + d.name + ": " + e.getMessage());
        }
    }

    private void writeStatusQuietly(DomainObj d, String partition, String leaf) {
        Container c = d.container;
        try {
            AtomicFiles.replace(run.resolve(d.name + ".xml"), d.liveXml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            new StatusFile(c.controllerPid, c.controllerTicks, c.initPid, c.socket.toString(), partition, leaf, c.ptys,
                    d.state.value(), d.reason).write(run.resolve(d.name + ".status"));
        } catch (IOException e) {
            LOG.warning("cannot write the status of " + d.name + ": " + e.getMessage());
        }
    }

    private void loadConfigs() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(config, "*.xml")) {
            for (Path p : ds) {
                try {
                    DomainDef def = DomainDef.parse(Files.readString(p), ParseContext.define(hook));
                    synchronized (listLock) {
                        DomainObj d = claim(def);
                        d.persistent = def;
                        d.autostart = Files.isRegularFile(autostartDir.resolve(def.name()));
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warning("ignoring " + p + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw LxcErrors.internal("cannot read " + config + ": " + e.getMessage());
        }
    }

    private void reattachAll() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(run, "*.status")) {
            for (Path p : ds) {
                try {
                    reattach(p);
                } catch (IOException | RuntimeException e) {
                    LOG.warning("cannot reattach from " + p + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw LxcErrors.internal("cannot read " + run + ": " + e.getMessage());
        }
    }

    /** Finds a container again: its controller alive with the recorded start time, answering on its socket. */
    private void reattach(Path file) throws IOException {
        StatusFile s = StatusFile.read(file);
        String name = file.getFileName().toString().replaceFirst("\\.status$", "");
        Path xmlFile = run.resolve(name + ".xml");
        String xml = Files.readString(xmlFile);
        DomainDef live = DomainDef.parse(xml, new ParseContext(hook, false));
        live.id((int) s.controllerPid());
        Path socket = Path.of(s.socket());
        sockets.path(); // the socket is named through the link: made again if a cleaner took it
        boolean same = ProcInfo.isAlive(s.controllerPid(), s.controllerTicks());
        if (same) {
            try {
                String hello = ControlSocket.request(socket, "hello");
                same = hello != null && hello.equals("jvirt-lxc 1 " + s.initPid());
            } catch (IOException e) {
                same = false;
            }
        }
        DomainObj d;
        synchronized (listLock) {
            d = claim(live);
        }
        Cgroups.Group cg = cgroups.group(s.partition(), s.leaf());
        synchronized (d) {
            if (!same) {
                // it ended while no driver watched it: shut off, reason unknown; a transient one is gone
                LOG.info(name + " (controller " + s.controllerPid() + ") is no longer running");
                cg.remove();
                AtomicFiles.delete(file);
                AtomicFiles.delete(xmlFile);
                d.state = DomainState.SHUTOFF;
                d.reason = 0;
                if (d.persistent == null) {
                    remove(d);
                }
                return;
            }
            Container c = new Container(s.controllerPid(), s.controllerTicks(), s.initPid(), socket, cg, s.ptys());
            d.container = c;
            d.live = live;
            d.liveXml = xml;
            boolean frozen = cg.frozen();
            d.state = frozen ? DomainState.PAUSED : DomainState.RUNNING;
            d.reason = s.state() == d.state.value() ? s.reason() : frozen ? DomainState.PAUSED_USER : DomainState.RUNNING_UNPAUSED;
            watch(d, c);
        }
    }

    /** Lets go of every container: they keep running under their controllers and are found again next time. */
    @Override
    public void close() {
        closed = true;
        for (SocketChannel ch : watches) {
            try {
                ch.close();
            } catch (IOException e) {
                // closed already
            }
        }
        launcher.close();
        eventThread.shutdown();
        if (!cgroupPrefix.isEmpty() && numActive() == 0) {
            // an embed instance's level under the partitions its containers used
            Set<String> partitions = new java.util.HashSet<>(List.of("/machine"));
            for (DomainObj d : byUuid.values()) {
                synchronized (d) {
                    if (d.current() != null && LxcDefinition.of(d.current()).partition() != null) {
                        partitions.add(LxcDefinition.of(d.current()).partition());
                    }
                }
            }
            partitions.forEach(p -> cgroups.removeLevel(p + "/" + cgroupPrefix));
        }
    }
}
