package io.jvirt.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.jvirt.conf.domain.DomainDef;
import io.jvirt.conf.domain.ParseContext;
import io.jvirt.conf.domain.PostParseHook;

/**
 * Parse and format of the test driver's default domain ({@code virsh -c test:///default dumpxml
 * test --inactive}), with only libvirt's generic defaults, as the reference parses it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DomainBench {
    /**
     * The test driver's default domain as libvirt 9.0 prints it inactive, taken from the driver
     * itself; bench/conf_reference.py holds the same text for libvirt's side.
     */
    public static final String DEFAULT_TEST_DOMAIN = io.jvirt.driver.test.state.DefaultState.DOMAIN;

    private DomainDef parsed;

    @Setup
    public void setup() {
        parsed = parse();
    }

    @Benchmark
    public DomainDef parseDefaultTestDomain() {
        return parse();
    }

    private static DomainDef parse() {
        return DomainDef.parse(DEFAULT_TEST_DOMAIN, ParseContext.define(PostParseHook.NONE));
    }

    @Benchmark
    public String formatDefaultTestDomain() {
        return parsed.format();
    }
}
