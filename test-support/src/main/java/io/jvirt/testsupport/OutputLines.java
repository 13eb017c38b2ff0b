package io.jvirt.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A long-lived process's output, read line by line on a daemon thread and kept, so a test can
 * wait for the line it expects (a ready line, an event, the marker after a command) and show the
 * whole transcript when it does not come.
 */
public final class OutputLines {
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    /** Starts reading {@code in} (UTF-8) until it ends. */
    public OutputLines(InputStream in, String threadName) {
        Thread reader = new Thread(() -> read(in), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away: ended below
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    public synchronized int size() {
        return lines.size();
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether the output has ended (the process closed it or went away). */
    public synchronized boolean ended() {
        return ended;
    }

    /**
     * The index of the first line from {@code from} on that matches, waiting up to {@code timeout};
     * -1 if the output ended or the time ran out first ({@link #ended()} tells which).
     */
    public synchronized int await(int from, Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = from;; ) {
            for (; i < lines.size(); i++) {
                if (match.test(lines.get(i))) {
                    return i;
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return -1;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public synchronized String toString() {
        return String.join("\n", lines);
    }
}
