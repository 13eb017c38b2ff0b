package io.jvirt.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
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
 * stay connected and keep working; a TCP port that another process holds fails that listener
 * only, until a later change binds it. Also the {@code virt:} commands in the distribution's own
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

    /**
     * A TCP port another process holds: libvirtd 9.0 exits (status 6, "Unable to bind to port:
     * Address already in use"); jvirtd serves its unix sockets, names the listener and address
     * on stderr and in its log, shows {@code tcp=failed(ADDRESS)} in the ready line, and binds the
     * port on the next configuration change once it is free.
     */
    @Test
    void aTakenTcpPortLeavesTheUnixSocketsServingAndIsBoundAfterTheNextChange(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("jvirt");
        DistributionIT.copyTree(dist, home);
        Path sock = tmp.resolve("run/libvirt-sock");
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String taken = "127.0.0.1:" + squatter.getLocalPort();
            try (JvirtProcess p = new JvirtProcess(home, tmp, "--data", tmp.resolve("data").toString(), "--unix-dir",
                    tmp.resolve("run").toString(), "--tcp", taken)) {
                int ready = p.awaitLine(0, l -> l.startsWith("jvirtd ready:"), READY, "jvirtd's ready line");
                assertEquals("jvirtd ready: unix=" + sock + " tcp=failed(" + taken + ")", p.lines().get(ready));
                String message = "cannot listen on tcp " + taken + ": Address already in use";
                assertTrue(p.stderrText().contains("jvirt: warning: jvirtd: " + message + "; the other listeners serve, "
                        + "and it is tried again on the next change of etc/io.jvirt.daemon.cfg\n"), p.transcript());
                String log = Files.readString(tmp.resolve("data/log/jvirt.log"));
                assertTrue(log.contains("ERROR [io.jvirt.daemon.Jvirtd] jvirtd: " + message), log);

                try (InteractiveVirsh unix = new InteractiveVirsh("test+unix:///default?socket=" + sock)) {
                    expect(unix, "list --all", "test   running");
                    String ro = Virsh.merged("test+unix:///default?socket=" + sock + "-ro", "list", "--all");
                    assertTrue(ro.contains("test   running"), ro);

                    // freed, and any change of the daemon's configuration binds it (tcp itself is unchanged)
                    squatter.close();
                    Files.writeString(home.resolve("etc/io.jvirt.daemon.cfg"), "keepalive_interval = 6\n");
                    String answer = awaitVirsh("test+tcp://" + taken + "/default", "list", "--all");
                    assertTrue(answer.contains("test   running"), "virsh on the freed port:\n" + answer);
                    // the unix session opened before is still served
                    expect(unix, "dominfo test", "running");
                }
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
