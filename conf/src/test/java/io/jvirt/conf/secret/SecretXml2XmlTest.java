package io.jvirt.conf.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.conf.oracle.Oracle;
import io.jvirt.testsupport.Shared;

/**
 * libvirt's secret corpus ({@code tests/secretxml2xmlin}): libvirt's own test expects each input
 * back unchanged from parse and format, so the input is the expected output.
 */
class SecretXml2XmlTest {
    private static final Path IN = Shared.conformance().resolve("libvirt-10.7.0/tests/secretxml2xmlin");

    static Stream<String> inputs() throws IOException {
        try (Stream<Path> s = Files.list(IN)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            return names.stream();
        }
    }

    @Test
    void theCorpusIsThere() throws IOException {
        assertFalse(inputs().toList().isEmpty(), "no secret fixtures in " + IN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void roundTrip(String name) {
        String in = Oracle.read(IN.resolve(name + ".xml"));
        assertEquals(in, SecretDef.parse(in).format(), name);
    }
}
