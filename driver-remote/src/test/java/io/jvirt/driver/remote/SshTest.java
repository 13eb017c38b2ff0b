package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.testsupport.Virsh;
import io.jvirt.testsupport.Libvirtd;

/**
 * The ssh transport for real: an sshd on 127.0.0.1 with a throwaway host key and authorized key,
 * the remote driver running the system ssh binary with {@code keyfile}, {@code known_hosts} and
 * {@code socket}, netcat on the far side into jvirtd's unix socket.
 */
class SshTest {
    static Path dir;
    static Process sshd;
    static int port;
    static Jvirtd jvirtd;
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
            throw new IllegalStateException("sshd is missing: apt-get install openssh-server (scripts/ensure-deps.sh)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the ssh test starts sshd and logs in as root: run the tests as root");
        }
        dir = Files.createTempDirectory("jvirt-ssh");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("hostkey").toString());
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("userkey").toString());
        Files.copy(dir.resolve("userkey.pub"), dir.resolve("authorized_keys"));
        port = Libvirtd.freePort();
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                + Files.readString(dir.resolve("hostkey.pub")).trim() + "\n");
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("hostkey"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PubkeyAuthentication yes",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password",
                "StrictModes no", "UsePAM no", "PidFile " + dir.resolve("sshd.pid"), ""));
        Files.createDirectories(Path.of("/run/sshd"));
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !sshd.isAlive()) {
                    throw new IllegalStateException("sshd did not start:\n" + Files.readString(dir.resolve("sshd.log")));
                }
                Thread.sleep(50);
            }
        }
        jvirtd = new Jvirtd();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.destroy();
        }
        if (jvirtd != null) {
            jvirtd.close();
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static String uri() {
        return "vendor+ssh://root@127.0.0.1:" + port + "/default?socket=" + jvirtd.unix.address() + "&keyfile="
                + dir.resolve("userkey") + "&known_hosts=" + dir.resolve("known_hosts") + "&no_tty=1";
    }

    @Test
    void javaRemoteDriverOverSshToJvirtd() {
        try (Connect c = CLIENT.open(uri())) {
            assertEquals("vendor-1", c.domainLookupByName("vendor-1").getName());
            assertTrue(c.isSecure(), "ssh is a secure transport");
            List<String> names = c.listAllDomains().stream().map(d -> d.getName()).toList();
            assertTrue(names.contains("vendor-1"), names.toString());
        }
    }

    @Test
    void javaRemoteDriverOverSshToRealLibvirtd() throws Exception {
        Libvirtd l = Libvirtd.shared();
        String u = "test+ssh://root@127.0.0.1:" + port + "/default?socket=" + l.socket() + "&keyfile="
                + dir.resolve("userkey") + "&known_hosts=" + dir.resolve("known_hosts") + "&no_tty=1";
        try (Connect c = CLIENT.open(u)) {
            assertEquals("test", c.domainLookupByName("test").getName());
            assertEquals("TEST", c.getType());
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithSshsOwnMessage() throws Exception {
        Path empty = dir.resolve("empty_known_hosts");
        Files.writeString(empty, "");
        String bad = uri().replace(dir.resolve("known_hosts").toString(), empty.toString());
        io.jvirt.api.VirtException e = org.junit.jupiter.api.Assertions.assertThrows(io.jvirt.api.VirtException.class,
                () -> CLIENT.open(bad).close());
        assertTrue(e.getMessage().contains("Host key verification failed"), e.getMessage());
    }

    @Test
    void virshTakesTheSameUri() throws Exception {
        // libvirt's own ssh transport with the same parameters (its ssh binary ignores known_hosts,
        // so StrictHostKeyChecking is turned off with no_verify)
        String u = "vendor+ssh://root@127.0.0.1:" + port + "/default?socket=" + jvirtd.unix.address() + "&keyfile="
                + dir.resolve("userkey") + "&no_tty=1&no_verify=1";
        Virsh.Result r = Virsh.run(u, "list", "--all");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("vendor-1"), r.out());
    }
}
