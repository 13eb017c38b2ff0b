package io.jvirt.network.dnsmasq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jvirt.conf.network.NetworkDef;
import io.jvirt.testsupport.Shared;

/**
 * Every dev fixture of libvirt's {@code networkxml2confdata}, as {@code networkxml2conftest} runs it
 * (state directory {@code /var/lib/libvirt/dnsmasq}, no pid file, the dnsmasq namespace read): the
 * configuration's directives (every line that is no comment) equal {@code NAME.conf}'s byte for
 * byte, and the DHCP hosts file equals {@code NAME.hostsfile}, which exists exactly when there are
 * static hosts.
 */
class ConfFixturesTest {
    static final Path STATE = Path.of("/var/lib/libvirt/dnsmasq");

    static Path dir() {
        return Shared.conformance().resolve("libvirt-10.7.0/tests/networkxml2confdata");
    }

    static Stream<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    /** The lines that are not comments, each with its newline. */
    static String directives(String conf) {
        return conf.lines().filter(l -> !l.startsWith("#")).map(l -> l + "\n").collect(Collectors.joining());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void directivesAndHostsFileEqualTheFixture(String name) throws IOException {
        NetworkDef def = NetworkDef.parse(Files.readString(dir().resolve(name + ".xml")), true);
        DnsmasqConfig cfg = DnsmasqConfig.of(def, STATE, null);
        String expected = Files.readString(dir().resolve(name + ".conf"));
        assertEquals(directives(expected), directives(cfg.conf()));
        assertTrue(cfg.conf().startsWith("## "), "jvirt's own comment header comes first");
        Path hosts = dir().resolve(name + ".hostsfile");
        if (Files.exists(hosts)) {
            assertEquals(Files.readString(hosts), cfg.hostsFile());
        } else {
            assertEquals("", cfg.hostsFile(), "no hostsfile fixture: the network has no static DHCP hosts");
        }
    }

    @Test
    void theDevHalfIsThere() throws IOException {
        assertFalse(names().toList().isEmpty(), "no fixtures in " + dir());
    }
}
