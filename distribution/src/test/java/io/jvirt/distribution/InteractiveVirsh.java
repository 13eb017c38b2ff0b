package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.jvirt.testsupport.OutputLines;

/**
 * One interactive virsh: a single connection, opened at start and kept, that takes commands on
 * stdin. Its output is line-buffered through stdbuf, so each command's answer is read as soon as
 * virsh prints it.
 */
final class InteractiveVirsh implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final OutputLines output;
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
        output = new OutputLines(process.getInputStream(), "virsh stdout");
    }

    /** Runs a command on the open connection; returns its output lines (stdout and stderr). */
    String command(String command, Duration timeout) throws IOException, InterruptedException {
        int start = output.size();
        String marker = "end-of-command-" + (++commands);
        stdin.write(command + "\necho " + marker + "\n");
        stdin.flush();
        // virsh echoes each command after its prompt: the marker alone is echo's output
        int end = output.await(start, marker::equals, timeout);
        if (end < 0) {
            fail("virsh gave no answer to `" + command + "` (" + (output.ended() ? "it exited" : "timeout") + "):\n"
                    + output);
        }
        return String.join("\n", output.lines().subList(start, end));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
