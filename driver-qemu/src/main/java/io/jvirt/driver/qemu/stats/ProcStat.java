package io.jvirt.driver.qemu.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;

/**
 * CPU and memory figures of a process or one of its threads from {@code /proc}: what libvirt's QEMU
 * driver reports when it has no cgroup to ask (jvirt never puts guests in cgroups).
 */
record ProcStat(long userNs, long systemNs, long rssKiB, int processor) {
    /** USER_HZ, the unit of the times in {@code stat}. */
    private static final long TICK_NS = 1_000_000_000L / 100;
    /** x86_64 pages: the unit of {@code rss} in {@code stat}. */
    private static final long PAGE_KIB = 4;

    long cpuNs() {
        return userNs + systemNs;
    }

    /** {@code /proc/PID/stat}, or {@code /proc/PID/task/TID/stat} when {@code tid} is positive. */
    static Optional<ProcStat> of(long pid, long tid) {
        String stat;
        try {
            stat = Files.readString(dir(pid, tid).resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        // field 2 (the command) is parenthesised and may hold anything: split after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[i] is field i + 3: utime 14, stime 15, rss 24, processor 39
        return Optional.of(new ProcStat(Long.parseLong(f[11]) * TICK_NS, Long.parseLong(f[12]) * TICK_NS,
                Long.parseLong(f[21]) * PAGE_KIB, Integer.parseInt(f[36])));
    }

    /** This JVM: libvirt reads its own process for a domain without one (pid 0 means "self" to it). */
    static Optional<ProcStat> self() {
        return of(ProcessHandle.current().pid(), 0);
    }

    /** Time spent runnable but waiting for a CPU ({@code se.statistics.wait_sum}, ms), in ns; 0 without schedstats. */
    static long waitNs(long pid, long tid) {
        try {
            for (String line : Files.readAllLines(dir(pid, tid).resolve("sched"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("se.statistics.wait_sum") || line.startsWith("se.wait_sum")) {
                    return (long) (Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()) * 1_000_000);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no CONFIG_SCHED_DEBUG: libvirt reports 0 as well
        }
        return 0;
    }

    /** The run-queue delay of {@code schedstat} (its second number, ns); 0 when the kernel lacks it. */
    static long delayNs(long pid, long tid) {
        try {
            String[] f = Files.readString(dir(pid, tid).resolve("schedstat")).trim().split("\\s+");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The CPUs a thread may run on ({@code Cpus_allowed_list} of its {@code status}); none when it is gone. */
    static BitSet affinity(long pid, long tid) {
        try {
            for (String line : Files.readAllLines(dir(pid, tid).resolve("status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return HostInfo.parseCpuList(line.substring(line.indexOf(':') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return new BitSet();
    }

    private static Path dir(long pid, long tid) {
        Path p = Path.of("/proc", Long.toString(pid));
        return tid > 0 ? p.resolve("task").resolve(Long.toString(tid)) : p;
    }
}
