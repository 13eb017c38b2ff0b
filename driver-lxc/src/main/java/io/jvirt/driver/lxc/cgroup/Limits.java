package io.jvirt.driver.lxc.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jvirt.driver.lxc.conf.LxcDefinition;

/**
 * {@code <memory>}, {@code <memtune>}, {@code <cputune>} and {@code <blkiotune>} as cgroup files, in
 * v1's and v2's names: memory.limit_in_bytes / memory.max (the hard limit, else {@code <memory>}),
 * memory.soft_limit_in_bytes / memory.high, memory.memsw.limit_in_bytes / memory.swap.max,
 * cpu.shares / cpu.weight, cpu.cfs_period_us + cpu.cfs_quota_us / cpu.max, blkio.weight / io.weight
 * and the per-device throttles.
 */
final class Limits {
    private Limits() {
    }

    static void apply(Cgroups layout, String rel, LxcDefinition def) throws IOException {
        LxcDefinition.Memtune m = def.memtune();
        long memKiB = m.hardLimit() != null ? m.hardLimit() : def.memoryKiB();
        boolean v2 = layout.v2();
        if (memKiB > 0) {
            write(layout, "memory", rel, v2 ? "memory.max" : "memory.limit_in_bytes", Long.toString(memKiB * 1024));
        }
        if (m.softLimit() != null) {
            write(layout, "memory", rel, v2 ? "memory.high" : "memory.soft_limit_in_bytes", Long.toString(m.softLimit() * 1024));
        }
        if (m.swapHardLimit() != null) {
            // v1 counts memory + swap, v2 swap alone: libvirt writes the same number to both
            write(layout, "memory", rel, v2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes",
                    Long.toString(m.swapHardLimit() * 1024));
        }
        LxcDefinition.Cputune c = def.cputune();
        if (c.shares() != null) {
            write(layout, "cpu", rel, v2 ? "cpu.weight" : "cpu.shares",
                    Long.toString(v2 ? Math.max(1, Math.min(10000, c.shares())) : c.shares()));
        }
        if (v2 && (c.period() != null || c.quota() != null)) {
            long period = c.period() != null ? c.period() : 100000;
            String quota = c.quota() == null || c.quota() < 0 ? "max" : Long.toString(c.quota());
            write(layout, "cpu", rel, "cpu.max", quota + " " + period);
        } else if (!v2) {
            if (c.period() != null) {
                write(layout, "cpu", rel, "cpu.cfs_period_us", Long.toString(c.period()));
            }
            if (c.quota() != null) {
                write(layout, "cpu", rel, "cpu.cfs_quota_us", Long.toString(c.quota()));
            }
        }
        LxcDefinition.Blkiotune b = def.blkiotune();
        if (b.weight() != null) {
            write(layout, "blkio", rel, v2 ? "io.weight" : "blkio.weight", (v2 ? "default " : "") + b.weight());
        }
        for (LxcDefinition.BlkioDevice d : b.devices()) {
            String dev = majorMinor(d.path());
            if (v2) {
                StringBuilder sb = new StringBuilder(dev);
                if (d.readBytesSec() != null) sb.append(" rbps=").append(d.readBytesSec());
                if (d.writeBytesSec() != null) sb.append(" wbps=").append(d.writeBytesSec());
                if (d.readIopsSec() != null) sb.append(" riops=").append(d.readIopsSec());
                if (d.writeIopsSec() != null) sb.append(" wiops=").append(d.writeIopsSec());
                if (sb.length() > dev.length()) {
                    write(layout, "blkio", rel, "io.max", sb.toString());
                }
                if (d.weight() != null) {
                    write(layout, "blkio", rel, "io.weight", dev + " " + d.weight());
                }
                continue;
            }
            if (d.weight() != null) {
                write(layout, "blkio", rel, "blkio.weight_device", dev + " " + d.weight());
            }
            if (d.readBytesSec() != null) write(layout, "blkio", rel, "blkio.throttle.read_bps_device", dev + " " + d.readBytesSec());
            if (d.writeBytesSec() != null) write(layout, "blkio", rel, "blkio.throttle.write_bps_device", dev + " " + d.writeBytesSec());
            if (d.readIopsSec() != null) write(layout, "blkio", rel, "blkio.throttle.read_iops_device", dev + " " + d.readIopsSec());
            if (d.writeIopsSec() != null) write(layout, "blkio", rel, "blkio.throttle.write_iops_device", dev + " " + d.writeIopsSec());
        }
    }

    /** MAJOR:MINOR of a block device, from sysfs (no stat(2) in plain Java). */
    private static String majorMinor(String path) throws IOException {
        Path real = Path.of(path).toRealPath();
        Path dev = Path.of("/sys/class/block").resolve(real.getFileName().toString()).resolve("dev");
        if (!Files.exists(dev)) {
            throw new IOException("Path '" + path + "' is not block device");
        }
        return Files.readString(dev).trim();
    }

    private static void write(Cgroups layout, String controller, String rel, String file, String value) throws IOException {
        if (!layout.has(controller)) {
            throw new IOException("cgroup controller " + controller + " is not mounted");
        }
        Path f = layout.dir(controller, rel).resolve(file);
        if (!Files.exists(f)) {
            throw new IOException(f + ": the kernel has no such cgroup file");
        }
        try {
            Files.writeString(f, value);
        } catch (IOException e) {
            throw new IOException("Unable to write to '" + f + "': " + e.getMessage(), e);
        }
    }
}
