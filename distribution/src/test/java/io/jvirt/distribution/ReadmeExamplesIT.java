package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.testsupport.Virsh;

/**
 * The README's client examples, as a new user runs them (issue 22): every {@code virsh -c 'URI' ...}
 * the README shows, read from README.md, run with real virsh against a copy of the distribution
 * started on its default layout ({@code data/} inside it, so the sockets are the README's
 * {@code distribution/target/jvirt/data/run/libvirt-sock} and {@code libvirt-sock-ro}, with the copy
 * in place of {@code distribution/target/jvirt}, and of {@code ...} in {@code socket=.../libvirt-sock}). The README must name the read-only socket and show a
 * {@code qemu+unix} example; each example must do what the README says: the read-write ones list
 * (exit 0), the read-only {@code destroy} is refused with libvirt's words. TCP examples run against a
 * free port in place of 16509 (another jvirt may hold that one); {@code event --loop} is not run (it
 * does not end), but its URI is opened with {@code uri}.
 */
class ReadmeExamplesIT {
    private static final Pattern EXAMPLE = Pattern.compile("virsh -c '([^']+)'\\s+([^`'\\n]+)");
    private static final String LAYOUT = "distribution/target/jvirt";

    @Test
    void theReadmesVirshExamplesWorkAsItSays(@TempDir Path tmp) throws Exception {
        Virsh.require();
        Path repo = Path.of(System.getProperty("jvirt.repository", "<unset>"));
        Path dist = Path.of(System.getProperty("jvirt.dist", "<unset>"));
        if (!Files.isRegularFile(repo.resolve("README.md")) || !Files.isExecutable(dist.resolve("bin/jvirt"))) {
            fail("no README.md in " + repo + " or no built distribution at " + dist + ": run through failsafe");
        }
        String readme = Files.readString(repo.resolve("README.md"));
        List<String[]> examples = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(readme);
        while (m.find()) {
            examples.add(new String[] { m.group(1), m.group(2).strip() });
        }
        assertTrue(examples.stream().anyMatch(e -> e[0].endsWith(LAYOUT + "/data/run/libvirt-sock-ro")),
                "the README shows no example on the read-only socket libvirt-sock-ro");
        assertTrue(examples.stream().anyMatch(e -> e[0].startsWith("qemu+unix:///system?socket=")),
                "the README shows no qemu+unix example");

        Path home = tmp.resolve("jvirt");
        DistributionIT.copyTree(dist, home);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (JvirtProcess p = new JvirtProcess(home, tmp, "--tcp", "127.0.0.1:" + port)) {
            int line = p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), Duration.ofSeconds(60), "jvirtd's ready line");
            assertEquals("jvirtd ready: unix=" + home.resolve("data/run/libvirt-sock") + " tcp=127.0.0.1:" + port,
                    p.lines().get(line), "the ready line the README describes");
            assertTrue(Files.exists(home.resolve("data/run/libvirt-sock-ro")), "no libvirt-sock-ro beside libvirt-sock");
            int run = 0;
            for (String[] e : examples) {
                String uri = e[0].replace(LAYOUT, home.toString()).replace("socket=.../", "socket=" + home.resolve("data/run") + "/").replace("127.0.0.1:16509", "127.0.0.1:" + port);
                List<String> args = new ArrayList<>(List.of(e[1].split("\\s+")));
                if (args.contains("--loop")) {
                    args = List.of("uri");
                }
                List<String> argv = new ArrayList<>(List.of("-c", uri));
                argv.addAll(args);
                Virsh.Result r = Virsh.exec(argv); // as the README writes it: not quiet
                String shown = "virsh -c '" + uri + "' " + String.join(" ", args) + ":\n" + r.out() + r.err();
                if (uri.contains("libvirt-sock-ro") && args.get(0).equals("destroy")) {
                    assertNotEquals(0, r.exit(), shown);
                    assertTrue(r.err().contains("operation forbidden: read only access prevents virDomainDestroy"),
                            shown);
                } else {
                    assertEquals(0, r.exit(), shown + "\n" + p.transcript());
                    if (args.get(0).equals("list")) {
                        assertTrue(r.out().matches("(?s)\\s*Id\\s+Name\\s+State\\s*\\n-+\\n.*"), shown);
                    }
                }
                run++;
            }
            assertTrue(run >= 5, "only " + run + " examples found in the README");
            System.out.println("ReadmeExamplesIT ran " + run + " README examples");
        }
    }
}
