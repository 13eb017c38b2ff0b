package io.jvirt.network.firewall.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.jvirt.network.firewall.CommandRunner;

/**
 * Runs the host's firewall tools as child processes, with stdin closed and both outputs read;
 * a tool is looked up on PATH and in the sbin directories (a JVM started without them on PATH
 * still finds {@code /usr/sbin/iptables}).
 */
public final class ProcessRunner implements CommandRunner {
    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private final List<String> launcher;

    public ProcessRunner(List<String> launcher) {
        this.launcher = List.copyOf(launcher);
    }

    @Override
    public String resolve(String tool) {
        return find(tool);
    }

    /** The path of a tool, or the name itself when it is nowhere (the start then fails saying so). */
    public static String find(String tool) {
        if (tool.indexOf('/') >= 0) {
            return tool;
        }
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(SBIN);
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return Path.of(d, tool).toString();
            }
        }
        return tool;
    }

    @Override
    public Result run(List<String> argv) {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(find(argv.get(0)));
        cmd.addAll(argv.subList(1, argv.size()));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return new Result(127, "", "cannot run " + cmd.get(launcher.size()) + ": " + e.getMessage());
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        try {
            int status = p.waitFor();
            return new Result(status, out, err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(130, out, "interrupted");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
