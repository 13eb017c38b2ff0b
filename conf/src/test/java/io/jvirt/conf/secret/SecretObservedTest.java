package io.jvirt.conf.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.VirtException;
import io.jvirt.testsupport.Libvirtd;

/**
 * jvirt's own secret documents ({@code observed/NAME.xml}) against what libvirt 9.0.0's secret
 * driver answered for each ({@code NAME.out}: the definition read back, with {@code *} for a UUID
 * libvirt generated, or {@code error CODE DOMAIN} and the message). With
 * {@code -Djvirt.regenerate=libvirtd} the outputs are first measured again on a private real
 * libvirtd ({@code observed/regenerate.py}) and rewritten in the source tree.
 */
class SecretObservedTest {
    private static final Path SOURCE = Path.of("src/test/resources/io/jvirt/conf/secret/observed");
    /**
     * Documents that are not well-formed: the parse error's wording is the JDK parser's, not
     * libxml2's; code, domain and the {@code (definition_of_secret):LINE:} prefix are libvirt's.
     */
    private static final Set<String> PARSER_WORDING = Set.of("not-well-formed", "trailing-junk");

    static Path dir() {
        try {
            return Path.of(SecretObservedTest.class.getResource("observed").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @BeforeAll
    static void regenerate() throws Exception {
        if (!"libvirtd".equals(System.getProperty("jvirt.regenerate"))) {
            return;
        }
        try (Libvirtd libvirtd = Libvirtd.start()) {
            Process p = new ProcessBuilder(SOURCE.resolve("regenerate.py").toString(), libvirtd.uri("secret", "system"))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "regenerate.py failed:\n" + out);
        }
        try (Stream<Path> s = Files.list(SOURCE)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".out")).toList()) {
                Files.copy(p, dir().resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void asLibvirt(String name) {
        String in = read(dir().resolve(name + ".xml"));
        String expected = read(dir().resolve(name + ".out"));
        if (expected.startsWith("error ")) {
            String[] head = expected.substring(0, expected.indexOf('\n')).split(" ");
            String message = expected.substring(expected.indexOf('\n') + 1);
            VirtException e = assertThrows(VirtException.class, () -> SecretDef.parse(in), name);
            assertEquals(head[1] + " " + head[2], e.code().value() + " " + e.domain().value(), name + ": " + e);
            if (PARSER_WORDING.contains(name)) {
                String prefix = message.substring(0, message.indexOf(':', message.indexOf(')') + 2) + 1);
                assertTrue(e.getMessage().startsWith(prefix), name + ": " + e.getMessage());
            } else {
                assertEquals(message, e.getMessage(), name);
            }
            return;
        }
        SecretDef def = SecretDef.parse(in);
        String out = def.format();
        if (expected.contains("<uuid>*</uuid>")) {
            out = out.replace("<uuid>" + def.uuid() + "</uuid>", "<uuid>*</uuid>");
        }
        assertEquals(expected, out, name);
        assertEquals(def, SecretDef.parse(def.format()), name + ": the output reads back as the same definition");
    }
}
