package io.jvirt.conf.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.VirtException;
import io.jvirt.conf.oracle.Oracle;
import io.jvirt.testsupport.Shared;

/**
 * Network conformance: every network fixture through {@link NetworkDef#parse} and
 * {@link NetworkDef#format}, compared byte for byte with what libvirt 9.0.0's test driver returned
 * (see shared/conformance/README.md), or with its error.
 * <p>
 * Fixtures libvirt rejected only because {@code test:///default} already has a network of that name
 * are checked twice: the collision error (emulated here, as the driver would raise it) and the
 * result of the replaced run.
 */
class NetworkConformanceTest {
    /** The network test:///default starts with. */
    static final String DEFAULT_NAME = "default";
    static final String DEFAULT_UUID = "dd8fe884-6c02-601e-7551-cca97df1c5df";

    private static final Map<String, AtomicInteger[]> RATES = new ConcurrentHashMap<>();

    static Stream<Arguments> corpus() {
        List<Arguments> list = new ArrayList<>();
        for (Oracle.Case c : Oracle.cases(null)) {
            if (c.kind().equals("network")) {
                list.add(Arguments.of(c.corpus(), c.name(), c));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("corpus")
    void matchesOracle(String corpus, String name, Oracle.Case c) {
        AtomicInteger[] rate = RATES.computeIfAbsent(corpus, k -> new AtomicInteger[] {new AtomicInteger(),
            new AtomicInteger()});
        rate[1].incrementAndGet();
        check(c);
        rate[0].incrementAndGet();
    }

    private static void check(Oracle.Case c) {
        String input = c.inputXml();
        if (c.accepted()) {
            assertEquals(Oracle.read(c.oracle()), defineAndDump(input, c.oracle()));
            return;
        }
        Oracle.Error expected = Oracle.readError(c.oracle());
        if (c.hasReplaced()) {
            // rejected only for the name collision: emulate the driver's check, then the replaced run
            NetworkDef def = NetworkDef.parse(input);
            assertEquals(DEFAULT_NAME, def.name(), "only a name collision can reject this input");
            assertTrue(!DEFAULT_UUID.equals(def.uuid()));
            assertEquals(9, expected.code());
            assertEquals("operation failed: network '" + def.name() + "' already exists with uuid " + DEFAULT_UUID,
                    expected.message());
            assertEquals("accepted", c.replacedResult());
            assertEquals(Oracle.read(c.replacedOracle()), defineAndDump(input, c.replacedOracle()));
            return;
        }
        try {
            String out = NetworkDef.parse(input).format();
            fail("libvirt rejects this input (" + expected.message() + ") but it was accepted:\n" + out);
        } catch (VirtException e) {
            assertEquals(expected.code(), e.code().value(), "error code of: " + e.getMessage());
            assertEquals(expected.domain(), e.domain().value(), "error domain of: " + e.getMessage());
            if (expected.code() != 35) {
                assertEquals(expected.message(), e.getMessage());
            }
        }
    }

    /** parse -> format, with the values libvirt generated at random taken from the oracle (README). */
    static String defineAndDump(String input, Path oracleFile) {
        NetworkDef def = NetworkDef.parse(input);
        for (String[] row : randomValues(oracleFile)) {
            if (row[1].equals("/network/uuid") && row[2].equals("uuid")) {
                assertTrue(def.uuid().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                        def.uuid());
                def = def.withUuid(row[3]);
            } else {
                fail("unexpected random value " + String.join(" ", row));
            }
        }
        return def.format();
    }

    private static List<String[]> randomValues(Path oracleFile) {
        Path tsv = Oracle.root().resolve("random-values.tsv");
        String rel = Oracle.root().relativize(oracleFile).toString();
        List<String[]> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t", -1);
                if (f.length >= 4 && f[0].equals(rel)) {
                    rows.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The networks of the node configurations (test:///path/testnode.xml): files and inline elements. */
    static Stream<Arguments> nodeNetworks() {
        Path dir = Shared.conformance().resolve("libvirt-10.7.0/examples/xml/test");
        List<Arguments> list = new ArrayList<>();
        for (String node : List.of("testnode", "testnodeinline")) {
            String text = Oracle.read(dir.resolve(node + ".xml"));
            Matcher files = Pattern.compile("<network file=\"([^\"]+)\"/>").matcher(text);
            while (files.find()) {
                list.add(Arguments.of(node, Oracle.read(dir.resolve(files.group(1)))));
            }
            Matcher inline = Pattern.compile("(?s)<network>.*?</network>").matcher(text);
            while (inline.find()) {
                list.add(Arguments.of(node, inline.group()));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("nodeNetworks")
    void nodeConfigurationNetworks(String node, String xml) {
        AtomicInteger[] rate = RATES.computeIfAbsent("examples/xml/test/" + node, k -> new AtomicInteger[] {
            new AtomicInteger(), new AtomicInteger()});
        rate[1].incrementAndGet();
        NetworkDef def = NetworkDef.parse(xml);
        Path oracle = Oracle.root().resolve("examples/xml/test/" + node + "/network-" + def.name() + ".xml");
        assertNotNull(oracle);
        assertEquals(Oracle.read(oracle), def.format());
        rate[0].incrementAndGet();
    }

    @AfterAll
    static void summary() {
        for (Map.Entry<String, AtomicInteger[]> e : new TreeMap<>(RATES).entrySet()) {
            System.out.println("conformance network " + e.getKey() + ": " + e.getValue()[0] + "/" + e.getValue()[1]);
        }
    }
}
