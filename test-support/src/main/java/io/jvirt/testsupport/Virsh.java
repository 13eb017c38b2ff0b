package io.jvirt.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real virsh (Debian's libvirt-clients); fails clearly when it is not installed. */
public final class Virsh {
    public static final Path VIRSH = Path.of("/usr/bin/virsh");
    private static final int TIMEOUT_SECONDS = 60;

    public record Result(int exit, String out, String err) {
    }

    private Virsh() {
    }

    public static void require() {
        if (!Files.isExecutable(VIRSH)) {
            throw new IllegalStateException(VIRSH + " is missing: install Debian's libvirt-clients "
                    + "(scripts/ensure-deps.sh does: apt-get install libvirt-clients)");
        }
    }

    /** {@code virsh -q -c uri args...}: quiet, as scripts run it. */
    public static Result run(String uri, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("-q", "-c", uri));
        argv.addAll(List.of(args));
        return exec(argv);
    }

    /**
     * {@code virsh -c uri args...} (not quiet) with stdout and stderr in one text, in the order virsh
     * wrote them, as a terminal would show them.
     */
    public static String merged(String uri, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("-c", uri));
        argv.addAll(List.of(args));
        Path out = Files.createTempFile("virsh", ".out");
        try {
            wait(builder(argv).redirectErrorStream(true).redirectOutput(out.toFile()).start(), argv);
            return new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * virsh with exactly these arguments, in the C locale and without LIBVIRT_DEFAULT_URI; with
     * {@code VIRSH_LOG=FILE} in the environment it logs its RPC there (for debugging a test).
     */
    public static Result exec(List<String> argv) throws IOException, InterruptedException {
        // files, not pipes: a large document cannot block virsh while we wait for it
        Path out = Files.createTempFile("virsh", ".out");
        Path err = Files.createTempFile("virsh", ".err");
        try {
            Process p = builder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            wait(p, argv);
            return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static ProcessBuilder builder(List<String> argv) {
        require();
        List<String> cmd = new ArrayList<>(List.of(VIRSH.toString()));
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        if (System.getenv("VIRSH_LOG") != null) {
            pb.environment().put("LIBVIRT_LOG_OUTPUTS", "1:file:" + System.getenv("VIRSH_LOG"));
            pb.environment().put("LIBVIRT_LOG_FILTERS", "1:rpc 1:remote 1:libvirt");
        }
        return pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    private static void wait(Process p, List<String> argv) throws InterruptedException {
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("virsh " + String.join(" ", argv) + " did not finish in " + TIMEOUT_SECONDS
                    + " s");
        }
    }
}
