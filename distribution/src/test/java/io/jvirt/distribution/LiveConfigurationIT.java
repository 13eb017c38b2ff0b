package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.testsupport.Virsh;

/**
 * Configuration applied while the platform runs: the daemon's TCP port changed through
 * {@code etc/io.jvirt.daemon.cfg} (FileInstall, ConfigAdmin, the component's modified method)
 * moves the TCP listener, while a virsh session on the unix socket and one on the old TCP port
 * stay connected and keep working. Also the {@code virt:} commands in the distribution's own
 * Gogo console.
 */
class LiveConfigurationIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration COMMAND = Duration.ofSeconds(15);
    private static final Duration CHANGE = Duration.ofSeconds(30);

    private static Path dist;

    @BeforeAll
    static void findDistribution() {
        String prop = System.getProperty("jvirt.dist");
        if (prop == null) {
            fail("system property jvirt.dist (the built distribution directory) is not set: run through failsafe");
        }
        dist = Path.of(prop);
    }

    @Test
    void tcpPortChangesLiveWhileConnectedClientsKeepWorking(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("jvirt");
        DistributionIT.copyTree(dist, home);
        int oldPort = freePort();
        int newPort = freePort();
        Path sock = tmp.resolve("run/libvirt-sock");
        try (JvirtProcess p = new JvirtProcess(home, tmp, "--console", "--data", tmp.resolve("data").toString(),
                "--unix-dir", tmp.resolve("run").toString(), "--tcp", "127.0.0.1:" + oldPort)) {
            p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");

            // the shell commands in the distribution's Gogo console
            List<String> list = p.command("virt:list --all", COMMAND);
            assertEquals(List.of(" Id   Name   State", "----------------------", " 1    test   running", ""), list,
                    p.transcript());
            assertEquals(List.of("test:///default", ""), p.command("virt:uri", COMMAND));

            try (InteractiveVirsh unix = new InteractiveVirsh("test+unix:///default?socket=" + sock);
                    InteractiveVirsh oldTcp = new InteractiveVirsh("test+tcp://127.0.0.1:" + oldPort + "/default")) {
                expect(unix, "list --all", "test   running");
                expect(oldTcp, "list --all", "test   running");

                Files.writeString(home.resolve("etc/io.jvirt.daemon.cfg"), "tcp = 127.0.0.1:" + newPort + "\n");
                String answer = awaitVirsh("test+tcp://127.0.0.1:" + newPort + "/default", "list", "--all");
                assertTrue(answer.contains("test   running"), "virsh on the new port:\n" + answer);

                String refused = Virsh.merged("test+tcp://127.0.0.1:" + oldPort + "/default", "uri");
                assertTrue(refused.contains("Connection refused"), "the old port still accepts:\n" + refused);

                // both sessions opened before the change are still connected and still served
                expect(unix, "suspend test", "Domain 'test' suspended");
                expect(unix, "list --all", "test   paused");
                expect(oldTcp, "resume test", "Domain 'test' resumed");
                expect(oldTcp, "list --all", "test   running");
            }
        }
    }

    private static void expect(InteractiveVirsh virsh, String command, String expected) throws Exception {
        String out = virsh.command(command, COMMAND);
        assertTrue(out.contains(expected), "`" + command + "` printed:\n" + out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Retries until virsh succeeds (FileInstall polls etc/ once a second). */
    private static String awaitVirsh(String uri, String... command) throws Exception {
        long deadline = System.nanoTime() + CHANGE.toNanos();
        String out;
        do {
            out = Virsh.merged(uri, command);
            if (!out.contains("error:")) {
                return out;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        fail("virsh never reached " + uri + " after the configuration change:\n" + out);
        return out;
    }
}
