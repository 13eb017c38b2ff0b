package io.jvirt.network.dnsmasq.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** What {@code /proc/PID} says about a process: its start time, whether it still runs, its argv. */
final class Proc {
    private Proc() {
    }

    /**
     * The start time (field 22 of {@code stat}) of a live process, or empty when it is gone or a
     * zombie (its parent, often init here, reaps it late).
     */
    static OptionalLong startTicks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        // the command (field 2) is in parentheses and may hold spaces or ')': split after the last one
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        char state = f[0].charAt(0);
        if (state == 'Z' || state == 'X') {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(f[19]));
    }

    static List<String> cmdline(long pid) {
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
}
