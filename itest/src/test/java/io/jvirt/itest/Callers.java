package io.jvirt.itest;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainInfo;

/**
 * Client threads calling an open connection in a loop, as an application would while a driver is
 * swapped under it: lookup of a domain by name, getInfo on it, listAllDomains. Each thread records
 * how many rounds it completed and every failure.
 */
public final class Callers implements AutoCloseable {
    public static final String THREAD_PREFIX = "itest-caller-";

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLongArray rounds;
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong totalRounds = new AtomicLong();
    private volatile boolean running = true;

    public Callers(Connect conn, String domain, int n) {
        rounds = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            int idx = i;
            Thread t = new Thread(() -> loop(conn, domain, idx), THREAD_PREFIX + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    private void loop(Connect conn, String name, int idx) {
        while (running) {
            try {
                Domain d = conn.domainLookupByName(name);
                DomainInfo info = d.getInfo();
                if (info == null) {
                    throw new AssertionError("getInfo returned null");
                }
                List<Domain> all = conn.listAllDomains();
                if (all.stream().noneMatch(x -> name.equals(x.getName()))) {
                    throw new AssertionError("listAllDomains lacks " + name + ": "
                            + all.stream().map(Domain::getName).collect(Collectors.toList()));
                }
                rounds.incrementAndGet(idx);
                totalRounds.incrementAndGet();
            } catch (Throwable t) {
                failures.add(t);
                Osgi.sleep(5); // do not spin on a persistent failure
            }
        }
    }

    /** Completed rounds of each thread. */
    public long[] rounds() {
        long[] r = new long[rounds.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = rounds.get(i);
        }
        return r;
    }

    public long total() {
        return totalRounds.get();
    }

    public Queue<Throwable> failures() {
        return failures;
    }

    /** Waits until every thread has completed {@code more} rounds beyond {@code from}. */
    public void awaitEachProgressed(long[] from, long more, String when) {
        Osgi.await("every caller thread to complete " + more + " more calls " + when,
                () -> {
                    long[] now = rounds();
                    for (int i = 0; i < now.length; i++) {
                        if (now[i] < from[i] + more) {
                            return false;
                        }
                    }
                    return true;
                },
                () -> "rounds " + java.util.Arrays.toString(rounds()) + " from " + java.util.Arrays.toString(from)
                        + ", failures " + failures.size() + firstFailure() + ", thread states "
                        + threads.stream().map(t -> t.getName() + "=" + t.getState()).collect(Collectors.toList()));
    }

    public String firstFailure() {
        Throwable t = failures.peek();
        if (t == null) {
            return "";
        }
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(sw));
        return "; first failure: " + sw;
    }

    public List<Thread> threads() {
        return threads;
    }

    /** Stops the loop and joins the threads (bounded); fails if one does not end. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(Osgi.SETTLE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                throw new AssertionError("caller thread " + t.getName() + " did not end; it is stuck in "
                        + java.util.Arrays.toString(t.getStackTrace()));
            }
        }
    }
}
