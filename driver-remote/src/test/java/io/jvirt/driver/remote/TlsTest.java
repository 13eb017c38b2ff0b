package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.daemon.server.TlsContexts;
import io.jvirt.testsupport.Virsh;
import io.jvirt.testsupport.Libvirtd;

/**
 * TLS with a CA made for the test: jvirtd's TLS listener (JDK TLS, client certificates checked)
 * against real virsh and the Java remote driver; a client certificate from another CA is refused;
 * the Java remote driver over TLS to a real libvirtd whose anchor configuration gets TLS turned on.
 */
class TlsTest {
    static Path tmp;
    static TestPki pki;
    static Path rogueClient;
    static Server server;
    static int port;
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("jvirt-tls");
        pki = TestPki.create(tmp.resolve("pki"));
        TestPki rogue = TestPki.rogueClient(tmp.resolve("rogue"));
        rogueClient = TestPki.clientDir(tmp.resolve("rogue-client"), pki, rogue);
        server = new Server(Platform.server(), Limits.defaults());
        Listener tls = Listener.tls("127.0.0.1", 0,
                TlsContexts.server(TlsContexts.ServerFiles.of(pki.dir)), true);
        server.listen(tls);
        port = Integer.parseInt(tls.address().substring(tls.address().lastIndexOf(':') + 1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String uri(String driver, String host, int port, Path pkipath) {
        return driver + "+tls://" + host + ":" + port + "/default?pkipath=" + pkipath;
    }

    @Test
    void virshListsOverTlsWithTheTestCa() throws Exception {
        Virsh.Result r = Virsh.run(uri("vendor", "localhost", port, pki.dir), "list", "--all");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s)\\s*1\\s+vendor-1\\s+running\\s*"), r.out());
    }

    @Test
    void virshWithACertificateFromAnotherCaIsRefused() throws Exception {
        Virsh.Result r = Virsh.run(uri("vendor", "localhost", port, rogueClient), "list", "--all");
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.err().startsWith("error: failed to connect to the hypervisor"), r.err());
        // the refused client was dropped; the server goes on serving others
        assertEquals(0, Virsh.run(uri("vendor", "localhost", port, pki.dir), "list").exit());
    }

    @Test
    void javaRemoteDriverOverTlsToJvirtd() {
        try (Connect c = CLIENT.open(uri("vendor", "localhost", port, pki.dir))) {
            assertEquals("vendor-1", c.domainLookupByName("vendor-1").getName());
            assertTrue(c.isEncrypted(), "TLS is encrypted");
            assertTrue(c.isSecure());
        }
    }

    @Test
    void javaRemoteDriverWithAnotherCasCertificateIsRefused() {
        VirtException e = assertThrows(VirtException.class,
                () -> CLIENT.open(uri("vendor", "localhost", port, rogueClient)).close());
        assertTrue(e.code() == ErrorCode.AUTH_FAILED || e.code() == ErrorCode.RPC || e.code() == ErrorCode.SYSTEM_ERROR,
                e.code() + ": " + e.getMessage());
    }

    @Test
    void javaRemoteDriverChecksTheServerName() {
        // the server certificate names localhost only
        VirtException e = assertThrows(VirtException.class,
                () -> CLIENT.open(uri("vendor", "127.0.0.1", port, pki.dir)).close());
        assertEquals(ErrorCode.AUTH_FAILED, e.code(), e.getMessage());
        try (Connect c = CLIENT.open(uri("vendor", "127.0.0.1", port, pki.dir) + "&no_verify=1")) {
            assertEquals("vendor-1", c.domainLookupByName("vendor-1").getName());
        }
    }

    /**
     * libvirtd's TLS listener: the anchor writes {@code listen_tls = 0}; a LIBVIRTD wrapper (the
     * kit's documented hook for another daemon binary) turns it on with the test PKI before it execs
     * the real daemon.
     */
    @Test
    void javaRemoteDriverOverTlsToRealLibvirtd() throws Exception {
        int tlsPort = Libvirtd.freePort();
        Path wrapper = tmp.resolve("libvirtd-tls");
        Files.writeString(wrapper, "#!/bin/sh\n"
                + "conf=$2\n"
                + "sed -i 's/^listen_tls = 0$/listen_tls = 1/' \"$conf\"\n"
                + "cat >> \"$conf\" <<EOF\n"
                + "tls_port = \"" + tlsPort + "\"\n"
                + "auth_tls = \"none\"\n"
                + "ca_file = \"" + pki.dir.resolve("cacert.pem") + "\"\n"
                + "cert_file = \"" + pki.dir.resolve("servercert.pem") + "\"\n"
                + "key_file = \"" + pki.dir.resolve("serverkey.pem") + "\"\n"
                + "EOF\n"
                + "exec /usr/sbin/libvirtd \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Libvirtd l = Libvirtd.start(true, java.util.Map.of("LIBVIRTD", wrapper.toString()));
        try {
            try (Connect c = CLIENT.open(uri("test", "localhost", tlsPort, pki.dir))) {
                assertEquals("test", c.domainLookupByName("test").getName());
                assertTrue(c.isEncrypted());
            }
            VirtException e = assertThrows(VirtException.class,
                    () -> CLIENT.open(uri("test", "localhost", tlsPort, rogueClient)).close());
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            // and libvirt's own client agrees
            assertEquals(0, Virsh.run(uri("test", "localhost", tlsPort, pki.dir), "list").exit());
        } finally {
            l.close();
        }
    }
}
