package io.jvirt.conf.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.api.VirtException;

/**
 * jvirt's own small network documents against what libvirt 9.0.0 printed for them (see
 * {@code observed/README.md}): edge cases of addresses, ranges, DNS records, forward modes, routes,
 * virtual ports, VLANs, bandwidth and metadata, and the error messages of invalid ones.
 */
class NetworkObservedTest {
    static Path dir() {
        try {
            return Path.of(NetworkObservedTest.class.getResource("observed").toURI());
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

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * With {@code -Djvirt.regenerate=virsh}, runs each document through the installed virsh (libvirt's
     * test driver) again and rewrites {@code NAME.out} in the source tree before comparing.
     */
    static void regenerate(String name, String input) {
        Path source = Path.of("src/test/resources/io/jvirt/conf/network/observed");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<name>([^<]*)</name>").matcher(input);
        String netName = m.find() ? m.group(1) : "";
        try {
            Process p = new ProcessBuilder("virsh", "-q", "-c", "test:///default",
                    "net-define " + source.resolve(name + ".xml").toAbsolutePath() + "; net-dumpxml '" + netName + "'")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            StringBuilder kept = new StringBuilder();
            for (String line : out.split("\n", -1)) {
                if (!line.startsWith("error: Failed to define") && !line.startsWith("error: failed to get network")
                        && !line.startsWith("error: Network not found") && !line.startsWith("error: Failed to get option")
                        && !line.startsWith("Network ") && !(line.isEmpty() && kept.length() == 0)) {
                    kept.append(line).append('\n');
                }
            }
            String text = kept.toString().replaceAll("\n+$", "\n");
            Files.writeString(source.resolve(name + ".out"), text);
            Files.writeString(dir().resolve(name + ".out"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void behavesAsLibvirt(String name) {
        String input = read(dir().resolve(name + ".xml"));
        if ("virsh".equals(System.getProperty("jvirt.regenerate"))) {
            regenerate(name, input);
        }
        String expected = read(dir().resolve(name + ".out"));
        if (expected.startsWith("error: ")) {
            String message = expected.substring("error: ".length()).split("\n", 2)[0];
            VirtException e = assertThrows(VirtException.class, () -> NetworkDef.parse(input).format());
            assertEquals(message, e.getMessage());
            return;
        }
        NetworkDef def = NetworkDef.parse(input);
        if (!input.matches("(?s).*<uuid>[^<]+</uuid>.*")) {
            assertTrue(def.uuid().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
            expected = expected.replaceFirst("<uuid>[^<]*</uuid>", "<uuid>" + def.uuid() + "</uuid>");
        }
        assertEquals(expected, def.format());
    }
}
