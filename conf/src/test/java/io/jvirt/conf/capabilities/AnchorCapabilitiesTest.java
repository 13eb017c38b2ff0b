package io.jvirt.conf.capabilities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jvirt.testsupport.Shared;

/**
 * Richer documents than the test driver's: a private real libvirtd 9.0 with its QEMU driver (the
 * anchor kit in ../shared/anchor) reports the capabilities and domain capabilities of this machine;
 * each is parsed into the model and formatted again, which must give libvirt's text byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnchorCapabilitiesTest {
    private static final List<String> PACKAGES = List.of("/usr/sbin/libvirtd", "/usr/bin/qemu-system-x86_64",
            "/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so");

    private Path dir;
    private String uri;
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger run = new AtomicInteger();

    @BeforeAll
    void startLibvirtd() throws Exception {
        Virsh.requireVirsh();
        for (String p : PACKAGES) {
            if (!Files.exists(Path.of(p))) {
                fail(p + " is missing: install the real libvirtd with 'apt-get install -y libvirt-daemon "
                        + "libvirt-daemon-driver-qemu qemu-system-x86'");
            }
        }
        Path kit = Shared.anchor();
        if (!Files.isExecutable(kit.resolve("libvirtd-up"))) {
            fail("the anchor kit is missing: " + kit.resolve("libvirtd-up"));
        }
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvirt-caps-anchor-");
        String out = runScript(kit.resolve("libvirtd-up"), 120, dir.toString(), "--tcp-port", "0");
        if (out == null) {
            fail("libvirtd-up did not start a libvirtd in " + dir + ":\n" + lastOutput);
        }
        uri = "qemu+unix:///system?socket=" + dir.resolve("run/libvirt-sock");
    }

    @AfterAll
    void stopLibvirtd() throws Exception {
        System.out.println("capabilities of a real libvirtd (parse -> format): " + passed + "/" + run);
        if (dir == null) {
            return;
        }
        try {
            if (Files.exists(dir.resolve("conf/libvirtd.conf"))) {
                runScript(Shared.dir().resolve("anchor/libvirtd-down"), 60, dir.toString());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private String lastOutput = "";

    /** Runs a kit script with its output in a file (the daemon it starts must not hold our pipes). */
    private String runScript(Path script, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile("anchor", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of(script.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            lastOutput = Files.readString(log);
            if (!done) {
                p.destroy();
                lastOutput += "\n(timed out after " + timeoutSeconds + " s)";
                return null;
            }
            return p.exitValue() == 0 ? lastOutput : null;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @ParameterizedTest(name = "capabilities")
    @ValueSource(strings = {"capabilities"})
    void capabilitiesRoundTrip(String command) {
        run.incrementAndGet();
        String expected = Virsh.document(Virsh.run(uri, command));
        Capabilities caps = Capabilities.parse(expected);
        assertTrue(caps.guests().size() > 0, "the QEMU driver reports guests");
        assertEquals(expected, caps.format());
        // not validated against capability.rng: libvirt 9.0's own QEMU capabilities fail its schema
        // (host CPU features such as 'sse4.1' do not match the schema's name pattern [a-zA-Z0-9\-_]+)
        passed.incrementAndGet();
    }

    @ParameterizedTest(name = "domcapabilities {0}")
    @ValueSource(strings = {"", "--virttype qemu", "--machine q35", "--arch i686", "--arch i686 --virttype qemu",
        "--machine pc-i440fx-2.0", "--emulatorbin /usr/bin/qemu-system-i386 --arch i686"})
    void domainCapabilitiesRoundTrip(String options) {
        run.incrementAndGet();
        List<String> args = new ArrayList<>(List.of("domcapabilities"));
        if (!options.isEmpty()) {
            args.addAll(List.of(options.split(" ")));
        }
        String expected = Virsh.document(Virsh.run(uri, args.toArray(String[]::new)));
        assertEquals(expected, DomainCapabilities.parse(expected).format());
        passed.incrementAndGet();
    }
}
