package io.jvirt.driver.lxc.controller;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pre-forked launcher ({@code jvirt-lxc launcher}): a child of the JVM that forks a
 * controller for every spec written to it. Forking this small static process costs a fraction of
 * a JVM spawn (posix_spawn through jspawnhelper, two execs), which is most of a container's start.
 * It holds no state: when it dies (with the platform, or killed), the controllers it forked go
 * on in their own sessions and the next {@link #launch} starts a new launcher.
 */
public final class Launcher implements AutoCloseable {
    private final Path binary;
    private final Path log;
    private final AtomicLong ids = new AtomicLong(1);
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private Process process;
    private OutputStream stdin;

    public Launcher(Path binary, Path log) {
        this.binary = binary;
        this.log = log;
    }

    /**
     * Starts a controller on {@code spec} and returns its handshake line: {@code ok CTLPID INITPID PTY...}
     * or {@code error TEXT}.
     */
    public String launch(byte[] spec, long timeoutMs) throws IOException {
        String id = Long.toString(ids.getAndIncrement());
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            synchronized (this) {
                ensureRunning();
                byte[] header = (id + " " + spec.length + "\n").getBytes(StandardCharsets.US_ASCII);
                byte[] request = new byte[header.length + spec.length];
                System.arraycopy(header, 0, request, 0, header.length);
                System.arraycopy(spec, 0, request, header.length, spec.length);
                try {
                    stdin.write(request);
                    stdin.flush();
                } catch (IOException e) {
                    stop();
                    throw new IOException("the controller launcher is gone: " + e.getMessage(), e);
                }
            }
            return reply.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no answer from the container's controller within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the controller started");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    private void ensureRunning() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "launcher")
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        process = p;
        stdin = p.getOutputStream();
        Thread reader = new Thread(() -> read(p), "lxc-launcher-" + p.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int sp = line.indexOf(' ');
                if (sp < 0) {
                    continue;
                }
                CompletableFuture<String> f = pending.get(line.substring(0, sp));
                if (f != null) {
                    f.complete(line.substring(sp + 1));
                }
            }
        } catch (IOException e) {
            // the launcher ended
        }
        IOException gone = new IOException("the controller launcher ended");
        synchronized (this) {
            if (process == p) {
                process = null;
            }
        }
        pending.values().forEach(f -> f.completeExceptionally(gone));
    }

    private void stop() {
        if (process != null) {
            process.destroy();
            process = null;
        }
    }

    /** Ends the launcher (its stdin closes); the controllers it started keep running. */
    @Override
    public synchronized void close() {
        if (process != null) {
            try {
                stdin.close();
            } catch (IOException e) {
                // it is ending anyway
            }
            process = null;
        }
    }
}
