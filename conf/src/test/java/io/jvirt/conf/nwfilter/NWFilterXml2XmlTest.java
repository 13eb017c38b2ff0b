package io.jvirt.conf.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.VirtException;
import io.jvirt.conf.oracle.Oracle;
import io.jvirt.testsupport.Shared;

/**
 * libvirt's own nwfilter unit-test corpus ({@code tests/nwfilterxml2xmlin} to
 * {@code nwfilterxml2xmlout}): the test driver has no nwfilter support, so these expected
 * outputs are the reference. An input with an output of the same name must format to it byte
 * for byte; an input without one is one libvirt rejects, and must be rejected, with libvirt
 * 9.0.0's code, domain and message where they were observed (rejected-by-libvirt-9.0.0.tsv).
 * <p>
 * The outputs without an input of the same name were written by older libvirt for inputs it
 * now rejects; they are still libvirt's format, so each must come back unchanged from parse and
 * format (libvirt 9.0.0 does that for all of them).
 */
class NWFilterXml2XmlTest {
    private static final Path TESTS = Shared.conformance().resolve("libvirt-10.7.0/tests");
    private static final Path IN = TESTS.resolve("nwfilterxml2xmlin");
    private static final Path OUT = TESTS.resolve("nwfilterxml2xmlout");
    private static final Map<String, String[]> REJECTED = rejected();
    private static final Tally XML2XML = new Tally("nwfilter");
    private static final Tally ROUND_TRIP = new Tally("nwfilter-out-roundtrip");

    static Stream<String> inputs() {
        return names(IN);
    }

    static Stream<String> outputs() {
        return names(OUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void xml2xml(String name) {
        XML2XML.check(name, () -> {
            String in = Oracle.read(IN.resolve(name + ".xml"));
            Path out = OUT.resolve(name + ".xml");
            if (Files.isRegularFile(out)) {
                assertEquals(Oracle.read(out), NWFilterDef.parse(in).format(), name);
                return;
            }
            VirtException e = assertThrows(VirtException.class, () -> NWFilterDef.parse(in),
                    name + " has no expected output, so libvirt rejects it");
            String[] expected = REJECTED.get(name);
            if (expected != null) {
                assertEquals(expected[0] + " " + expected[1] + " " + expected[2],
                        e.code().value() + " " + e.domain().value() + " " + e.getMessage(), name);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void outputsAreFixedPoints(String name) {
        ROUND_TRIP.check(name, () -> {
            String out = Oracle.read(OUT.resolve(name + ".xml"));
            assertEquals(out, NWFilterDef.parse(out).format(), name);
        });
    }

    @AfterAll
    static void summary() {
        XML2XML.print();
        ROUND_TRIP.print();
    }

    private static Stream<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".xml"))
                    .map(f -> f.substring(0, f.length() - 4)).sorted().toList();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String[]> rejected() {
        Map<String, String[]> m = new HashMap<>();
        try (InputStream in = NWFilterXml2XmlTest.class.getResourceAsStream("rejected-by-libvirt-9.0.0.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t", 4);
                    m.put(f[0], new String[] {f[1], f[2], f[3]});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
