package io.jvirt.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainInfo;
import io.jvirt.driver.test.TestDriver;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * The test driver's domain list at scale (issue 4): {@code test:///default} holding {@code domains}
 * domains in all (its own running {@code test} and {@code domains - 1} defined ones), reached through
 * the registry's connection as applications reach it. bench/test_driver_reference.py times the same
 * calls on libvirt's own test driver with the same counts; bench/test-driver.sh runs both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TestDriverBench {
    @Param({ "10", "1000", "10000" })
    public int domains;

    private InProcessVirt virt;
    private Connect conn;
    /** A defined domain half-way down the list: what lookupByName looks for, getInfo asks. */
    private String middleName;
    private Domain middle;

    /** The domain bench/test_driver_reference.py defines too: a shut-off {@code type='test'} guest. */
    public static String domainXml(String name, int n) {
        return "<domain type='test'><name>" + name + "</name>"
                + String.format("<uuid>6695eb01-f6a4-8304-79aa-%012x</uuid>", n)
                + "<memory>8192</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>";
    }

    public static String name(int n) {
        return String.format("bench-%05d", n);
    }

    /** Not among the {@link #name(int)} numbers below 100,000: defined and undefined by {@link #defineXML()}. */
    private static final String EXTRA = domainXml("bench-extra", 999_999);

    @Setup
    public void setup() {
        virt = new InProcessVirt("test:///default").add(new TestDriver(), "test", "test");
        conn = virt.open("test:///default");
        // The same mix of calls in every fork before the state grows: the connection's call path is
        // shared by all operations, and without this the setup's N defines alone would change what
        // the JIT inlines there (and so the figures) from one N to the next.
        Domain test = conn.domainLookupByName("test");
        for (int i = 0; i < 2_000; i++) {
            conn.domainLookupByName("test");
            test.getInfo();
            conn.listAllDomains();
            defineXML();
        }
        for (int i = 1; i < domains; i++) {
            conn.domainDefineXML(domainXml(name(i), i));
        }
        if (conn.listAllDomains().size() != domains) {
            throw new IllegalStateException("expected " + domains + " domains");
        }
        middleName = name(Math.max(1, domains / 2));
        middle = conn.domainLookupByName(middleName);
    }

    @TearDown
    public void tearDown() {
        conn.close();
    }

    @Benchmark
    public Domain lookupByName() {
        return conn.domainLookupByName(middleName);
    }

    @Benchmark
    public DomainInfo getInfo() {
        return middle.getInfo();
    }

    @Benchmark
    public List<Domain> listAllDomains() {
        return conn.listAllDomains();
    }

    /** A new domain defined, then undefined again so that the count stays {@code domains}. */
    @Benchmark
    public Domain defineXML() {
        Domain d = conn.domainDefineXML(EXTRA);
        d.undefine();
        return d;
    }
}
