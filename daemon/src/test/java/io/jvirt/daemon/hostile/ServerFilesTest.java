package io.jvirt.daemon.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.access.ServerFilePolicy;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.driver.test.TestDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.Virsh;

/**
 * Files of the server that clients name ({@code test:///PATH}, save images, dumps), through real
 * virsh and libvirt-python against jvirtd serving the test driver and against libvirtd 9.0 (the
 * anchor kit's): bounded reads, the same errors where libvirtd's are safe, no file content in any
 * error, and the {@code server.files} policy (only the read-write socket by default).
 */
class ServerFilesTest {
    static Path dir;
    static Server server;
    static String rw;
    static String ro;
    static String tcp;
    static Libvirtd libvirtd;

    @BeforeAll
    static void start() throws Exception {
        Virsh.require();
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvirt-files");
        server = new Server(new InProcessVirt("test:///default").add(new TestDriver(), "test", "test"), Limits.defaults());
        Listener sock = Listener.unix(dir.resolve("sock"), false, "rwx------");
        Listener sockRo = Listener.unix(dir.resolve("sock-ro"), true, "rwxrwxrwx");
        Listener tcpListener = Listener.tcp("127.0.0.1", 0);
        server.listen(sock);
        server.listen(sockRo);
        server.listen(tcpListener);
        rw = "?socket=" + sock.address();
        ro = "?socket=" + sockRo.address();
        tcp = tcpListener.address();
        libvirtd = Libvirtd.shared();
        Files.writeString(dir.resolve("secret.txt"), "secret-line-one\nline two\n");
        Files.writeString(dir.resolve("ok.xml"), "<node><cpu><nodes>1</nodes></cpu></node>");
        Files.createDirectory(dir.resolve("adir"));
        Files.writeString(dir.resolve("includes.xml"), "<node><domain file='secret.txt'/></node>");
        run("mkfifo", dir.resolve("fifo").toString());
        // a regular file one byte over the bound: '<node>' and blanks
        try (var out = Files.newOutputStream(dir.resolve("huge.xml"))) {
            out.write("<node>".getBytes(StandardCharsets.US_ASCII));
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 10; i++) {
                out.write(blanks);
            }
            out.write("</node>".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        run("rm", "-rf", dir.toString());
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }

    private static String jvirtd(String path, String... args) throws Exception {
        return Virsh.merged("test+unix://" + path + rw, args.length == 0 ? new String[] { "uri" } : args);
    }

    private static String anchor(String path, String... args) throws Exception {
        return Virsh.merged("test+unix://" + path + "?socket=" + libvirtd.socket(),
                args.length == 0 ? new String[] { "uri" } : args);
    }

    @Test
    void devZeroAndDirectoriesAreNoDocumentAsUnderLibvirtd() throws Exception {
        for (String p : List.of("/dev/zero", dir.resolve("adir").toString())) {
            String expected = "error: failed to connect to the hypervisor\nerror: " + p
                    + ":1: Document is empty\n(null)\n^\n";
            assertEquals(expected, anchor(p));
            assertEquals(expected, jvirtd(p));
        }
    }

    @Test
    void aFifoIsAnsweredAtOnce() throws Exception {
        // libvirtd 9.0 blocks a worker on it for good (measured: no answer within 10 s); jvirtd never opens it
        String p = dir.resolve("fifo").toString();
        assertEquals("error: failed to connect to the hypervisor\nerror: " + p + ":1: Document is empty\n(null)\n^\n",
                jvirtd(p));
        assertTrue(jvirtd("/default", "list", "--name").contains("test"), "the daemon serves on");
    }

    @Test
    void aFileOverTheBoundIsNotRead() throws Exception {
        String p = dir.resolve("huge.xml").toString();
        assertEquals("error: failed to connect to the hypervisor\nerror: XML error: failed to parse xml document '"
                + p + "': larger than 10485760 bytes\n", jvirtd(p));
    }

    @Test
    void errorsNeverShowWhatAFileHolds() throws Exception {
        String p = dir.resolve("secret.txt").toString();
        String lib = anchor(p);
        assertTrue(lib.contains("secret-line-one"), "libvirtd 9.0 prints the file's first line: " + lib);
        String ours = jvirtd(p);
        assertEquals("error: failed to connect to the hypervisor\nerror: " + p
                + ":1: Start tag expected, '<' not found\n", ours);
        assertEquals(lib.lines().limit(2).toList(), ours.lines().limit(2).toList(), "the same first lines as libvirtd");
        String env = jvirtd("/proc/self/environ");
        assertFalse(env.contains("PATH="), env);
        String inc = jvirtd(dir.resolve("includes.xml").toString());
        assertFalse(inc.contains("secret-line-one"), inc);
        assertTrue(inc.contains("error: " + p + ":1: "), inc);
    }

    @Test
    void theReadOnlySocketAndTcpMayNotNameServerFiles() throws Exception {
        String p = dir.resolve("ok.xml").toString();
        assertEquals("test+unix://" + p + rw + "\n\n", jvirtd(p));
        assertEquals("error: failed to connect to the hypervisor\nerror: access denied: clients of unix-ro may not "
                + "name files of the server ('" + p + "')\n", Virsh.merged("test+unix://" + p + ro, "uri"));
        assertEquals("error: failed to connect to the hypervisor\nerror: access denied: clients of tcp may not "
                + "name files of the server ('" + p + "')\n",
                Virsh.merged("test+tcp://" + tcp + p, "uri"));
        // nor through libvirt-python, with libvirt's code and domain (VIR_ERR_ACCESS_DENIED, VIR_FROM_ACCESS)
        assertEquals("88 55", python("test+tcp://" + tcp + p));
        assertEquals("35 12", python("test+unix:///dev/zero" + rw));
        assertEquals("35 12", python("test+unix:///dev/zero?socket=" + libvirtd.socket()));
    }

    @Test
    void savesAndDumpsOverTcpAreRefusedAndChangeNothing() throws Exception {
        String image = dir.resolve("saved.img").toString();
        String t = "test+tcp://" + tcp + "/default";
        Virsh.Result save = Virsh.run(t, "save", "test", image);
        assertEquals("error: Failed to save domain 'test' to " + image + "\nerror: access denied: clients of tcp may "
                + "not name files of the server ('" + image + "')\n", save.err());
        Virsh.Result dump = Virsh.run(t, "dump", "test", dir.resolve("core").toString());
        assertTrue(dump.err().contains("access denied: clients of tcp may not name files of the server"), dump.err());
        Virsh.Result restore = Virsh.run("test+unix:///default" + ro, "restore", "/etc/passwd");
        assertTrue(restore.err().contains("operation forbidden: read only access prevents virDomainRestore"),
                restore.err());
        assertEquals("running", Virsh.run(t, "domstate", "test").out().trim());
        assertFalse(Files.exists(Path.of(image)));
        assertFalse(Files.exists(dir.resolve("core")));
    }

    @Test
    void saveImagesAreReadWithLibvirtsBound() throws Exception {
        Path big = dir.resolve("big.img");
        // the test driver's magic, then a metadata length of 100000 (libvirt reads at most 8192)
        byte[] magic = "TestGuestMagic".getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(magic.length + 4 + 16);
        b.put(magic).putInt(100000);
        Files.write(big, b.array());
        for (String p : List.of(big.toString(), dir.resolve("adir").toString(), dir.resolve("secret.txt").toString())) {
            String lib = anchor("/default", "restore", p);
            assertEquals(lib, jvirtd("/default", "restore", p), p);
        }
        // a device or FIFO is not opened (libvirtd reads /dev/zero, and blocks on a FIFO)
        String fifo = dir.resolve("fifo").toString();
        assertEquals("error: Failed to restore domain from " + fifo + "\nerror: cannot read domain image '" + fifo
                + "': Not a regular file\n\n", jvirtd("/default", "restore", fifo));
    }

    /** libvirt-python's error code and domain for opening {@code uri}. */
    private static String python(String uri) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import libvirt, sys\n"
                + "libvirt.registerErrorHandler(lambda c, e: None, None)\n"
                + "try:\n    libvirt.open(sys.argv[1]); print('OK')\n"
                + "except libvirt.libvirtError as e:\n    print(e.get_error_code(), e.get_error_domain())\n", uri)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void thePolicyParsesAsConfigured() {
        ServerFilePolicy d = ServerFilePolicy.parse(ServerFilePolicy.DEFAULT);
        assertTrue(d.allows("unix-rw", null));
        assertFalse(d.allows("unix-ro", null));
        assertFalse(d.allows("tcp", null));
        assertFalse(d.allows("tls", null));
        ServerFilePolicy wide = ServerFilePolicy.parse("unix-rw, unix-ro, tcp, tls, user:alice, bogus");
        assertFalse(wide.allows("unix-ro", null), "never the read-only socket");
        assertFalse(wide.allows("tcp", null), "never unauthenticated TCP");
        assertTrue(wide.allows("tcp", "bob"));
        assertTrue(wide.allows("tls", null));
        assertTrue(ServerFilePolicy.parse("user:alice").allows("tcp", "alice"));
        assertFalse(ServerFilePolicy.parse("user:alice").allows("tcp", "bob"));
    }
}
