package io.jvirt.network.nwfilter.state;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.conf.nwfilter.FilterRef;
import io.jvirt.conf.nwfilter.NWFilterBindingDef;
import io.jvirt.conf.nwfilter.NWFilterDef;
import io.jvirt.network.firewall.Firewall;
import io.jvirt.network.nwfilter.ebiptables.Ebiptables;
import io.jvirt.network.nwfilter.host.HostNet;
import io.jvirt.network.nwfilter.inst.FilterTree;
import io.jvirt.network.nwfilter.inst.RuleInst;
import io.jvirt.network.nwfilter.store.BindingFiles;
import io.jvirt.network.nwfilter.store.FilterFiles;
import io.jvirt.network.nwfilter.store.Layout;
import io.jvirt.network.nwfilter.vars.Variables;

/**
 * One instance of the nwfilter driver (libvirt's virNWFilterDriverState with its generic technology
 * layer, nwfilter_gentech_driver): the filters of a root, the bindings of filters to port devices,
 * and what instantiating them on the host takes. Every change runs under one update lock, as in
 * libvirt: a filter change is tried on every binding that uses it (new rules in temporary chains),
 * then made live on each interface by renaming them, or taken back everywhere when one fails, so each
 * interface switches at once from its old rules to its new ones.
 */
public final class Instance implements Late, AutoCloseable {
    private static final Logger LOG = System.getLogger("io.jvirt.network.nwfilter");
    public static final String VAR_MAC = "MAC";
    public static final String VAR_IP = "IP";
    public static final String VAR_LEARNING = "CTRL_IP_LEARNING";
    public static final String VAR_DHCPSERVER = "DHCPSERVER";

    private final Layout layout;
    private final HostNet host;
    private final boolean privileged;
    private final FilterFiles filterFiles;
    private final BindingFiles bindingFiles;
    private final ReentrantLock update = new ReentrantLock();
    private final FilterList filters = new FilterList();
    /** Bindings by port device; their definitions gain {@code MAC} (and a learned {@code IP}) as libvirt's do. */
    private final TreeMap<String, NWFilterBindingDef> bindings = new TreeMap<>();
    private final IpAddressMap addresses = new IpAddressMap();
    private final Learners learners;
    private FileChannel lockChannel;
    private FileLock lock;

    private Instance(Layout layout, HostNet host, boolean privileged, Function<Late, Learners> learners) {
        this.layout = layout;
        this.host = host;
        this.privileged = privileged;
        this.filterFiles = new FilterFiles(layout);
        this.bindingFiles = new BindingFiles(layout);
        this.learners = learners.apply(this);
    }

    /**
     * Opens the instance of a root: takes its lock, loads its filters (and once the stock filters of
     * {@code stockDir}), its bindings of this boot, and instantiates them (libvirt's
     * nwfilterStateInitialize). An unprivileged instance (session) has none and changes nothing.
     */
    public static Instance open(Path root, HostNet host, boolean privileged, Path stockDir,
            Function<Late, Learners> learners) {
        Instance in = new Instance(new Layout(root), host, privileged, learners);
        if (privileged) {
            in.load(stockDir);
        }
        return in;
    }

    private void load(Path stockDir) {
        takeLock();
        update.lock();
        try {
            for (NWFilterDef def : filterFiles.loadAll(m -> LOG.log(Level.WARNING, "nwfilter: skipped " + m))) {
                if (filters.byName(def.name()) == null && filters.byUuid(def.uuid()) == null) {
                    filters.put(def);
                }
            }
            importStock(stockDir);
            for (NWFilterBindingDef b : bindingFiles.loadAll(BindingFiles.currentBoot(),
                    m -> LOG.log(Level.WARNING, "nwfilter: skipped binding " + m))) {
                bindings.put(b.portDev(), b);
            }
            buildAll(false);
        } finally {
            update.unlock();
        }
    }

    /** The driver's pid file as the instance's lock (libvirt's virPidFileAcquire). */
    private void takeLock() {
        Path file = layout.lock();
        try {
            Files.createDirectories(file.getParent());
            lockChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
            if (lock == null) {
                lockChannel.close();
                throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NWFILTER,
                        "Failed to acquire pid file '" + file + "': Resource temporarily unavailable");
            }
            lockChannel.truncate(0);
            lockChannel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NWFILTER,
                    "Failed to acquire pid file '" + file + "': " + e.getMessage(), e);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.NWFILTER,
                    "Failed to acquire pid file '" + file + "': Resource temporarily unavailable");
        }
    }

    /**
     * Takes in the stock filters of Debian's libvirt-daemon-config-nwfilter (read where the package
     * installed them), each once: one the user undefined does not come back. A stock filter gets a
     * UUID of its own, as libvirt gives the files that come without one.
     */
    private void importStock(Path stockDir) {
        if (stockDir == null || !Files.isDirectory(stockDir)) {
            return;
        }
        Set<String> imported = new HashSet<>();
        try {
            if (Files.isRegularFile(layout.stockImported())) {
                imported.addAll(Files.readAllLines(layout.stockImported()));
            }
            List<Path> files;
            try (var s = Files.list(stockDir)) {
                files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            }
            boolean changed = false;
            for (Path f : files) {
                String name = f.getFileName().toString().replaceAll("\\.xml$", "");
                if (imported.contains(name)) {
                    continue;
                }
                try {
                    NWFilterDef def = NWFilterDef.parse(Files.readString(f));
                    if (def.name().equals(name) && filters.byName(name) == null) {
                        filterFiles.save(def);
                        filters.put(def);
                    }
                } catch (VirtException | IOException e) {
                    LOG.log(Level.WARNING, "nwfilter: stock filter " + f + " skipped: " + e.getMessage());
                }
                imported.add(name);
                changed = true;
            }
            if (changed) {
                List<String> names = new ArrayList<>(imported);
                names.sort(null);
                java.nio.file.Files.createDirectories(layout.filters());
                Path tmp = layout.stockImported().resolveSibling(".stock-imported.tmp");
                Files.write(tmp, names);
                Files.move(tmp, layout.stockImported(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "nwfilter: cannot import the stock filters of " + stockDir + ": " + e);
        }
    }

    public boolean privileged() {
        return privileged;
    }

    @Override
    public HostNet host() {
        return host;
    }

    @Override
    public IpAddressMap addresses() {
        return addresses;
    }

    public Layout layout() {
        return layout;
    }

    /** libvirt refuses filter definitions in session mode, before it reads the document. */
    public void requireDefine() {
        if (!privileged) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.NWFILTER,
                    "Requested operation is not valid: Can't define NWFilters in session mode");
        }
    }

    /** libvirt refuses bindings in session mode, before it reads the document. */
    public void requireBinding() {
        if (!privileged) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.NWFILTER,
                    "Requested operation is not valid: Can't define NWFilter bindings in session mode");
        }
    }

    // ------------------------------------------------------------------ filters

    public List<NWFilterDef> filters() {
        update.lock();
        try {
            return filters.all();
        } finally {
            update.unlock();
        }
    }

    public NWFilterDef byName(String name) {
        update.lock();
        try {
            FilterList.Obj o = filters.byName(name);
            if (o == null) {
                throw noFilter("no nwfilter with matching name '" + name + "'");
            }
            return o.def;
        } finally {
            update.unlock();
        }
    }

    public NWFilterDef byUuid(UUID uuid) {
        update.lock();
        try {
            FilterList.Obj o = filters.byUuid(uuid);
            if (o == null) {
                throw noFilter("no nwfilter with matching uuid '" + uuid + "'");
            }
            return o.def;
        } finally {
            update.unlock();
        }
    }

    /**
     * Defines a filter or changes one (libvirt's virNWFilterObjListAssignDef and nwfilterDefineXML): a
     * changed filter is first tried on every binding whose tree uses it; if one cannot take it nothing
     * changes and that binding's error is the define's.
     */
    public NWFilterDef define(NWFilterDef def) {
        requireDefine();
        update.lock();
        try {
            FilterList.Obj same = filters.byUuid(def.uuid());
            if (same != null && !same.def.name().equals(def.name())) {
                throw failed("filter with same UUID but different name ('" + same.def.name() + "') already exists");
            }
            FilterList.Obj named = filters.byName(def.name());
            if (same == null && named != null) {
                throw failed("filter '" + def.name() + "' already exists with uuid " + named.def.uuid());
            }
            if (filters.loops(def)) {
                throw failed("filter would introduce a loop");
            }
            if (named != null) {
                if (!named.def.format().equals(def.format())) {
                    named.newDef = def;
                    try {
                        buildAll(true);
                    } finally {
                        named.newDef = null;
                    }
                }
                named.def = def;
            } else {
                filters.put(def);
            }
            try {
                filterFiles.save(def);
            } catch (VirtException e) {
                filters.remove(def.name()); // as libvirt: a filter it cannot save is gone
                throw e;
            }
            return def;
        } finally {
            update.unlock();
        }
    }

    /** Undefines a filter no binding uses (libvirt's nwfilterUndefine: "nwfilter is in use" otherwise). */
    public void undefine(UUID uuid) {
        update.lock();
        try {
            FilterList.Obj o = filters.byUuid(uuid);
            if (o == null) {
                throw noFilter("no nwfilter with matching uuid '" + uuid + "'");
            }
            o.wantRemoved = true;
            try {
                buildAll(true);
            } catch (VirtException e) {
                throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.NWFILTER,
                        "Requested operation is not valid: nwfilter is in use");
            } finally {
                o.wantRemoved = false;
            }
            filterFiles.delete(o.def.name());
            filters.remove(o.def.name());
        } finally {
            update.unlock();
        }
    }

    // ------------------------------------------------------------------ bindings

    public List<NWFilterBindingDef> bindings() {
        update.lock();
        try {
            return List.copyOf(bindings.values());
        } finally {
            update.unlock();
        }
    }

    public NWFilterBindingDef binding(String portDev) {
        update.lock();
        try {
            NWFilterBindingDef b = bindings.get(portDev);
            if (b == null) {
                throw noBinding(portDev);
            }
            return b;
        } finally {
            update.unlock();
        }
    }

    /**
     * Binds a filter to a port device and instantiates it there (libvirt's nwfilterBindingCreateXML);
     * a binding that cannot be instantiated is not kept. A device the host does not have gets nothing
     * now (libvirt does not even look the filter up).
     */
    public NWFilterBindingDef createBinding(NWFilterBindingDef def) {
        requireBinding();
        update.lock();
        try {
            if (bindings.containsKey(def.portDev())) {
                throw failed("binding '" + def.portDev() + "' already exists");
            }
            bindings.put(def.portDev(), def);
            try {
                instantiate(def.portDev(), true, false, new boolean[1]);
            } catch (VirtException e) {
                bindings.remove(def.portDev());
                throw e;
            }
            NWFilterBindingDef now = bindings.get(def.portDev());
            bindingFiles.save(now);
            return now;
        } finally {
            update.unlock();
        }
    }

    /** Removes a binding and everything it put on its device (libvirt's nwfilterBindingDelete). */
    public void deleteBinding(String portDev) {
        update.lock();
        try {
            NWFilterBindingDef b = bindings.get(portDev);
            if (b == null) {
                throw noBinding(portDev);
            }
            teardown(portDev);
            bindingFiles.delete(portDev);
            bindings.remove(portDev);
        } finally {
            update.unlock();
        }
    }

    private void teardown(String portDev) {
        learners.end(portDev);
        try {
            applyNow(Ebiptables.allTeardown(portDev));
        } catch (VirtException e) {
            LOG.log(Level.WARNING, "nwfilter: tearing down " + portDev + ": " + e.getMessage());
        }
        addresses.removeAll(portDev);
    }

    // ------------------------------------------------------------------ instantiation

    /**
     * Every binding again (libvirt's virNWFilterBuildAll). With {@code newFilters}, a filter change: the
     * bindings whose trees have a changed (or removed) filter get new rules in temporary chains, then
     * all of them switch, or, if one failed, all take their new rules back and the error is thrown.
     * Without, each binding is instantiated as it is (at load).
     */
    private void buildAll(boolean newFilters) {
        if (!newFilters) {
            for (String dev : new ArrayList<>(bindings.keySet())) {
                try {
                    instantiate(dev, true, false, new boolean[1]);
                } catch (VirtException e) {
                    LOG.log(Level.WARNING, "nwfilter: cannot instantiate the binding of " + dev + ": " + e.getMessage());
                }
            }
            return;
        }
        Set<String> skip = new HashSet<>();
        VirtException failure = null;
        for (String dev : new ArrayList<>(bindings.keySet())) {
            boolean[] foundNew = new boolean[1];
            try {
                instantiate(dev, false, true, foundNew);
                if (!foundNew[0]) {
                    skip.add(dev);
                }
            } catch (VirtException e) {
                failure = e;
            }
        }
        for (String dev : bindings.keySet()) {
            if (skip.contains(dev)) {
                continue;
            }
            int ifindex = host.ifindex(dev);
            if (ifindex >= 0 && learners.pending(ifindex)) {
                continue; // nothing to switch while the address is learned
            }
            applyNow(failure != null ? Ebiptables.tearNewRules(dev) : Ebiptables.tearOldRules(dev));
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** libvirt's virNWFilterInstantiateFilterInternal: nothing for a device the host does not have. */
    private void instantiate(String dev, boolean teardownOld, boolean followNew, boolean[] foundNew) {
        int ifindex = host.ifindex(dev);
        if (ifindex < 0) {
            return;
        }
        instantiateUpdate(dev, bindings.get(dev), teardownOld, ifindex, followNew, false, foundNew);
    }

    /**
     * libvirt's virNWFilterInstantiateFilterUpdate and virNWFilterDoInstantiate: the binding's values
     * plus {@code MAC} and a learned {@code IP}; a tree that still lacks only {@code IP} makes the
     * address be learned as {@code CTRL_IP_LEARNING} says (the filter is instantiated once it is
     * known), any other missing variable is an error.
     *
     * @param dev the binding's device; its kept definition is updated with the standard values
     *            (null when the binding is a learner's copy)
     */
    private void instantiateUpdate(String dev, NWFilterBindingDef binding, boolean teardownOld, int ifindex,
            boolean followNew, boolean force, boolean[] foundNew) {
        NWFilterDef root = filters.instantiable(binding.filter().filter(), followNew, foundNew);
        Map<String, List<String>> params = new LinkedHashMap<>(binding.filter().parameters());
        params.putIfAbsent(VAR_MAC, List.of(binding.mac()));
        List<String> learned = addresses.get(binding.portDev());
        if (learned != null) {
            params.putIfAbsent(VAR_IP, learned);
        }
        NWFilterBindingDef withStd = new NWFilterBindingDef(binding.ownerName(), binding.ownerUuid(),
                binding.portDev(), binding.linkDev(), binding.mac(), new FilterRef(binding.filter().filter(), params));
        if (dev != null && bindings.containsKey(dev)) {
            bindings.put(dev, withStd);
        }
        Variables vars = Variables.of(withStd.filter().parameters());
        FilterTree.Lookup lookup = name -> filters.instantiable(name, followNew, foundNew);

        Set<String> missing = FilterTree.missing(root, vars, lookup);
        List<String> learning = vars.get(VAR_LEARNING);
        String how = learning == null ? "any" : learning.get(0);
        if (missing.size() == 1 && missing.contains(VAR_IP)) {
            if (how.equalsIgnoreCase("none")) {
                throw unresolvable(missing, true);
            } else if (how.equalsIgnoreCase("dhcp")) {
                learners.snoopDhcp(withStd, ifindex);
                return;
            } else if (how.equalsIgnoreCase("any")) {
                if (!learners.pending(ifindex)) {
                    learners.learnAny(withStd, ifindex);
                }
                return;
            }
            throw new VirtException(ErrorCode.PARSE_FAILED, ErrorDomain.NWFILTER,
                    "filter '" + root.name() + "' learning value '" + how + "' invalid.");
        }
        if (!missing.isEmpty()) {
            throw unresolvable(missing, false);
        }
        if (!force && learners.pending(ifindex)) {
            return;
        }
        List<RuleInst> rules = FilterTree.rules(root, vars, lookup);
        if (followNew && !foundNew[0]) {
            return;
        }
        applyNow(Ebiptables.applyNewRules(binding.portDev(), rules));
        if (teardownOld) {
            applyNow(Ebiptables.tearOldRules(binding.portDev()));
        }
        if (host.ifindex(binding.portDev()) != ifindex) {
            // the interface went away (or was replaced) meanwhile
            applyNow(Ebiptables.allTeardown(binding.portDev()));
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                    "An error occurred, but the cause is unknown");
        }
    }

    private static VirtException unresolvable(Set<String> missing, boolean reportIP) {
        List<String> shown = new ArrayList<>();
        for (String m : missing) {
            if ((m.equals(VAR_IP) && !reportIP) || m.equals(VAR_MAC)) {
                continue;
            }
            shown.add(m);
        }
        if (shown.isEmpty()) {
            return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NONE,
                    "An error occurred, but the cause is unknown");
        }
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.NWFILTER,
                "internal error: Cannot instantiate filter due to unresolvable variables or unavailable list elements: "
                        + String.join(", ", shown));
    }

    @Override
    public void instantiateLate(NWFilterBindingDef binding, int ifindex) {
        update.lock();
        try {
            if (!bindings.containsKey(binding.portDev())) {
                return; // deleted meanwhile
            }
            try {
                instantiateUpdate(null, binding, true, ifindex, false, true, new boolean[1]);
            } catch (VirtException e) {
                LOG.log(Level.WARNING, "nwfilter: cannot apply the learned address's rules on " + binding.portDev()
                        + ": " + e.getMessage());
                if (host.ifindex(binding.portDev()) != ifindex) {
                    teardown(binding.portDev());
                } else {
                    host.setDown(binding.portDev());
                }
            }
        } finally {
            update.unlock();
        }
    }

    @Override
    public void apply(Firewall... firewalls) {
        update.lock();
        try {
            for (Firewall f : firewalls) {
                applyNow(f);
            }
        } finally {
            update.unlock();
        }
    }

    private void applyNow(Firewall f) {
        f.apply(host.runner());
    }

    // ------------------------------------------------------------------ errors and the end

    static VirtException noFilter(String detail) {
        return new VirtException(ErrorCode.NO_NWFILTER, ErrorDomain.NWFILTER, "Network filter not found: " + detail);
    }

    static VirtException noBinding(String portDev) {
        return new VirtException(ErrorCode.NO_NWFILTER_BINDING, ErrorDomain.NWFILTER,
                "Network filter binding not found: no nwfilter binding for port dev '" + portDev + "'");
    }

    static VirtException failed(String message) {
        return new VirtException(ErrorCode.OPERATION_FAILED, ErrorDomain.NWFILTER, "operation failed: " + message);
    }

    /** Lets go of the instance: its rules stay on the host (guests keep being filtered), learners stop. */
    @Override
    public void close() {
        learners.close();
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the lock goes with the channel
        }
    }
}
