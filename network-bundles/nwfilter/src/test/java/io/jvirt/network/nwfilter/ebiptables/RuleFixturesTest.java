package io.jvirt.network.nwfilter.ebiptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.conf.nwfilter.NWFilterDef;
import io.jvirt.network.nwfilter.inst.FilterTree;
import io.jvirt.network.nwfilter.inst.RuleInst;
import io.jvirt.network.nwfilter.vars.Variables;
import io.jvirt.testsupport.Shared;

/**
 * Every dev fixture of libvirt's {@code nwfilterxml2firewalldata}, as {@code nwfilterxml2firewalltest}
 * runs it: the filter (and the fixtures it references) with the variables that program sets
 * ({@code IPSETNAME}, the lists {@code A}, {@code B}, {@code C}), instantiated for port {@code vnet0}
 * in a dry run; the command lines, after the chain set-up every case shares is taken out as that
 * program takes it out, equal byte for byte to {@code NAME-linux.args}.
 */
class RuleFixturesTest {
    static Path dir() {
        return Shared.conformance().resolve("libvirt-10.7.0/tests/nwfilterxml2firewalldata");
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-linux.args"))
                    .map(n -> n.substring(0, n.length() - "-linux.args".length())).sorted().toList().stream();
        }
    }

    /** The variables nwfilterxml2firewalltest gives every case (testSetDefaultParameters). */
    static Variables testVariables() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("IPSETNAME", List.of("tck_test"));
        m.put("A", List.of("1.1.1.1", "2.2.2.2", "3.3.3.3", "3.3.3.3"));
        m.put("B", List.of("80", "90", "80", "80"));
        m.put("C", List.of("1080", "1090", "1100", "1110"));
        return Variables.of(m);
    }

    static NWFilterDef read(String name) {
        try {
            return NWFilterDef.parse(Files.readString(dir().resolve(name + ".xml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the test program runs: the filter's rules through the driver's applyNewRules, dry. */
    static String dryRun(String name) {
        List<RuleInst> rules = FilterTree.rules(read(name), testVariables(), RuleFixturesTest::read);
        DryRun dry = new DryRun();
        Ebiptables.applyNewRules("vnet0", rules).apply(dry);
        return dry.take();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void commandsEqualTheFixture(String name) throws IOException {
        String expected = Files.readString(dir().resolve(name + "-linux.args"));
        assertEquals(expected, CommonRules.remove(dryRun(name)));
    }

    @Test
    void thereAreCases() throws IOException {
        assertFalse(cases().toList().isEmpty(), "no fixtures in " + dir());
    }
}
