package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainState;

/**
 * Sixteen threads share one connection for ten seconds, each working on its own domain: every
 * reply must be the one for its own call (its own name, UUID, XML), which fails at once if frames
 * interleaved or serials were mixed up.
 */
class ConcurrencyTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));
    static final int THREADS = 16;
    static final long SECONDS = 10;

    @Test
    void sixteenThreadsOneConnectionEveryReplyMatchesItsCall() throws Exception {
        try (Jvirtd jvirtd = new Jvirtd(); Connect c = CLIENT.open(jvirtd.unixUri())) {
            List<Domain> mine = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                mine.add(c.domainDefineXML(ApiSuite.vendorXml("conc-" + i)));
            }
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicLong calls = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Domain own = mine.get(i);
                Thread t = new Thread(() -> {
                    int n = 0;
                    while (System.nanoTime() < end && problems.isEmpty()) {
                        try {
                            Domain d = c.domainLookupByName(own.getName());
                            check(problems, own.getName(), d.getName(), "lookup name");
                            check(problems, own.getUUID().toString(), d.getUUID().toString(), "lookup uuid");
                            Domain byUuid = c.domainLookupByUUID(own.getUUID());
                            check(problems, own.getName(), byUuid.getName(), "uuid lookup");
                            if (n++ % 4 == 0) {
                                String xml = d.getXMLDesc();
                                if (!xml.contains("<name>" + own.getName() + "</name>")) {
                                    problems.add(own.getName() + ": XML of another domain: " + xml);
                                }
                            }
                            check(problems, DomainState.SHUTOFF.name(), d.getInfo().state().name(), "state");
                            calls.addAndGet(n % 4 == 1 ? 5 : 4);
                        } catch (RuntimeException e) {
                            problems.add(own.getName() + ": " + e);
                        }
                    }
                }, "conc-" + i);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(SECONDS + 30));
            }
            assertTrue(problems.isEmpty(), problems.size() + " problems, first: " + problems.peek());
            assertTrue(calls.get() > THREADS, "only " + calls + " calls");
            for (Domain d : mine) {
                d.undefine();
            }
            assertEquals(1, c.listAllDomains().size());
            System.out.println("[concurrency] " + THREADS + " threads, " + SECONDS + " s: " + calls + " calls, "
                    + calls.get() / SECONDS + " calls/s, all replies matched");
        }
    }

    private static void check(ConcurrentLinkedQueue<String> problems, String want, String got, String what) {
        if (!want.equals(got)) {
            problems.add(what + ": wanted " + want + ", got " + got);
        }
    }
}
