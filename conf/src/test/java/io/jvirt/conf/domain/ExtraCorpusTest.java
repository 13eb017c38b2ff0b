package io.jvirt.conf.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.VirtException;
import io.jvirt.conf.oracle.Oracle;

/**
 * An optional corpus recorded locally with {@code virsh -c test:///default define X; dumpxml
 * --inactive} (for instance from libvirt's {@code *.x86_64-latest.xml} files, which are not in the
 * oracle): {@code -Djvirt.extraCorpus=DIR} with {@code DIR/in/NAME.xml} and either
 * {@code DIR/out/NAME.xml} (what virsh printed) or {@code DIR/out/NAME.error.txt} (virsh's error
 * message). Nothing of it is kept in the repository.
 */
@EnabledIfSystemProperty(named = "jvirt.extraCorpus", matches = ".+")
class ExtraCorpusTest {
    static final AtomicInteger PASSED = new AtomicInteger();
    static final AtomicInteger TOTAL = new AtomicInteger();

    static Stream<Path> inputs() throws IOException {
        Path dir = Path.of(System.getProperty("jvirt.extraCorpus"), "in");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            return l.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void matchesVirsh(Path in) {
        TOTAL.incrementAndGet();
        Path out = in.getParent().resolveSibling("out");
        String base = in.getFileName().toString().replaceAll("\\.xml$", "");
        Path xml = out.resolve(base + ".xml");
        Path err = out.resolve(base + ".error.txt");
        if (Files.exists(xml)) {
            String got = DomainDef.parse(Oracle.read(in), ParseContext.define(new TestDriverHook()))
                    .format(FormatFlag.INACTIVE);
            String want = Oracle.read(xml);
            assertEquals(want, got, DomainConformanceTest.firstDifference(want, got));
        } else {
            String want = Oracle.read(err).trim();
            try {
                DomainDef.parse(Oracle.read(in), ParseContext.define(new TestDriverHook()));
                fail("virsh refused it (" + want + ") but it was accepted");
            } catch (VirtException e) {
                assertEquals(want, e.getMessage());
            }
        }
        PASSED.incrementAndGet();
    }

    @AfterAll
    static void summary() {
        System.out.println("extra corpus: " + PASSED.get() + "/" + TOTAL.get());
    }
}
