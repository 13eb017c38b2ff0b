package io.jvirt.conf.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;

/**
 * Edge cases of the nwfilter dialect (every protocol element and attribute, number and address
 * forms, variables, match='no', libvirt's fix-ups and errors), each with what real libvirt
 * 9.0.0 did with it: {@code probes/NAME.xml} and {@code probes/NAME.expected}, the latter
 * recorded by {@code observe-libvirt.py}, which calls libvirt's own nwfilter parser and
 * formatter in the installed libvirt.so. An expected error reads {@code error CODE DOMAIN}
 * then the message (compared too, except for libxml2's well-formedness messages).
 */
class NWFilterProbesTest {
    private static final Tally TALLY = new Tally("nwfilter-probes");

    static Stream<String> probes() {
        try (Stream<Path> s = Files.list(dir())) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".xml"))
                    .map(f -> f.substring(0, f.length() - 4)).sorted().toList();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void asLibvirt(String name) throws IOException {
        String in = Files.readString(dir().resolve(name + ".xml"));
        String expected = Files.readString(dir().resolve(name + ".expected"));
        TALLY.check(name, () -> {
            if (expected.startsWith("error ")) {
                VirtException e = assertThrows(VirtException.class, () -> NWFilterDef.parse(in), name);
                String head = "error " + e.code().value() + " " + e.domain().value() + "\n";
                if (e.code() == ErrorCode.XML_DETAIL) {
                    // libxml2's own words: only code and domain are compared (conformance README)
                    assertEquals(expected.substring(0, expected.indexOf('\n') + 1), head, name);
                } else {
                    assertEquals(expected, head + e.getMessage() + "\n", name);
                }
            } else {
                assertEquals(expected, NWFilterDef.parse(in).format(), name);
            }
        });
    }

    @AfterAll
    static void summary() {
        TALLY.print();
    }

    private static Path dir() {
        try {
            return Path.of(NWFilterProbesTest.class.getResource("probes").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
