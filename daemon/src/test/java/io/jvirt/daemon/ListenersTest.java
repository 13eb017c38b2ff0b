package io.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.ListenerSpec;
import io.jvirt.daemon.server.Listeners;
import io.jvirt.daemon.server.Server;
import io.jvirt.examples.vendor.VendorDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.testsupport.Virsh;

/**
 * Each listener binds on its own. libvirtd 9.0, measured with the anchor kit and its TCP port
 * held by another process, binds its unix sockets, logs "Unable to bind to port: Address already
 * in use" (no address named) and exits with status 6; jvirtd instead keeps serving what did
 * bind, names the listener and address that failed, and binds it when the configuration is
 * applied again. Real virsh checks what serves.
 */
class ListenersTest {
    private Path dir;
    private Server server;
    private Listeners listeners;
    private ServerSocket squatter;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvl");
        server = new Server(new InProcessVirt("vendor:///default").add(new VendorDriver(), "vendor", "vendor"),
                Limits.defaults());
        listeners = new Listeners(server);
    }

    @AfterEach
    void stop() throws Exception {
        listeners.close();
        server.close();
        if (squatter != null) {
            squatter.close();
        }
        Files.deleteIfExists(dir.resolve("libvirt-sock"));
        Files.deleteIfExists(dir.resolve("libvirt-sock-ro"));
        Files.deleteIfExists(dir);
    }

    /** Another process's listening socket on a free loopback port; returns that port. */
    private int squat() throws Exception {
        squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return squatter.getLocalPort();
    }

    private Map<String, ListenerSpec> specs(String unixDir, String tcp) {
        Map<String, ListenerSpec> m = new LinkedHashMap<>();
        m.put("unix", new ListenerSpec.Unix(Path.of(unixDir), "0700", "0777"));
        m.put("tcp", new ListenerSpec.Tcp(tcp));
        return m;
    }

    private static void assertServes(String uri) throws Exception {
        Virsh.Result r = Virsh.run(uri, "list", "--all");
        assertEquals(0, r.exit(), uri + ": " + r.err());
        assertTrue(r.out().contains("vendor-1"), r.out());
    }

    private String unixUri() {
        return "vendor+unix:///default?socket=" + dir.resolve("libvirt-sock");
    }

    @Test
    void aTakenTcpPortFailsTheTcpListenerOnlyAndIsBoundOnTheNextApply() throws Exception {
        int port = squat();
        List<Listeners.Failure> failures = listeners.apply(specs(dir.toString(), "127.0.0.1:" + port));

        assertEquals(1, failures.size(), failures.toString());
        Listeners.Failure f = failures.get(0);
        assertEquals("tcp", f.name());
        assertEquals("127.0.0.1:" + port, f.address());
        assertEquals("cannot listen on tcp 127.0.0.1:" + port + ": Address already in use", f.message());
        assertEquals("failed(127.0.0.1:" + port + ")", listeners.shown("tcp"));
        assertEquals(dir.resolve("libvirt-sock").toString(), listeners.shown("unix"));
        assertEquals(failures, listeners.failures());
        // both unix sockets serve
        assertServes(unixUri());
        assertServes("vendor+unix:///default?socket=" + dir.resolve("libvirt-sock-ro"));

        // the same configuration applied again (any change of io.jvirt.daemon does that) binds it
        // once the port is free; the unix sockets are not touched
        long inode = (Long) Files.getAttribute(dir.resolve("libvirt-sock"), "unix:ino");
        squatter.close();
        assertEquals(List.of(), listeners.apply(specs(dir.toString(), "127.0.0.1:" + port)));
        assertEquals("127.0.0.1:" + port, listeners.shown("tcp"));
        assertEquals(List.of(), listeners.failures());
        assertServes("vendor+tcp://127.0.0.1:" + port + "/default");
        assertEquals(inode, Files.getAttribute(dir.resolve("libvirt-sock"), "unix:ino"), "the unix socket was rebound");
        assertServes(unixUri());
    }

    @Test
    void aNewTcpAddressThatCannotBindLeavesTheOldOneServing() throws Exception {
        assertEquals(List.of(), listeners.apply(specs(dir.toString(), "127.0.0.1:0")));
        String old = listeners.shown("tcp");
        int taken = squat();

        List<Listeners.Failure> failures = listeners.apply(specs(dir.toString(), "127.0.0.1:" + taken));
        assertEquals(List.of(new Listeners.Failure("tcp", "127.0.0.1:" + taken, "Address already in use")), failures);
        assertEquals(old, listeners.shown("tcp"), "the listener that served before");
        assertServes("vendor+tcp://" + old + "/default");

        squatter.close();
        assertEquals(List.of(), listeners.apply(specs(dir.toString(), "127.0.0.1:" + taken)));
        assertServes("vendor+tcp://127.0.0.1:" + taken + "/default");
        Virsh.Result refused = Virsh.run("vendor+tcp://" + old + "/default", "uri");
        assertTrue(refused.err().contains("Connection refused"), "the old port still accepts: " + refused);
    }

    @Test
    void theSamePortOnAnotherHostAndNewSocketModesRebindInPlace() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        assertEquals(List.of(), listeners.apply(specs(dir.toString(), "127.0.0.1:" + port)));
        // the old listener holds the port the new one wants: it is closed first
        Map<String, ListenerSpec> moved = specs(dir.toString(), "localhost:" + port);
        moved.put("unix", new ListenerSpec.Unix(dir, "0770", "0777"));
        assertEquals(List.of(), listeners.apply(moved));
        assertEquals("rwxrwx---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("libvirt-sock"))));
        assertServes(unixUri());
        assertServes("vendor+tcp://127.0.0.1:" + port + "/default");
    }

    @Test
    void aSocketPathTooLongFailsTheUnixListenerOnlyAndSaysWhy() throws Exception {
        String deep = dir + "/" + "d".repeat(100);
        List<Listeners.Failure> failures = listeners.apply(specs(deep, "127.0.0.1:0"));

        assertEquals(1, failures.size(), failures.toString());
        assertEquals("unix", failures.get(0).name());
        assertEquals("cannot listen on unix " + deep + "/libvirt-sock: the socket path " + deep + "/libvirt-sock has "
                + (deep.length() + 13) + " bytes, more than a unix socket address holds (107): choose a shorter directory",
                failures.get(0).message());
        assertEquals("failed(" + deep + "/libvirt-sock)", listeners.shown("unix"));
        assertServes("vendor+tcp://" + listeners.shown("tcp") + "/default");
        Files.deleteIfExists(Path.of(deep));
    }

    @Test
    void malformedSettingsFailTheirListenerWithTheSetting() throws Exception {
        Map<String, ListenerSpec> bad = specs(dir.toString(), "localhost");
        bad.put("tls", new ListenerSpec.Tls("127.0.0.1:0", dir.resolve("no-pki"), true));
        List<Listeners.Failure> failures = listeners.apply(bad);

        assertEquals(List.of(new Listeners.Failure("tcp", "localhost", "tcp wants host:port (port 0 to 65535) or off, not "
                + "'localhost'"), new Listeners.Failure("tls", "127.0.0.1:0", "TLS: cannot read "
                + dir.resolve("no-pki/cacert.pem"))), failures);
        assertEquals("failed(localhost)", listeners.shown("tcp"));
        assertEquals("failed(127.0.0.1:0)", listeners.shown("tls"));
        assertServes(unixUri());

        Map<String, ListenerSpec> badMode = specs(dir.toString(), "off");
        badMode.put("unix", new ListenerSpec.Unix(dir, "rw", "0777"));
        assertEquals(List.of(new Listeners.Failure("unix", dir.resolve("libvirt-sock").toString(),
                "unix.sock.rw.perms wants an octal mode such as 0700, not 'rw'")), listeners.apply(badMode));
        assertEquals(dir.resolve("libvirt-sock").toString(), listeners.shown("unix"), "the sockets that served before");
        assertEquals("off", listeners.shown("tcp"));
        assertServes(unixUri());
    }
}
