package io.jvirt.driver.qemu.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.jvirt.api.BlockInfo;
import io.jvirt.api.BlockStats;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.InterfaceStats;
import io.jvirt.api.MemoryStat;
import io.jvirt.api.TypedParameter;
import io.jvirt.api.VcpuInfo;
import io.jvirt.api.VirtException;
import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.XmlNode;
import io.jvirt.driver.qemu.QemuErrors;
import io.jvirt.driver.qemu.domain.QemuInstance;
import io.jvirt.driver.qemu.domain.RuntimeView;
import io.jvirt.driver.qemu.qmp.QmpClient;
import io.jvirt.spi.DomainRef;
import io.jvirt.spi.DomainStats;

/**
 * Statistics of a driver instance's domains as libvirt's QEMU driver reports them: the groups of
 * {@code virConnectGetAllDomainStats} (virsh domstats) in libvirt's order and naming, and the
 * single-purpose calls (dommemstat, domblkstat, domifstat, domblkinfo, cpu-stats, vcpuinfo). CPU
 * figures come from {@code /proc} (no cgroups here), devices from QMP, inactive disks from
 * {@code qemu-img}.
 */
public final class QemuStats {
    // virDomainStatsTypes, in the order libvirt emits the groups
    static final int STATE = 1, CPU_TOTAL = 2, BALLOON = 4, VCPU = 8, INTERFACE = 16, BLOCK = 32, PERF = 64,
            IOTHREAD = 128, MEMORY = 256, DIRTYRATE = 512, VM = 1024;
    private static final int SUPPORTED_GROUPS = 2047;
    // virConnectGetAllDomainStatsFlags: the list filters, NOWAIT, BACKING, ENFORCE_STATS
    private static final int LIST_FILTERS = 255;
    private static final int ALL_FLAGS = LIST_FILTERS | 1 << 29 | 1 << 30 | 1 << 31;
    private static final int ENFORCE = 1 << 31;

    private final QemuInstance qemu;
    private final Path qemuImg;
    /** Stats schemas by monitor: weak, so a guest's entry goes with its monitor. */
    private final Map<QmpClient, Map<String, JsonNode>> schemas = java.util.Collections
            .synchronizedMap(new java.util.WeakHashMap<>());

    public QemuStats(QemuInstance qemu) {
        this.qemu = qemu;
        Path beside = Path.of(qemu.caps().emulator()).resolveSibling("qemu-img");
        this.qemuImg = Files.isExecutable(beside) ? beside : Path.of("qemu-img");
    }

    // ------------------------------------------------------------ virConnectGetAllDomainStats

    public List<DomainStats> all(List<DomainRef> doms, int stats, int flags) {
        QemuErrors.checkFlags(flags, ALL_FLAGS, "qemuConnectGetAllDomainStats");
        if ((flags & ENFORCE) != 0 && (stats & ~SUPPORTED_GROUPS) != 0) {
            throw new VirtException(ErrorCode.ARGUMENT_UNSUPPORTED, ErrorDomain.QEMU,
                    "argument unsupported: Stats types bits 0x" + Integer.toHexString(stats & ~SUPPORTED_GROUPS)
                            + " are not supported by this daemon or QEMU");
        }
        int groups = stats == 0 ? SUPPORTED_GROUPS : stats & SUPPORTED_GROUPS;
        List<DomainRef> matching = qemu.listAll(flags & LIST_FILTERS);
        List<DomainRef> chosen = matching;
        if (!doms.isEmpty()) {
            // the named domains, in the caller's order, that pass the filters (libvirt skips the others)
            Set<UUID> pass = new java.util.HashSet<>();
            matching.forEach(r -> pass.add(r.uuid()));
            chosen = doms.stream().filter(r -> pass.contains(r.uuid())).toList();
        }
        List<DomainStats> out = new ArrayList<>();
        for (DomainRef r : chosen) {
            RuntimeView v;
            try {
                v = qemu.runtime(r);
            } catch (VirtException e) {
                continue; // undefined meanwhile
            }
            out.add(new DomainStats(v.ref(), record(v, groups)));
        }
        return out;
    }

    List<TypedParameter> record(RuntimeView v, int groups) {
        List<TypedParameter> p = new ArrayList<>();
        if ((groups & STATE) != 0) {
            p.add(TypedParameter.ofInt("state.state", v.state().value()));
            p.add(TypedParameter.ofInt("state.reason", v.reason()));
        }
        if ((groups & CPU_TOTAL) != 0) {
            cpuTotal(v, p);
        }
        if ((groups & BALLOON) != 0) {
            balloon(v, p);
        }
        if ((groups & VCPU) != 0) {
            vcpu(v, p);
        }
        if ((groups & INTERFACE) != 0 && v.active()) {
            interfaces(v, p);
        }
        if ((groups & BLOCK) != 0) {
            block(v, p);
        }
        // perf (no perf events are enabled), iothread (none defined) and memory (no resctrl
        // monitors) have nothing to report here, as with libvirt for such domains
        if ((groups & DIRTYRATE) != 0 && v.active()) {
            dirtyRate(v, p);
        }
        if ((groups & VM) != 0 && v.active()) {
            JsonNode vm = queryStats(v, "vm");
            if (vm.size() == 1) {
                hypervisorStats(v, vm.get(0).path("stats"), "vm", p);
            }
        }
        return p;
    }

    private void cpuTotal(RuntimeView v, List<TypedParameter> p) {
        Optional<ProcStat> s = v.active() ? ProcStat.of(v.pid(), 0) : ProcStat.self();
        s.ifPresent(st -> {
            p.add(TypedParameter.ofULLong("cpu.time", st.cpuNs()));
            p.add(TypedParameter.ofULLong("cpu.user", st.userNs()));
            p.add(TypedParameter.ofULLong("cpu.system", st.systemNs()));
        });
        if (!v.active()) {
            return;
        }
        p.add(TypedParameter.ofUInt("cpu.cache.monitor.count", 0)); // no <cachetune> monitors
        haltPoll(v.qmp()).ifPresent(hp -> {
            p.add(TypedParameter.ofULLong("cpu.haltpoll.success.time", hp[0]));
            p.add(TypedParameter.ofULLong("cpu.haltpoll.fail.time", hp[1]));
        });
    }

    /** KVM's halt-polling times summed over the vCPUs ({@code query-stats}; none under TCG, so 0). */
    private static Optional<long[]> haltPoll(QmpClient qmp) {
        JsonNode res;
        try {
            var args = QmpClient.args().put("target", "vcpu");
            var provider = args.putArray("providers").addObject().put("provider", "kvm");
            provider.putArray("names").add("halt_poll_success_ns").add("halt_poll_fail_ns");
            res = qmp.execute("query-stats", args);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        long ok = 0;
        long fail = 0;
        for (JsonNode target : res) {
            Map<String, Long> named = new HashMap<>();
            for (JsonNode s : target.path("stats")) {
                named.put(s.path("name").asText(), s.path("value").asLong());
            }
            if (!named.containsKey("halt_poll_success_ns") || !named.containsKey("halt_poll_fail_ns")) {
                return Optional.empty();
            }
            ok += named.get("halt_poll_success_ns");
            fail += named.get("halt_poll_fail_ns");
        }
        return Optional.of(new long[] {ok, fail});
    }

    private void balloon(RuntimeView v, List<TypedParameter> p) {
        DomainDef def = v.def();
        long max = def.memoryKiB() == null ? 0 : def.memoryKiB();
        long cur = hasBalloon(def) && def.currentMemoryKiB() != null ? def.currentMemoryKiB() : max;
        p.add(TypedParameter.ofULLong("balloon.current", cur));
        p.add(TypedParameter.ofULLong("balloon.maximum", max));
        if (!v.active()) {
            return;
        }
        for (MemoryStat s : memory(v)) {
            String name = BALLOON_NAMES.get(s.tag());
            if (name != null) {
                p.add(TypedParameter.ofULLong("balloon." + name, s.value()));
            }
        }
    }

    /** virDomainMemoryStatTags as domstats names them (the balloon's actual size is balloon.current). */
    private static final Map<Integer, String> BALLOON_NAMES = Map.ofEntries(Map.entry(0, "swap_in"),
            Map.entry(1, "swap_out"), Map.entry(2, "major_fault"), Map.entry(3, "minor_fault"), Map.entry(4, "unused"),
            Map.entry(5, "available"), Map.entry(7, "rss"), Map.entry(8, "usable"), Map.entry(9, "last-update"),
            Map.entry(10, "disk_caches"), Map.entry(11, "hugetlb_pgalloc"), Map.entry(12, "hugetlb_pgfail"));

    private void vcpu(RuntimeView v, List<TypedParameter> p) {
        var vc = v.def().vcpus();
        p.add(TypedParameter.ofUInt("vcpu.current", vc.current()));
        p.add(TypedParameter.ofUInt("vcpu.maximum", vc.max()));
        if (!v.active()) {
            return; // no vCPU threads to read: libvirt stops here too
        }
        List<VcpuThread> threads;
        try {
            threads = vcpuThreads(v);
        } catch (RuntimeException e) {
            return; // the guest went away meanwhile: as libvirt, the counts stand alone
        }
        Map<String, JsonNode> kvm = new HashMap<>();
        for (JsonNode r : queryStats(v, "vcpu")) {
            kvm.put(r.path("qom-path").asText(), r.path("stats"));
        }
        for (VcpuThread cpu : threads) {
            int n = cpu.number();
            long tid = cpu.tid();
            p.add(TypedParameter.ofInt("vcpu." + n + ".state", 1)); // VIR_VCPU_RUNNING, paused or not, as libvirt
            p.add(TypedParameter.ofULLong("vcpu." + n + ".time", ProcStat.of(v.pid(), tid).map(ProcStat::cpuNs).orElse(0L)));
            p.add(TypedParameter.ofULLong("vcpu." + n + ".wait", ProcStat.waitNs(v.pid(), tid)));
            p.add(TypedParameter.ofULLong("vcpu." + n + ".delay", ProcStat.delayNs(v.pid(), tid)));
            JsonNode own = kvm.get(cpu.qomPath());
            if (own != null) {
                hypervisorStats(v, own, "vcpu." + n, p);
            }
        }
    }

    private record VcpuThread(int number, long tid, String qomPath) {
    }

    /** Each online vCPU's number, host thread and QOM path, by number ({@code query-cpus-fast}). */
    private static List<VcpuThread> vcpuThreads(RuntimeView v) {
        List<VcpuThread> l = new ArrayList<>();
        for (JsonNode c : v.qmp().execute("query-cpus-fast")) {
            l.add(new VcpuThread(c.path("cpu-index").asInt(), c.path("thread-id").asLong(), c.path("qom-path").asText()));
        }
        l.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return l;
    }

    /** KVM's statistics of one target ({@code query-stats}); none under TCG or with a QEMU that lacks it. */
    private static JsonNode queryStats(RuntimeView v, String target) {
        try {
            return v.qmp().execute("query-stats", QmpClient.args().put("target", target));
        } catch (RuntimeException e) {
            return QmpClient.JSON.createArrayNode();
        }
    }

    /**
     * The hypervisor's own figures as libvirt names them: {@code PREFIX.NAME.sum} for counters,
     * {@code .cur} for instant values, {@code .max} for peaks (histograms are left out), typed by
     * QEMU's schema. libvirt emits them in its hash table's order; these come in QEMU's.
     */
    private void hypervisorStats(RuntimeView v, JsonNode stats, String prefix, List<TypedParameter> p) {
        Map<String, JsonNode> schema = schema(v);
        for (JsonNode s : stats) {
            String name = s.path("name").asText();
            JsonNode def = schema.get(name);
            if (def == null) {
                continue;
            }
            String kind = switch (def.path("type").asText()) {
                case "cumulative" -> "sum";
                case "instant" -> "cur";
                case "peak" -> "max";
                default -> null;
            };
            JsonNode value = s.path("value");
            String key = prefix + "." + name + "." + kind;
            if (kind == null) {
                continue;
            }
            if ("boolean".equals(def.path("unit").asText())) {
                if (value.isBoolean()) {
                    p.add(TypedParameter.ofBoolean(key, value.asBoolean()));
                }
            } else if (value.isIntegralNumber()) {
                p.add(TypedParameter.ofULLong(key, value.asLong()));
            }
        }
    }

    /** The stats schema of a guest's QEMU by stat name, asked once per monitor (it never changes). */
    private Map<String, JsonNode> schema(RuntimeView v) {
        Map<String, JsonNode> known = schemas.get(v.qmp());
        if (known != null) {
            return known;
        }
        Map<String, JsonNode> m = new HashMap<>();
        try {
            for (JsonNode provider : v.qmp().execute("query-stats-schemas")) {
                for (JsonNode s : provider.path("stats")) {
                    m.put(s.path("name").asText(), s);
                }
            }
        } catch (RuntimeException e) {
            return m; // no schema (now): no hypervisor statistics, ask again next time
        }
        schemas.put(v.qmp(), m);
        return m;
    }

    private void interfaces(RuntimeView v, List<TypedParameter> p) {
        List<XmlNode> nets = v.def().devices("interface");
        p.add(TypedParameter.ofUInt("net.count", nets.size()));
        for (int i = 0; i < nets.size(); i++) {
            String ifname = ifname(nets.get(i));
            if (ifname == null) {
                continue; // user-mode networking has no host interface: libvirt lists only the count
            }
            p.add(TypedParameter.ofString("net." + i + ".name", ifname));
            Optional<InterfaceStats> s = tapStats(ifname);
            if (s.isPresent()) {
                InterfaceStats t = s.get();
                String k = "net." + i + ".";
                p.add(TypedParameter.ofULLong(k + "rx.bytes", t.rxBytes()));
                p.add(TypedParameter.ofULLong(k + "rx.pkts", t.rxPackets()));
                p.add(TypedParameter.ofULLong(k + "rx.errs", t.rxErrs()));
                p.add(TypedParameter.ofULLong(k + "rx.drop", t.rxDrop()));
                p.add(TypedParameter.ofULLong(k + "tx.bytes", t.txBytes()));
                p.add(TypedParameter.ofULLong(k + "tx.pkts", t.txPackets()));
                p.add(TypedParameter.ofULLong(k + "tx.errs", t.txErrs()));
                p.add(TypedParameter.ofULLong(k + "tx.drop", t.txDrop()));
            }
        }
    }

    private static String ifname(XmlNode net) {
        XmlNode t = net.childOrNull("target");
        return t == null ? null : t.attr("dev");
    }

    /**
     * A tap's counters from the guest's side: what the host's tap transmits the guest receives, so
     * rx and tx swap (as libvirt does for every type that does not share the host's view).
     */
    private static Optional<InterfaceStats> tapStats(String ifname) {
        Path dir = Path.of("/sys/class/net", ifname, "statistics");
        try {
            return Optional.of(new InterfaceStats(read(dir, "tx_bytes"), read(dir, "tx_packets"), read(dir, "tx_errors"),
                    read(dir, "tx_dropped"), read(dir, "rx_bytes"), read(dir, "rx_packets"), read(dir, "rx_errors"),
                    read(dir, "rx_dropped")));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long read(Path dir, String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(name)).trim());
    }

    private void dirtyRate(RuntimeView v, List<TypedParameter> p) {
        JsonNode r;
        try {
            r = v.qmp().execute("query-dirty-rate");
        } catch (RuntimeException e) {
            return;
        }
        int status = switch (r.path("status").asText()) {
            case "measuring" -> 1;
            case "measured" -> 2;
            default -> 0;
        };
        p.add(TypedParameter.ofInt("dirtyrate.calc_status", status));
        p.add(new TypedParameter("dirtyrate.calc_start_time", io.jvirt.api.TypedParameterType.LLONG,
                r.path("start-time").asLong()));
        p.add(TypedParameter.ofInt("dirtyrate.calc_period", r.path("calc-time").asInt()));
        p.add(TypedParameter.ofString("dirtyrate.calc_mode", r.path("mode").asText("page-sampling")));
        if (status == 2) {
            p.add(new TypedParameter("dirtyrate.megabytes_per_second", io.jvirt.api.TypedParameterType.LLONG,
                    r.path("dirty-rate").asLong()));
            if ("dirty-ring".equals(r.path("mode").asText())) {
                for (JsonNode c : r.path("vcpu-dirty-rate")) {
                    p.add(TypedParameter.ofULLong("dirtyrate.vcpu." + c.path("id").asInt() + ".megabytes_per_second",
                            c.path("dirty-rate").asLong()));
                }
            }
        }
    }

    // ------------------------------------------------------------ block devices

    /** One disk of a running guest as QMP shows it: its front-end and format-node figures. */
    private record BlockNode(String node, JsonNode stats, long highestOffset, long capacity, long physical) {
    }

    /** The running guest's disks by alias, from query-blockstats and query-named-block-nodes. */
    private static Map<String, BlockNode> blockNodes(RuntimeView v) {
        Map<String, JsonNode> images = new HashMap<>();
        for (JsonNode n : v.qmp().execute("query-named-block-nodes", QmpClient.args().put("flat", true))) {
            images.put(n.path("node-name").asText(), n.path("image"));
        }
        Map<String, BlockNode> byAlias = new HashMap<>();
        for (JsonNode b : v.qmp().execute("query-blockstats", QmpClient.args().put("query-nodes", false))) {
            String qdev = b.path("qdev").asText();
            // /machine/peripheral/ALIAS/virtio-backend for virtio, the bare ALIAS (the device id) for others
            String alias = qdev.startsWith("/machine/peripheral/") ? qdev.split("/")[3] : qdev;
            String node = b.path("node-name").asText(null);
            JsonNode image = node == null ? null : images.get(node);
            long capacity = image == null ? 0 : image.path("virtual-size").asLong();
            // a node without actual-size is not thin provisioned: all of it is allocated
            long physical = image == null ? 0 : image.path("actual-size").asLong(capacity);
            byAlias.put(alias, new BlockNode(node, b.path("stats"),
                    b.path("parent").path("stats").path("wr_highest_offset").asLong(), capacity, physical));
        }
        return byAlias;
    }

    private static String alias(XmlNode device) {
        return device.child("alias").map(a -> a.attr("name")).orElse(null);
    }

    private static String source(XmlNode disk) {
        XmlNode s = disk.childOrNull("source");
        return s == null ? null : s.attr("block".equals(disk.attr("type")) ? "dev" : "file");
    }

    private static String target(XmlNode disk) {
        XmlNode t = disk.childOrNull("target");
        return t == null ? null : t.attr("dev");
    }

    private void block(RuntimeView v, List<TypedParameter> p) {
        List<XmlNode> disks = v.def().devices("disk");
        Map<String, BlockNode> nodes = Map.of();
        if (v.active()) {
            try {
                nodes = blockNodes(v);
            } catch (RuntimeException e) {
                // as libvirt: without QEMU's figures the disks are still listed
            }
        }
        p.add(TypedParameter.ofUInt("block.count", disks.size()));
        for (int i = 0; i < disks.size(); i++) {
            XmlNode d = disks.get(i);
            String k = "block." + i + ".";
            String path = source(d);
            p.add(TypedParameter.ofString(k + "name", target(d)));
            if (path != null) {
                p.add(TypedParameter.ofString(k + "path", path));
            }
            if (!v.active()) {
                if (path != null) {
                    ImageSizes.of(qemuImg, path).ifPresent(s -> {
                        addNonZero(p, k + "allocation", s.allocation());
                        addNonZero(p, k + "capacity", s.capacity());
                        addNonZero(p, k + "physical", s.physical());
                    });
                }
                continue;
            }
            BlockNode n = nodes.get(alias(d));
            if (n == null) {
                continue;
            }
            backingIndex(n.node()).ifPresent(idx -> p.add(TypedParameter.ofUInt(k + "backingIndex", idx)));
            JsonNode s = n.stats();
            p.add(TypedParameter.ofULLong(k + "rd.reqs", s.path("rd_operations").asLong()));
            p.add(TypedParameter.ofULLong(k + "rd.bytes", s.path("rd_bytes").asLong()));
            p.add(TypedParameter.ofULLong(k + "rd.times", s.path("rd_total_time_ns").asLong()));
            p.add(TypedParameter.ofULLong(k + "wr.reqs", s.path("wr_operations").asLong()));
            p.add(TypedParameter.ofULLong(k + "wr.bytes", s.path("wr_bytes").asLong()));
            p.add(TypedParameter.ofULLong(k + "wr.times", s.path("wr_total_time_ns").asLong()));
            p.add(TypedParameter.ofULLong(k + "fl.reqs", s.path("flush_operations").asLong()));
            p.add(TypedParameter.ofULLong(k + "fl.times", s.path("flush_total_time_ns").asLong()));
            p.add(TypedParameter.ofULLong(k + "allocation", n.highestOffset()));
            addNonZero(p, k + "capacity", n.capacity());
            long physical = n.physical() != 0 ? n.physical() : fileSize(path);
            addNonZero(p, k + "physical", physical);
        }
    }

    /** The N of the driver's {@code libvirt-N-format} node names: libvirt's index of the image. */
    private static Optional<Integer> backingIndex(String node) {
        if (node != null && node.matches("libvirt-\\d+-format")) {
            return Optional.of(Integer.parseInt(node.substring(8, node.length() - 7)));
        }
        return Optional.empty();
    }

    private static void addNonZero(List<TypedParameter> p, String key, long value) {
        if (value != 0) {
            p.add(TypedParameter.ofULLong(key, value));
        }
    }

    private static long fileSize(String path) {
        try {
            return path == null ? 0 : Files.size(Path.of(path));
        } catch (IOException e) {
            return 0;
        }
    }

    private static XmlNode disk(DomainDef def, String name, String error) {
        for (XmlNode d : def.devices("disk")) {
            if (name.equals(target(d)) || name.equals(source(d))) {
                return d;
            }
        }
        throw QemuErrors.invalidArg(error);
    }

    // ------------------------------------------------------------ the single-purpose calls

    private RuntimeView running(DomainRef ref) {
        RuntimeView v = qemu.runtime(ref);
        if (!v.active()) {
            throw QemuErrors.notRunning();
        }
        return v;
    }

    /** virDomainMemoryStats: the balloon's size, the guest's own figures once it reports them, QEMU's RSS. */
    public List<MemoryStat> memoryStats(DomainRef ref, int max, int flags) {
        QemuErrors.checkFlags(flags, 0, "qemuDomainMemoryStats");
        List<MemoryStat> l = memory(running(ref));
        return l.subList(0, Math.min(Math.max(max, 0), l.size()));
    }

    private List<MemoryStat> memory(RuntimeView v) {
        List<MemoryStat> l = new ArrayList<>();
        if (hasBalloon(v.def())) {
            try {
                l.add(new MemoryStat(6, v.qmp().execute("query-balloon").path("actual").asLong() / 1024));
                String alias = v.def().devices("memballoon").stream().map(QemuStats::alias)
                        .filter(a -> a != null).findFirst().orElse("balloon0");
                JsonNode g = v.qmp().execute("qom-get", QmpClient.args().put("path", "/machine/peripheral/" + alias)
                        .put("property", "guest-stats"));
                JsonNode s = g.path("stats");
                guestStat(l, s, "stat-swap-in", 0, 1024);
                guestStat(l, s, "stat-swap-out", 1, 1024);
                guestStat(l, s, "stat-major-faults", 2, 1);
                guestStat(l, s, "stat-minor-faults", 3, 1);
                guestStat(l, s, "stat-free-memory", 4, 1024);
                guestStat(l, s, "stat-total-memory", 5, 1024);
                guestStat(l, s, "stat-available-memory", 8, 1024);
                guestStat(l, g, "last-update", 9, 1);
                guestStat(l, s, "stat-disk-caches", 10, 1024);
                guestStat(l, s, "stat-htlb-pgalloc", 11, 1);
                guestStat(l, s, "stat-htlb-pgfail", 12, 1);
            } catch (RuntimeException e) {
                // no guest statistics (yet): what was read stands
            }
        }
        ProcStat.of(v.pid(), 0).ifPresent(s -> l.add(new MemoryStat(7, s.rssKiB())));
        return l;
    }

    /** One of the guest's figures; QEMU reports those the guest never sent as -1, which are left out. */
    private static void guestStat(List<MemoryStat> l, JsonNode from, String name, int tag, long divisor) {
        JsonNode n = from.get(name);
        if (n != null && n.asLong(-1) >= 0) {
            l.add(new MemoryStat(tag, n.asLong() / divisor));
        }
    }

    private static boolean hasBalloon(DomainDef def) {
        return def.devices("memballoon").stream().anyMatch(b -> "virtio".equals(b.attr("model")));
    }

    /** virDomainBlockStats: one disk by target or source, or ({@code ""}) all disks summed. */
    public BlockStats blockStats(DomainRef ref, String name) {
        RuntimeView v = running(ref);
        List<XmlNode> disks = name.isEmpty() ? v.def().devices("disk")
                : List.of(disk(v.def(), name, "invalid path: " + name));
        Map<String, BlockNode> nodes = blockNodes(v);
        long[] sum = new long[4];
        for (XmlNode d : disks) {
            BlockNode n = nodes.get(alias(d));
            if (n == null) {
                if (!name.isEmpty()) {
                    throw QemuErrors.internal("cannot find statistics for device '" + alias(d) + "'");
                }
                continue;
            }
            sum[0] += n.stats().path("rd_operations").asLong();
            sum[1] += n.stats().path("rd_bytes").asLong();
            sum[2] += n.stats().path("wr_operations").asLong();
            sum[3] += n.stats().path("wr_bytes").asLong();
        }
        return new BlockStats(sum[0], sum[1], sum[2], sum[3], -1); // QEMU counts no errors
    }

    /**
     * virDomainBlockStatsFlags: what QEMU counts of one disk (or all), in libvirt's order and names;
     * the number of entries is what a caller asking for none learns.
     */
    public List<TypedParameter> blockStatsFlags(DomainRef ref, String name, int flags) {
        QemuErrors.checkFlags(flags, 4, "qemuDomainBlockStatsFlags"); // TYPED_PARAM_STRING_OKAY: no strings anyway
        RuntimeView v = running(ref);
        List<XmlNode> disks = name.isEmpty() ? v.def().devices("disk")
                : List.of(disk(v.def(), name, "invalid path: " + name));
        Map<String, BlockNode> nodes = blockNodes(v);
        // QEMU's field, libvirt's name; rd/wr figures are always there, the others when QEMU has them
        String[][] fields = {{"wr_bytes", "wr_bytes"}, {"wr_operations", "wr_operations"}, {"rd_bytes", "rd_bytes"},
                {"rd_operations", "rd_operations"}, {"flush_operations", "flush_operations"},
                {"wr_total_time_ns", "wr_total_times"}, {"rd_total_time_ns", "rd_total_times"},
                {"flush_total_time_ns", "flush_total_times"}};
        Map<String, Long> sum = new java.util.LinkedHashMap<>();
        for (XmlNode d : disks) {
            BlockNode n = nodes.get(alias(d));
            if (n == null) {
                if (!name.isEmpty()) {
                    throw QemuErrors.internal("cannot find statistics for device '" + alias(d) + "'");
                }
                continue;
            }
            for (String[] f : fields) {
                if (n.stats().has(f[0])) {
                    sum.merge(f[1], n.stats().path(f[0]).asLong(), Long::sum);
                }
            }
        }
        List<TypedParameter> l = new ArrayList<>();
        sum.forEach((k, val) -> l.add(new TypedParameter(k, io.jvirt.api.TypedParameterType.LLONG, val)));
        return l;
    }

    /** virDomainInterfaceStats: by MAC address or host interface name, from the guest's side. */
    public InterfaceStats interfaceStats(DomainRef ref, String device) {
        RuntimeView v = running(ref);
        boolean mac = device.matches("(?i)([0-9a-f]{1,2}:){5}[0-9a-f]{1,2}");
        XmlNode found = null;
        for (XmlNode n : v.def().devices("interface")) {
            String m = n.child("mac").map(x -> x.attr("address")).orElse("");
            if (mac ? sameMac(m, device) : device.equals(ifname(n))) {
                found = n;
                break;
            }
        }
        if (found == null) {
            throw QemuErrors.invalidArg("'" + device + "' is not a known interface");
        }
        String ifname = ifname(found);
        if (ifname == null) {
            throw QemuErrors.internal("Interface name not provided");
        }
        return tapStats(ifname).orElseThrow(() -> new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU,
                "Failed to open file '/sys/class/net/" + ifname + "/statistics/rx_bytes'"));
    }

    private static boolean sameMac(String a, String b) {
        String[] x = a.split(":");
        String[] y = b.split(":");
        if (x.length != 6 || y.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (Integer.parseInt(x[i], 16) != Integer.parseInt(y[i], 16)) {
                return false;
            }
        }
        return true;
    }

    /** virDomainGetBlockInfo: the image's files for an inactive domain, QEMU's view while it runs. */
    public BlockInfo blockInfo(DomainRef ref, String name, int flags) {
        QemuErrors.checkFlags(flags, 0, "qemuDomainGetBlockInfo");
        RuntimeView v = qemu.runtime(ref);
        XmlNode d = disk(v.def(), name, "invalid path " + name + " not assigned to domain");
        String path = source(d);
        if (path == null) {
            throw QemuErrors.invalidArg("disk '" + name + "' does not currently have a source assigned");
        }
        if (!v.active()) {
            ImageSizes s = ImageSizes.of(qemuImg, path).orElseThrow(() -> new VirtException(ErrorCode.SYSTEM_ERROR,
                    ErrorDomain.STORAGE, "cannot stat file '" + path + "': No such file or directory"));
            return new BlockInfo(s.capacity(), s.allocation(), s.physical());
        }
        BlockNode n = blockNodes(v).get(alias(d));
        if (n == null) {
            throw QemuErrors.internal("cannot find statistics for device '" + alias(d) + "'");
        }
        XmlNode drv = d.childOrNull("driver");
        boolean qcow2File = !"block".equals(d.attr("type")) && drv != null && "qcow2".equals(drv.attr("type"));
        // libvirt's rules: a qcow2 file's allocation is its host allocation, other images' the
        // highest offset QEMU wrote; a sparse or untouched image takes physical from the file
        long allocation = qcow2File || n.highestOffset() == 0 ? n.physical() : n.highestOffset();
        long physical = n.physical();
        if (n.physical() == 0 || allocation == 0 || allocation == n.physical()) {
            physical = fileSize(path) != 0 ? fileSize(path) : n.physical();
        }
        return new BlockInfo(n.capacity(), allocation, physical);
    }

    /** virDomainGetCPUStats per CPU: needs the cpuacct cgroup, which jvirt never creates (libvirt's answer then). */
    public int cpuStatsCount(DomainRef ref) {
        running(ref);
        throw QemuErrors.operationInvalid("cgroup CPUACCT controller is not mounted");
    }

    /** virDomainGetCPUStats: the totals ({@code startCpu} -1) of QEMU's process. */
    public List<List<TypedParameter>> cpuStats(DomainRef ref, int startCpu, int ncpus, int flags) {
        QemuErrors.checkFlags(flags, 4, "qemuDomainGetCPUStats"); // TYPED_PARAM_STRING_OKAY
        RuntimeView v = running(ref);
        if (startCpu != -1) {
            throw QemuErrors.operationInvalid("cgroup CPUACCT controller is not mounted");
        }
        ProcStat s = ProcStat.of(v.pid(), 0).orElseThrow(() -> QemuErrors.operationFailed("cannot read cputime for domain"));
        return List.of(List.of(TypedParameter.ofULLong("cpu_time", s.cpuNs()),
                TypedParameter.ofULLong("user_time", s.userNs()), TypedParameter.ofULLong("system_time", s.systemNs())));
    }

    /** virDomainGetVcpus: each online vCPU's thread: its CPU time, the host CPU it last ran on, its affinity. */
    public List<VcpuInfo> vcpus(DomainRef ref, int hostCpus) {
        RuntimeView v = qemu.runtime(ref);
        if (!v.active()) {
            throw QemuErrors.operationInvalid("cannot retrieve vcpu information for inactive domain");
        }
        List<VcpuInfo> l = new ArrayList<>();
        for (VcpuThread c : vcpuThreads(v)) {
            Optional<ProcStat> s = ProcStat.of(v.pid(), c.tid());
            java.util.BitSet aff = ProcStat.affinity(v.pid(), c.tid());
            l.add(new VcpuInfo(c.number(), 1, s.map(ProcStat::cpuNs).orElse(0L), s.map(ProcStat::processor).orElse(0),
                    aff.get(0, Math.max(hostCpus, 0))));
        }
        return l;
    }

    /**
     * virDomainGetVcpuPinInfo: every vCPU may run on every host CPU (the driver supports no
     * {@code <vcpupin>} or {@code cpuset}), for each of the definition's maximum vCPUs.
     */
    public List<java.util.BitSet> vcpuPinInfo(DomainRef ref, int hostCpus, int flags) {
        QemuErrors.checkFlags(flags, 1 | 2, "qemuDomainGetVcpuPinInfo");
        RuntimeView v = qemu.runtime(ref);
        if ((flags & 1) != 0 && !v.active()) {
            throw QemuErrors.notRunning();
        }
        java.util.BitSet all = HostInfo.cpuMap().online().get(0, Math.max(hostCpus, 0));
        List<java.util.BitSet> l = new ArrayList<>();
        for (int i = 0; i < v.def().vcpus().max(); i++) {
            l.add((java.util.BitSet) all.clone());
        }
        return l;
    }
}
