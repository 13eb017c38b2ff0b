package io.jvirt.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real virsh (Debian's libvirt-clients); fails clearly when it is not installed. */
final class Virsh {
    record Result(int exit, String out, String err) {
    }

    private Virsh() {
    }

    static Result run(String uri, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/virsh"))) {
            throw new IllegalStateException("virsh is missing: install Debian's libvirt-clients "
                    + "(test.sh does: apt-get install libvirt-clients)");
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh", "-q", "-c", uri));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        if (System.getenv("VIRSH_LOG") != null) {
            pb.environment().put("LIBVIRT_LOG_OUTPUTS", "1:file:" + System.getenv("VIRSH_LOG"));
            pb.environment().put("LIBVIRT_LOG_FILTERS", "1:rpc 1:remote 1:libvirt");
        }
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("virsh " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
