package io.jvirt.conf.nwfilter;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the cases of one corpus, honouring {@link KnownDifferences}, and prints
 * {@code conformance <corpus>: passed/total}.
 */
final class Tally {
    private final String corpus;
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger known = new AtomicInteger();

    Tally(String corpus) {
        this.corpus = corpus;
    }

    /** Runs one case; a listed known difference must still differ and is then skipped, not passed. */
    void check(String name, Runnable check) {
        total.incrementAndGet();
        String reason = KnownDifferences.reason(corpus, name);
        if (reason == null) {
            check.run();
            passed.incrementAndGet();
            return;
        }
        try {
            check.run();
        } catch (AssertionError e) {
            known.incrementAndGet();
            Assumptions.abort("known difference: " + reason);
            return;
        }
        fail(corpus + "/" + name + " is listed in known-differences.txt but now matches libvirt: remove it");
    }

    void print() {
        System.out.println("conformance " + corpus + ": " + passed + "/" + total
                + (known.get() > 0 ? " (" + known + " known differences)" : ""));
    }
}
