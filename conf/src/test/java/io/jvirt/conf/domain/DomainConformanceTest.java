package io.jvirt.conf.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.VirtException;
import io.jvirt.conf.oracle.Oracle;

/**
 * Domain XML against libvirt 9.0.0's test driver: define (parse with the test driver's hook) then
 * dumpxml --inactive (format), compared byte for byte with the oracle; rejected inputs must fail
 * with the same code, domain and message (only code and domain for VIR_ERR_XML_DETAIL).
 * Fixtures that still differ are listed with the reason in {@code known-differences.txt}; any
 * other difference fails, and a listed fixture that passes fails too (so the list shrinks).
 */
class DomainConformanceTest {
    static final String[] CORPORA = {"examples/xml/test", "tests/genericxml2xmlindata", "tests/lxcxml2xmldata",
            "tests/domainschemadata", "tests/qemuxmlconfdata"};
    static final String TEST_DOMAIN_UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f";
    static final Map<String, int[]> RESULTS = new ConcurrentHashMap<>();
    static final Map<String, String> KNOWN = known();
    static final Map<String, String> FAILURES = new ConcurrentHashMap<>();

    static Stream<Oracle.Case> cases() {
        return Stream.of(CORPORA).flatMap(c -> Oracle.cases(c).stream()).filter(c -> c.kind().equals("domain"));
    }

    static Map<String, String> known() {
        Map<String, String> m = new TreeMap<>();
        try (InputStream in = DomainConformanceTest.class.getResourceAsStream("known-differences.txt")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 2);
                m.put(f[0].trim(), f.length > 1 ? f[1].trim() : "");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return m;
    }

    /** The outcome of define + dumpxml --inactive against a fresh test:///default, or the error. */
    static String run(Oracle.Case c, boolean replaced) {
        DomainDef def = DomainDef.parse(c.inputXml(), ParseContext.define(new TestDriverHook()));
        if (!replaced && "test".equals(def.name()) && !TEST_DOMAIN_UUID.equals(def.uuid())) {
            throw new VirtException(io.jvirt.api.ErrorCode.OPERATION_FAILED, io.jvirt.api.ErrorDomain.DOMAIN,
                    "operation failed: domain 'test' already exists with uuid " + TEST_DOMAIN_UUID);
        }
        return def.format(FormatFlag.INACTIVE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void defineThenDumpxml(Oracle.Case c) {
        String key = c.toString();
        boolean ok = false;
        try {
            check(c, false);
            if (c.hasReplaced()) {
                check(c, true);
            }
            ok = true;
        } catch (AssertionError | RuntimeException e) {
            FAILURES.put(key, String.valueOf(e.getMessage()).split("==>")[0].split("\n")[0]);
            if (KNOWN.containsKey(key)) {
                Assumptions.abort("known difference: " + KNOWN.get(key));
            }
            throw e;
        } finally {
            int[] r = RESULTS.computeIfAbsent(c.corpus(), k -> new int[2]);
            synchronized (r) {
                r[1]++;
                if (ok) {
                    r[0]++;
                }
            }
        }
        if (KNOWN.containsKey(key)) {
            fail(key + " now matches libvirt: remove it from known-differences.txt");
        }
    }

    private static void check(Oracle.Case c, boolean replaced) {
        String result = replaced ? c.replacedResult() : c.result();
        java.nio.file.Path oracle = replaced ? c.replacedOracle() : c.oracle();
        if (result.equals("accepted")) {
            String got = run(c, replaced);
            String want = Oracle.read(oracle);
            if (!want.equals(got)) {
                try {
                    java.nio.file.Path dir = java.nio.file.Path.of("target", "domain-actual");
                    java.nio.file.Files.createDirectories(dir);
                    java.nio.file.Files.writeString(dir.resolve(c.name() + ".xml"), got);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                assertEquals(want, got, firstDifference(want, got));
            }
        } else if (result.equals("rejected")) {
            Oracle.Error err = Oracle.readError(oracle);
            try {
                String got = run(c, replaced);
                fail("libvirt rejects it (" + err.code() + ": " + err.message() + ") but it was accepted:\n" + got);
            } catch (VirtException e) {
                String msg = "code " + err.code() + "/" + err.domain() + " '" + err.message() + "' vs "
                        + e.code().value() + "/" + e.domain().value() + " '" + e.getMessage() + "'";
                assertEquals(err.code(), e.code().value(), msg);
                assertEquals(err.domain(), e.domain().value(), msg);
                if (err.code() != 35) {
                    assertEquals(err.message(), e.getMessage(), msg);
                }
            }
        } else {
            try {
                run(c, replaced);
            } catch (VirtException e) {
                // any error is acceptable where libvirt crashed
            }
        }
    }

    static String firstDifference(String want, String got) {
        String[] a = want.split("\n", -1);
        String[] b = got.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<eof>";
            String y = i < b.length ? b[i] : "<eof>";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": libvirt [" + x.trim() + "] jvirt [" + y.trim() + "]";
            }
        }
        return "identical";
    }

    /** The domains of the test driver's node configurations, loaded running with ids 1, 2, ... */
    static Stream<org.junit.jupiter.params.provider.Arguments> nodeConfigDomains() {
        java.nio.file.Path dir = io.jvirt.testsupport.Shared.conformance().resolve("libvirt-10.7.0/examples/xml/test");
        java.util.List<org.junit.jupiter.params.provider.Arguments> list = new java.util.ArrayList<>();
        for (String node : new String[] {"testnode", "testnodeinline"}) {
            String text = Oracle.read(dir.resolve(node + ".xml"));
            java.util.List<String> domains = new java.util.ArrayList<>();
            if (node.equals("testnode")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("<domain file=\"([^\"]+)\"/>").matcher(text);
                while (m.find()) {
                    domains.add(Oracle.read(dir.resolve(m.group(1))));
                }
            } else {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)<domain type=.*?</domain>").matcher(text);
                while (m.find()) {
                    domains.add(m.group().replace("<domain type='test'>",
                            "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>"));
                }
            }
            for (int i = 0; i < domains.size(); i++) {
                list.add(org.junit.jupiter.params.provider.Arguments.of(node, i + 1, domains.get(i)));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} domain {1}")
    @MethodSource("nodeConfigDomains")
    void nodeConfigDomain(String node, int id, String xml) {
        // the test driver starts these domains: the live definition is the one parsed, the persistent
        // one a copy made as libvirt copies (format and parse again), which sorts bus-less disks anew
        DomainDef live = DomainDef.parse(xml, new ParseContext(new TestDriverHook(), false));
        live.id(id);
        DomainDef persistent = live.reparse(ParseContext.define(new TestDriverHook()));
        java.nio.file.Path dir = Oracle.root().resolve("examples/xml/test").resolve(node);
        assertEquals(Oracle.read(dir.resolve("domain-" + live.name() + ".inactive.xml")),
                persistent.format(FormatFlag.INACTIVE));
        assertEquals(Oracle.read(dir.resolve("domain-" + live.name() + ".xml")), live.format());
    }

    @AfterAll
    static void summary() throws IOException {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(FAILURES).forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "domain-conformance-failures.txt"),
                sb.toString());
        new TreeMap<>(RESULTS).forEach((k, r) -> System.out.println("conformance domain " + k + ": " + r[0] + "/"
                + r[1]));
    }
}
