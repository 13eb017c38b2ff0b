package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One interactive virsh: a single connection, opened at start and kept, that takes commands on
 * stdin. Its output is line-buffered through stdbuf, so each command's answer is read as soon as
 * virsh prints it.
 */
final class InteractiveVirsh implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new ArrayList<>();
    private boolean eof;
    private int commands;

    InteractiveVirsh(String uri) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/virsh")) || !Files.isExecutable(Path.of("/usr/bin/stdbuf"))) {
            fail("virsh and stdbuf are needed: install Debian's libvirt-clients and coreutils");
        }
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/stdbuf", "-oL", "-eL", "/usr/bin/virsh", "-c", uri)
                .redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        process = pb.start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // virsh went away: eof
            } finally {
                synchronized (this) {
                    eof = true;
                    notifyAll();
                }
            }
        }, "virsh stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs a command on the open connection; returns its output lines (stdout and stderr). */
    String command(String command, Duration timeout) throws IOException, InterruptedException {
        int start;
        synchronized (this) {
            start = lines.size();
        }
        String marker = "end-of-command-" + (++commands);
        stdin.write(command + "\necho " + marker + "\n");
        stdin.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            for (;;) {
                for (int i = start; i < lines.size(); i++) {
                    // virsh echoes each command after its prompt: the marker alone is echo's output
                    if (lines.get(i).equals(marker)) {
                        return String.join("\n", lines.subList(start, i));
                    }
                }
                long left = deadline - System.nanoTime();
                if (eof || left <= 0) {
                    fail("virsh gave no answer to `" + command + "` (" + (eof ? "it exited" : "timeout") + "):\n"
                            + String.join("\n", lines));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
