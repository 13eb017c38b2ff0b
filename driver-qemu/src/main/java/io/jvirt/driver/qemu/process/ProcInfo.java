package io.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /proc/PID} says about a process: its start time (clock ticks since boot, which with
 * the pid names one process for the life of the host), its state, CPU time and command line.
 */
public record ProcInfo(long pid, char state, long startTicks, long cpuTicks) {
    /** USER_HZ: the unit of the times in {@code /proc/PID/stat}; 100 on every Linux build that matters. */
    public static final long TICKS_PER_SECOND = 100;

    /** The process as {@code /proc} shows it now, or empty when there is none. */
    public static Optional<ProcInfo> of(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.empty();
        }
        // the command name (field 2) is in parentheses and may contain spaces or ')': split after the last one
        int close = stat.lastIndexOf(')');
        String[] f = stat.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); utime, stime are fields 14, 15; starttime is field 22
        long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return Optional.of(new ProcInfo(pid, f[0].charAt(0), Long.parseLong(f[19]), cpu));
    }

    /** Alive means not gone and not a zombie waiting for its parent (init reaps orphans late here). */
    public boolean alive() {
        return state != 'Z' && state != 'X';
    }

    public long cpuTimeNs() {
        return cpuTicks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** Whether {@code pid} runs, is the process that started at {@code startTicks}, and is not a zombie. */
    public static boolean isAlive(long pid, long startTicks) {
        return of(pid).filter(p -> p.startTicks == startTicks && p.alive()).isPresent();
    }

    /** The process's argv, or empty when it is gone. */
    public static List<String> cmdline(long pid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    args.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return args;
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Whether the process runs with root's user or group (effective ids of /proc/PID/status), i.e.
     * without the privilege drop libvirt calls "undesirable elevated privileges"; false when it is gone.
     */
    public static boolean privileged(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Uid:") || line.startsWith("Gid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    if (ids.length > 1 && ids[1].equals("0")) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            // gone
        }
        return false;
    }

    /** Seconds since boot of a start time in ticks (for uptime comparisons). */
    public static double seconds(long ticks) {
        return ticks / (double) TICKS_PER_SECOND;
    }
}
