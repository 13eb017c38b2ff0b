package io.jvirt.conf.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.VirtException;
import io.jvirt.testsupport.Shared;

/**
 * {@code <filterbinding>}: libvirt's own {@code virnwfilterbindingxml2xmldata} (each file is its own
 * expected output) and jvirt's documents in {@code binding-observed/} against what libvirtd 9.0's
 * nwfilter driver made of them (see its README).
 */
class NWFilterBindingDefTest {
    /** Not well-formed XML: libxml2's wording; code, domain and the line head are compared. */
    private static final Set<String> PARSER_WORDING = Set.of("err-not-xml");
    /** The empty document: exact once branch {@code wire}'s SecureXml is merged (see NetworkPortDefTest). */
    private static final Set<String> EMPTY_DOCUMENTS = Set.of("err-empty");

    private static Path fixtures() {
        return Shared.conformance().resolve("libvirt-10.7.0/tests/virnwfilterbindingxml2xmldata");
    }

    private static Path observed() {
        try {
            return Path.of(NWFilterBindingDefTest.class.getResource("binding-observed").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    static Stream<String> libvirtFixtures() throws IOException {
        return names(fixtures());
    }

    static Stream<String> observedDocuments() throws IOException {
        return names(observed());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libvirtFixtures")
    void roundTripsLibvirtsFixtures(String name) {
        String xml = read(fixtures().resolve(name + ".xml"));
        NWFilterBindingDef def = NWFilterBindingDef.parse(xml);
        assertEquals(xml, def.format());
        assertEquals(List.of("52:54:00:7b:35:93"), def.filter().parameters().get("MAC"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("observedDocuments")
    void behavesAsLibvirtd(String name) {
        String input = read(observed().resolve(name + ".xml"));
        String expected = read(observed().resolve(name + ".out"));
        if (!expected.startsWith("error: ")) {
            assertEquals(expected, NWFilterBindingDef.parse(input).format());
            return;
        }
        String[] head = expected.split("\n", 2);
        String[] codes = head[0].replaceAll("[^0-9 ]", "").trim().split(" +");
        String message = head[1].substring(0, head[1].length() - 1);
        VirtException e = assertThrows(VirtException.class, () -> NWFilterBindingDef.parse(input));
        if (EMPTY_DOCUMENTS.contains(name)) {
            return;
        }
        assertEquals(Integer.parseInt(codes[0]), e.code().value(), () -> "code of " + e);
        assertEquals(Integer.parseInt(codes[1]), e.domain().value(), () -> "domain of " + e);
        if (PARSER_WORDING.contains(name)) {
            String lineHead = message.substring(0, message.indexOf(": ") + 2);
            assertTrue(e.getMessage().startsWith(lineHead), () -> e.getMessage() + " should start with " + lineHead);
        } else {
            assertEquals(message, e.getMessage());
        }
    }
}
