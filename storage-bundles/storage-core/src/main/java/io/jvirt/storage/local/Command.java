package io.jvirt.storage.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/**
 * A command as libvirt's {@code virCommand} builds it: an argv list (never a shell line), extra
 * environment, run to completion with its output captured. A non-zero exit fails as libvirt's
 * {@code virCommandRun}: {@code VIR_ERR_INTERNAL_ERROR} "Child process (CMD) unexpected exit status
 * N: STDERR". {@link #toString(boolean)} is libvirt's {@code virCommandToString}, the form of the
 * {@code storagepoolxml2argvdata} and {@code storagevolxml2argvdata} fixtures.
 */
public final class Command {
    /** Where libvirt's {@code virFindFileInPath} looks when PATH lacks the sbin directories. */
    private static final List<String> EXTRA_PATH = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    public Command(String program, String... args) {
        this.args.add(Objects.requireNonNull(program));
        Collections.addAll(this.args, args);
    }

    public Command arg(String a) {
        args.add(Objects.requireNonNull(a));
        return this;
    }

    public Command args(String... more) {
        for (String a : more) {
            arg(a);
        }
        return this;
    }

    public Command env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public List<String> argv() {
        return List.copyOf(args);
    }

    /** What ran, and what it said. */
    public record Result(int exitStatus, String stdout, String stderr) {
    }

    /** Runs the command; a non-zero exit is libvirt's error. */
    public Result run() {
        Result r = runStatus();
        if (r.exitStatus() != 0) {
            throw failure(r);
        }
        return r;
    }

    /** Runs the command and returns whatever its exit status. */
    public Result runStatus() {
        String binary = resolve(args.get(0));
        List<String> argv = new ArrayList<>(args);
        argv.set(0, binary);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE,
                    "cannot execute binary " + binary + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> drain(p.getErrorStream(), err), "jvirt-storage-cmd-stderr");
        errReader.setDaemon(true);
        errReader.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        drain(p.getInputStream(), out);
        int status;
        try {
            status = p.waitFor();
            errReader.join();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.STORAGE,
                    "internal error: interrupted while running " + args.get(0));
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** libvirt's error for a command that exited with a non-zero status. */
    public VirtException failure(Result r) {
        String stderr = r.stderr();
        // libvirt appends what the child wrote to stderr, as it is (trailing newline included)
        // libvirt names a tool as it calls it: its own absolute paths for mount, LVM, ..., else as given
        String program = args.get(0);
        Command resolved = new Command(LIBVIRT_PATHS.containsKey(program) ? resolve(program) : program);
        resolved.args.addAll(args.subList(1, args.size()));
        resolved.env.putAll(env);
        return new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.STORAGE,
                "internal error: Child process (" + resolved.toString(false) + ") unexpected exit status "
                        + r.exitStatus()
                        + (stderr.isEmpty() ? "" : ": " + stderr));
    }

    private static void drain(InputStream in, ByteArrayOutputStream to) {
        try (in) {
            in.transferTo(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The absolute paths libvirt's storage driver was built with for the tools it runs (Debian's
     * build: {@code /bin/mount}, {@code /sbin/lvcreate}, ...); they name the tool in its errors. A
     * tool not at that path is looked up in PATH, as libvirt does for the others (qemu-img, parted, scrub).
     */
    private static final java.util.Map<String, String> LIBVIRT_PATHS = java.util.Map.ofEntries(
            java.util.Map.entry("mount", "/bin/mount"), java.util.Map.entry("umount", "/bin/umount"),
            java.util.Map.entry("mkfs", "/sbin/mkfs"), java.util.Map.entry("showmount", "/sbin/showmount"),
            java.util.Map.entry("pvcreate", "/sbin/pvcreate"), java.util.Map.entry("pvremove", "/sbin/pvremove"),
            java.util.Map.entry("pvs", "/sbin/pvs"), java.util.Map.entry("vgcreate", "/sbin/vgcreate"),
            java.util.Map.entry("vgchange", "/sbin/vgchange"), java.util.Map.entry("vgremove", "/sbin/vgremove"),
            java.util.Map.entry("vgscan", "/sbin/vgscan"), java.util.Map.entry("vgs", "/sbin/vgs"),
            java.util.Map.entry("lvs", "/sbin/lvs"), java.util.Map.entry("lvcreate", "/sbin/lvcreate"),
            java.util.Map.entry("lvremove", "/sbin/lvremove"), java.util.Map.entry("lvchange", "/sbin/lvchange"));

    /** libvirt's {@code virFindFileInPath}: the absolute path of a program, else the "Cannot find" error. */
    static String resolve(String program) {
        if (program.startsWith("/")) {
            return program;
        }
        String fixed = LIBVIRT_PATHS.get(program);
        if (fixed != null && Files.isExecutable(Path.of(fixed))) {
            return fixed;
        }
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(EXTRA_PATH);
        for (String d : dirs) {
            Path p = Path.of(d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STORAGE,
                "Cannot find '" + program + "' in path: No such file or directory");
    }

    /** Whether a program is installed (libvirt's {@code virFindFileInPath} != NULL). */
    public static boolean available(String program) {
        try {
            resolve(program);
            return true;
        } catch (VirtException e) {
            return false;
        }
    }

    /**
     * libvirt's {@code virCommandToString}: environment, then the arguments, shell-quoted where
     * needed; with {@code linebreaks} each option starts a line ("\\\n") and keeps its value on it.
     */
    public String toString(boolean linebreaks) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            sb.append(e.getKey()).append('=').append(shellQuote(e.getValue())).append(' ');
            if (linebreaks) {
                sb.append("\\\n");
            }
        }
        sb.append(shellQuote(args.get(0)));
        boolean hadOption = false;
        for (int i = 1; i < args.size(); i++) {
            sb.append(' ');
            if (linebreaks) {
                boolean linebreak = true;
                if (!args.get(i).startsWith("-")) {
                    if (hadOption) {
                        for (int j = i - 1; j < args.size(); j++) {
                            if (args.get(j).startsWith("-")) {
                                linebreak = false;
                                break;
                            }
                        }
                    }
                } else {
                    hadOption = true;
                }
                if (linebreak) {
                    sb.append("\\\n");
                }
            }
            sb.append(shellQuote(args.get(i)));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toString(false);
    }

    /** libvirt's {@code virBufferEscapeShell}. */
    static String shellQuote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        boolean special = false;
        for (int i = 0; i < s.length() && !special; i++) {
            special = "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~".indexOf(s.charAt(i)) >= 0;
        }
        if (!special) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
