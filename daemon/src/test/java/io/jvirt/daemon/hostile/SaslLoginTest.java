package io.jvirt.daemon.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.daemon.auth.AuthConfig;
import io.jvirt.daemon.auth.AuthMethod;
import io.jvirt.daemon.auth.SaslSettings;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.driver.test.TestDriver;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.Shared;
import io.jvirt.testsupport.Virsh;

/**
 * SASL logins with real virsh, unchanged, against jvirtd and against libvirtd 9.0 configured the
 * same way (auth_unix_rw and auth_tcp = "sasl", the same users, Cyrus's mech_list = jvirtd's
 * sasl.mechanisms): on the unix socket virsh picks SCRAM-SHA-256; on plain TCP libvirt's client
 * wants a security layer, so only DIGEST-MD5 is offered and everything after the login is
 * encrypted by it. Credentials come from libvirt's auth.conf and from the prompts in a terminal;
 * the transcripts are compared line by line.
 */
class SaslLoginTest {
    static Path dir;
    static Server server;
    static String unix;
    static String tcp;
    static Libvirtd libvirtd;
    static Path authFile;

    @BeforeAll
    static void start() throws Exception {
        Virsh.require();
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvirt-sasl");
        Path users = dir.resolve("users");
        Files.writeString(users, "# jvirtd's SASL users\nalice:secret123\nbob:hunter2\n");
        server = new Server(new InProcessVirt("test:///default").add(new TestDriver(), "test", "test"), Limits.defaults());
        server.applyAuth(new AuthConfig(Map.of("unix-rw", AuthMethod.SASL, "tcp", AuthMethod.SASL),
                SaslSettings.parse("digest-md5,scram-sha-256,plain", users.toString(), "alice,bob")));
        Listener sock = Listener.unix(dir.resolve("sock"), false, "rwx------");
        Listener tcpListener = Listener.tcp("127.0.0.1", 0);
        server.listen(sock);
        server.listen(tcpListener);
        unix = sock.address();
        tcp = tcpListener.address();
        Path wrapper = Path.of(SaslLoginTest.class.getResource("/hostile/sasl-libvirtd.sh").toURI());
        wrapper.toFile().setExecutable(true);
        libvirtd = Libvirtd.start(true, Map.of("LIBVIRTD", wrapper.toString(), "AUTH_UNIX_RW", "sasl", "AUTH_TCP", "sasl",
                "MECHS", "digest-md5 scram-sha-256 plain", "SASL_USERS", "alice:secret123 bob:hunter2",
                "ALLOWED", "\"alice\", \"bob\""));
        authFile = dir.resolve("auth.conf");
        Files.writeString(authFile, "[credentials-alice]\nauthname=alice\npassword=secret123\n\n"
                + "[auth-libvirt-127.0.0.1]\ncredentials=alice\n\n[auth-libvirt-localhost]\ncredentials=alice\n");
        Shared.anchor(); // the kit is there (Libvirtd started it)
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
        new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    }

    private static String libvirtdUnix() {
        return "test+unix:///default?socket=" + libvirtd.socket();
    }

    private static String jvirtdUnix() {
        return "test+unix:///default?socket=" + unix;
    }

    /** virsh with LIBVIRT_AUTH_FILE and its debug log of the SASL negotiation, stdout+stderr and the mechanism. */
    private static String[] virsh(String uri, Path auth, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/virsh", "-c", uri));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("LIBVIRT_AUTH_FILE", auth.toString());
        pb.environment().put("LIBVIRT_LOG_FILTERS", "1:remote");
        Path log = Files.createTempFile(dir, "virsh", ".log");
        pb.environment().put("LIBVIRT_LOG_OUTPUTS", "1:file:" + log);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String mech = "";
        for (String l : Files.readAllLines(log)) {
            int i = l.indexOf("Server start negotiation with mech ");
            if (i >= 0) {
                mech = l.substring(i + "Server start negotiation with mech ".length()).split("\\.")[0];
            }
        }
        return new String[] { out + "[exit " + p.exitValue() + "]", mech };
    }

    @Test
    void theUnixSocketLogsInWithScramSha256() throws Exception {
        String[] lib = virsh(libvirtdUnix(), authFile, "list", "--name");
        String[] ours = virsh(jvirtdUnix(), authFile, "list", "--name");
        assertEquals("test\n\n[exit 0]", lib[0]);
        assertEquals(lib[0], ours[0]);
        assertEquals("SCRAM-SHA-256", lib[1]);
        assertEquals(lib[1], ours[1]);
    }

    @Test
    void plainTcpLogsInWithDigestMd5AndItsSecurityLayer() throws Exception {
        String[] lib = virsh(libvirtd.tcpUri("test", "default"), authFile, "list", "--name");
        String[] ours = virsh("test+tcp://" + tcp + "/default", authFile, "list", "--name");
        assertEquals("test\n\n[exit 0]", lib[0]);
        assertEquals(lib[0], ours[0]);
        assertEquals("DIGEST-MD5", lib[1]);
        assertEquals(lib[1], ours[1]);
        // a reply larger than one token of the layer (64 KiB): the capabilities, many times
        String big = virsh("test+tcp://" + tcp + "/default", authFile, "capabilities")[0];
        assertTrue(big.contains("</capabilities>") && big.endsWith("[exit 0]"), big);
        String many = "test+tcp://" + tcp + "/default";
        String[] cmds = new String[80];
        for (int i = 0; i < cmds.length; i++) {
            cmds[i] = i % 2 == 0 ? "capabilities" : ";";
        }
        String joined = String.join(" ", cmds).replace(" ; ", " ; ");
        String r = virsh(many, authFile, joined)[0];
        assertTrue(r.endsWith("[exit 0]"), r.substring(Math.max(0, r.length() - 400)));
    }

    @Test
    void aWrongPasswordIsRefusedTheSameWay() throws Exception {
        Path wrong = dir.resolve("wrong.conf");
        Files.writeString(wrong, "[credentials-x]\nauthname=alice\npassword=nope\n\n[auth-libvirt-127.0.0.1]\n"
                + "credentials=x\n\n[auth-libvirt-localhost]\ncredentials=x\n");
        String expected = "error: failed to connect to the hypervisor\n"
                + "error: authentication failed: authentication failed\n[exit 1]";
        assertEquals(expected, virsh(libvirtdUnix(), wrong, "list")[0]);
        assertEquals(expected, virsh(jvirtdUnix(), wrong, "list")[0]);
        assertEquals(expected, virsh(libvirtd.tcpUri("test", "default"), wrong, "list")[0]);
        assertEquals(expected, virsh("test+tcp://" + tcp + "/default", wrong, "list")[0]);
        Path unknown = dir.resolve("unknown.conf");
        Files.writeString(unknown, Files.readString(wrong).replace("authname=alice", "authname=mallory"));
        assertEquals(expected, virsh(jvirtdUnix(), unknown, "list")[0]);
        assertEquals(expected, virsh(libvirtdUnix(), unknown, "list")[0]);
    }

    @Test
    void thePromptsOfATerminalAreTheSame() throws Exception {
        for (String[] pair : new String[][] { { libvirtdUnix(), jvirtdUnix() },
                { libvirtd.tcpUri("test", "default"), "test+tcp://" + tcp + "/default" } }) {
            for (String password : new String[] { "secret123", "wrong" }) {
                String lib = prompts("alice", password, pair[0], "list", "--name");
                String ours = prompts("alice", password, pair[1], "list", "--name");
                assertTrue(lib.contains("Please enter your authentication name: "), lib);
                assertEquals(lib, ours, pair[1] + " with " + password);
            }
        }
    }

    /** What a client that skips SASL gets for CONNECT_OPEN and CONNECT_GET_TYPE, as raw packets. */
    private static String beforeAuth(String socket) throws Exception {
        StringBuilder out = new StringBuilder();
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(socket));
            io.jvirt.rpc.packet.FrameReader in = new io.jvirt.rpc.packet.FrameReader(ch);
            io.jvirt.rpc.xdr.XdrWriter w = new io.jvirt.rpc.xdr.XdrWriter(64);
            io.jvirt.rpc.xdr.Xdr.of(io.jvirt.rpc.remote.ConnectProcedures.ConnectOpenArgs.class)
                    .encode(new io.jvirt.rpc.remote.ConnectProcedures.ConnectOpenArgs("test:///default", 0), w);
            int serial = 0;
            for (int[] call : new int[][] { { 1, 1 }, { 3, 0 } }) {
                byte[] payload = call[1] == 1 ? w.toByteArray() : new byte[0];
                ch.write(java.nio.ByteBuffer.wrap(io.jvirt.rpc.packet.Packet.encodeRaw(new io.jvirt.rpc.packet.Header(
                        io.jvirt.rpc.remote.RemoteProgram.PROGRAM, io.jvirt.rpc.remote.RemoteProgram.VERSION, call[0],
                        io.jvirt.rpc.packet.MessageType.CALL, ++serial, io.jvirt.rpc.packet.MessageStatus.OK), payload)));
                io.jvirt.rpc.packet.Packet reply = in.read();
                io.jvirt.rpc.remote.RemoteError e = io.jvirt.rpc.xdr.Xdr.of(io.jvirt.rpc.remote.RemoteError.class)
                        .decode(new io.jvirt.rpc.xdr.XdrReader(reply.payload()));
                out.append(reply.header().status()).append(' ').append(e.code()).append('/').append(e.domain()).append(' ')
                        .append(e.message()).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void callsBeforeAuthenticationAreRefusedAsByLibvirtd() throws Exception {
        String lib = beforeAuth(libvirtd.socket());
        assertTrue(lib.contains("authentication required"), lib);
        assertEquals(lib, beforeAuth(unix));
    }

    private static String prompts(String name, String password, String uri, String... args) throws Exception {
        Path script = Path.of(SaslLoginTest.class.getResource("/hostile/sasl_prompts.py").toURI());
        List<String> argv = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), name, password, "-c", uri));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        // an auth file that exists but has no credentials (one that does not exist fails virsh's open)
        Path none = dir.resolve("none.conf");
        if (!Files.exists(none)) {
            Files.writeString(none, "");
        }
        pb.environment().put("LIBVIRT_AUTH_FILE", none.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        return out;
    }
}
