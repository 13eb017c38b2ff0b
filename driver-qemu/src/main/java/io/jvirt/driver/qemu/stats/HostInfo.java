package io.jvirt.driver.qemu.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import io.jvirt.api.NodeCPUMap;
import io.jvirt.api.NodeInfo;

/**
 * The host as libvirt's Linux code describes it (virsh nodeinfo, the CPU maps monitoring tools
 * size their per-CPU figures by): CPUs and topology from sysfs, memory and clock from {@code /proc}.
 */
public final class HostInfo {
    private static final Path CPU = Path.of("/sys/devices/system/cpu");
    private static final Path NODE = Path.of("/sys/devices/system/node");

    private HostInfo() {
    }

    /** virNodeGetCPUMap: the host's CPUs ({@code present}) and which are online. */
    public static NodeCPUMap cpuMap() {
        BitSet present = cpuList(CPU.resolve("present"));
        BitSet online = cpuList(CPU.resolve("online"));
        if (present.isEmpty()) {
            int n = Runtime.getRuntime().availableProcessors();
            present.set(0, n);
            online.set(0, n);
        }
        return new NodeCPUMap(present.length(), online, online.cardinality());
    }

    /**
     * virNodeGetInfo. The topology is the largest count per level over the NUMA nodes; when those
     * do not multiply to the online CPUs (an asymmetric host), libvirt reports one node with one
     * socket of single-threaded cores instead, and so does this.
     */
    public static NodeInfo nodeInfo() {
        BitSet online = cpuMap().online();
        int cpus = online.cardinality();
        int nodes = 0;
        int sockets = 0;
        int cores = 0;
        int threads = 0;
        for (BitSet nodeCpus : numaNodes(online).values()) {
            nodes++;
            // socket -> core -> threads
            Map<Integer, Map<Integer, Integer>> topo = new HashMap<>();
            for (int c = nodeCpus.nextSetBit(0); c >= 0; c = nodeCpus.nextSetBit(c + 1)) {
                Path t = CPU.resolve("cpu" + c).resolve("topology");
                topo.computeIfAbsent(readInt(t.resolve("physical_package_id"), 0), k -> new HashMap<>())
                        .merge(readInt(t.resolve("core_id"), c), 1, Integer::sum);
            }
            sockets = Math.max(sockets, topo.size());
            for (Map<Integer, Integer> coresOf : topo.values()) {
                cores = Math.max(cores, coresOf.size());
                for (int n : coresOf.values()) {
                    threads = Math.max(threads, n);
                }
            }
        }
        if (nodes * sockets * cores * threads != cpus) {
            nodes = 1;
            sockets = 1;
            cores = cpus;
            threads = 1;
        }
        return new NodeInfo(System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"),
                memoryKiB(), cpus, mhz(), nodes, sockets, cores, threads);
    }

    /** The online CPUs of each NUMA node (all of them in one node on a host without NUMA in sysfs). */
    private static Map<Integer, BitSet> numaNodes(BitSet online) {
        Map<Integer, BitSet> nodes = new java.util.TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(NODE, "node[0-9]*")) {
            for (Path n : ds) {
                BitSet cpus = cpuList(n.resolve("cpulist"));
                cpus.and(online);
                if (!cpus.isEmpty()) {
                    nodes.put(Integer.parseInt(n.getFileName().toString().substring(4)), cpus);
                }
            }
        } catch (IOException | RuntimeException e) {
            nodes.clear();
        }
        if (nodes.isEmpty()) {
            nodes.put(0, online);
        }
        return nodes;
    }

    /** The first "cpu MHz" of /proc/cpuinfo, whole MHz as libvirt reads it; 0 when there is none. */
    private static int mhz() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1)) {
                if (l.startsWith("cpu MHz")) {
                    String v = l.substring(l.indexOf(':') + 1).trim();
                    int dot = v.indexOf('.');
                    return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no clock to report
        }
        return 0;
    }

    /**
     * The host's memory as libvirt (built with NUMA support) counts it: the sum of the NUMA nodes'
     * totals, which can be less than {@code /proc/meminfo}'s (memory no node owns); that file only
     * on a host without nodes in sysfs.
     */
    private static long memoryKiB() {
        long sum = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(NODE, "node[0-9]*")) {
            for (Path n : ds) {
                sum += meminfoKiB(n.resolve("meminfo"), "MemTotal:");
            }
        } catch (IOException | RuntimeException e) {
            sum = 0;
        }
        return sum > 0 ? sum : meminfoKiB(Path.of("/proc/meminfo"), "MemTotal:");
    }

    /** A field of a meminfo file, in KiB: {@code MemTotal: N kB}, or per node {@code Node 0 MemTotal: N kB}. */
    private static long meminfoKiB(Path file, String field) {
        try {
            for (String l : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                int at = l.indexOf(field);
                if (at >= 0) {
                    return Long.parseLong(l.substring(at + field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return 0;
    }

    private static int readInt(Path file, int dflt) {
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (IOException | RuntimeException e) {
            return dflt;
        }
    }

    /** A sysfs CPU list file ({@code 0-3,8}); empty when unreadable. */
    static BitSet cpuList(Path file) {
        try {
            return parseCpuList(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return new BitSet();
        }
    }

    /** A CPU list as the kernel writes them: {@code 0-3,8}. */
    static BitSet parseCpuList(String list) {
        BitSet set = new BitSet();
        for (String range : list.trim().split(",")) {
            if (!range.isEmpty()) {
                String[] ab = range.split("-");
                int a = Integer.parseInt(ab[0]);
                set.set(a, (ab.length == 2 ? Integer.parseInt(ab[1]) : a) + 1);
            }
        }
        return set;
    }
}
