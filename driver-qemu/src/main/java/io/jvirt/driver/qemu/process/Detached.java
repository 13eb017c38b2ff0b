package io.jvirt.driver.qemu.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jvirt.driver.qemu.QemuErrors;

/**
 * The argv that runs a command apart from the platform, as libvirt runs QEMU: in a session and
 * process group of its own ({@code setsid}), so neither a signal to the platform's process group
 * (Ctrl-C, {@code kill -- -PGID} of a service manager) nor the end of its terminal reaches it, and
 * in the cgroups given (their {@code cgroup.procs} files, written by the command's own shell before
 * it execs), so it is charged to its own cgroup from its first instruction. The JVM cannot run code
 * between fork and exec; {@code setsid} and {@code sh} are the smallest helpers that can. Neither
 * forks (a child of the JVM is no group leader, so {@code setsid} need not), so the pid the JVM
 * sees is the command's pid.
 */
public final class Detached {
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    /** Writes $$ into each file up to "--", then execs the rest; 126 (not executable) when a write fails. */
    private static final String SCRIPT = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 126; shift; done; shift; exec \"$@\"";

    private Detached() {
    }

    public static List<String> argv(List<String> command, List<Path> procsFiles) {
        Path setsid = SETSID.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> QemuErrors.operationFailed(
                "cannot run " + command.get(0) + " in a session of its own: setsid (Debian's util-linux) is missing"));
        List<String> argv = new ArrayList<>(List.of(setsid.toString(), "/bin/sh", "-c", SCRIPT, "sh"));
        procsFiles.forEach(p -> argv.add(p.toString()));
        argv.add("--");
        argv.addAll(command);
        return argv;
    }
}
