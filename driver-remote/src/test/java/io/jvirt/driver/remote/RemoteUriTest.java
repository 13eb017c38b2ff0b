package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.VirtException;
import io.jvirt.driver.remote.transport.SshCommand;
import io.jvirt.driver.remote.transport.Target;
import io.jvirt.driver.remote.transport.Target.Kind;

/** libvirt's URI rules for the remote driver: transport, port, socket, CONNECT_OPEN name, ssh argv. */
class RemoteUriTest {
    static final Path NO_DAEMON = Path.of("/nonexistent-dir");

    private static RemoteUri of(String uri) {
        return RemoteUri.of(ConnectUri.parse(uri), 0, NO_DAEMON);
    }

    @Test
    void tcpStripsTransportHostAndPortFromTheName() {
        RemoteUri r = of("test+tcp://example.org/default");
        assertEquals(Kind.TCP, r.target().kind());
        assertEquals("example.org", r.target().host());
        assertEquals(16509, r.target().port());
        assertEquals("test:///default", r.name());
    }

    @Test
    void aHostWithoutTransportMeansTlsOn16514() {
        RemoteUri r = of("qemu://root@example.org/system");
        assertEquals(Kind.TLS, r.target().kind());
        assertEquals(16514, r.target().port());
        assertEquals("qemu:///system", r.name());
    }

    @Test
    void transportParametersAreConsumedOthersPassThrough() {
        RemoteUri r = of("test+tls://h:1234/default?pkipath=/p&no_verify=1&foo=a%20b&reconnect=1&keepalive_interval=2");
        assertEquals("test:///default?foo=a%20b", r.name());
        assertEquals(Path.of("/p"), r.target().pkiPath());
        assertTrue(r.target().noVerify());
        assertTrue(r.reconnect());
        assertEquals(2, r.keepaliveInterval());
        assertEquals(1234, r.target().port());
    }

    @Test
    void nameParameterOverridesAndRemoteSchemeLetsTheServerChoose() {
        assertEquals("xyz:///other", of("test+tcp://h/default?name=xyz:///other").name());
        assertEquals("", of("remote+tcp://h/").name());
    }

    @Test
    void unixSocketFromParameterOrTheDefaultReadOnlyOrNot() throws Exception {
        RemoteUri r = of("vendor+unix:///default?socket=/tmp/x.sock");
        assertEquals(Kind.UNIX, r.target().kind());
        assertEquals(Path.of("/tmp/x.sock"), r.target().socket());
        assertEquals("vendor:///default", r.name());
        Path dir = Files.createTempDirectory("sockdir");
        Files.createFile(dir.resolve("libvirt-sock"));
        Files.createFile(dir.resolve("libvirt-sock-ro"));
        assertEquals(dir.resolve("libvirt-sock"), RemoteUri.of(ConnectUri.parse("qemu:///system"), 0, dir).target().socket());
        assertEquals(dir.resolve("libvirt-sock-ro"),
                RemoteUri.of(ConnectUri.parse("qemu:///system"), OpenFlag.READONLY.bit(), dir).target().socket());
    }

    @Test
    void declinesLocalUrisWhenNoDaemonSocketExists() {
        assertNull(of("qemu:///system"));
        assertNull(of("test:///default"));
    }

    @Test
    void extNeedsACommandAndLibsshIsNotOffered() {
        VirtException e = assertThrows(VirtException.class, () -> of("test+ext:///default"));
        assertEquals(ErrorCode.INVALID_ARG, e.code());
        assertEquals(Kind.EXT, of("test+ext:///default?command=/bin/true").target().kind());
        assertEquals(ErrorCode.NO_SUPPORT, assertThrows(VirtException.class, () -> of("qemu+libssh2://h/system")).code());
    }

    @Test
    void sshArgvAsLibvirtBuildsItWithAnExplicitSocket() {
        RemoteUri r = of("qemu+ssh://admin@example.org:2222/system?socket=/run/x.sock&keyfile=/k/id&no_tty=1"
                + "&known_hosts=/k/kh&no_verify=1");
        List<String> argv = SshCommand.argv(r.target());
        assertEquals(List.of("ssh", "-p", "2222", "-l", "admin", "-i", "/k/id", "-T", "-e", "none", "-o",
                "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/k/kh", "--", "example.org"),
                argv.subList(0, argv.size() - 1));
        assertEquals("sh -c 'if 'nc' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0;"
                + "else ARG=;fi;'nc' $ARG -U /run/x.sock'", argv.get(argv.size() - 1));
        assertEquals("qemu:///system", r.name());
    }

    @Test
    void sshWithoutSocketPrefersVirtSshHelperWithNetcatFallback() {
        RemoteUri r = of("qemu+ssh://example.org/system?command=/usr/bin/myssh&netcat=/opt/my%20nc");
        List<String> argv = SshCommand.argv(r.target());
        assertEquals("/usr/bin/myssh", argv.get(0));
        assertFalse(argv.contains("BatchMode=yes"));
        // an explicit netcat means netcat, on libvirt's default socket, its path escaped for two shells
        assertEquals("sh -c 'if '/opt/my\\\\\\ nc' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; "
                + "then ARG=-q0;else ARG=;fi;'/opt/my\\\\\\ nc' $ARG -U /run/libvirt/libvirt-sock'", argv.get(argv.size() - 1));
        String helper = last(SshCommand.argv(of("qemu+ssh://example.org/system").target()));
        assertTrue(helper.startsWith("sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then "
                + "    virt-ssh-helper 'qemu\\\\\\:///system'; else"), helper);
        Target ro = RemoteUri.of(ConnectUri.parse("qemu+ssh://example.org/system"), OpenFlag.READONLY.bit(), NO_DAEMON)
                .target();
        assertTrue(last(SshCommand.argv(ro)).contains("virt-ssh-helper -r 'qemu"));
        assertTrue(last(SshCommand.argv(ro)).endsWith("-U /run/libvirt/libvirt-sock-ro; fi'"));
    }

    @Test
    void insideTheDaemonLocalUrisAreLeftToLocalDrivers() throws Exception {
        Path dir = Files.createTempDirectory("sockdir");
        Files.createFile(dir.resolve("libvirt-sock"));
        RemoteDriver inside = new RemoteDriver(RemoteSettings.defaults().withSocketDir(dir), () -> true);
        assertEquals(io.jvirt.spi.OpenResult.Status.DECLINED,
                inside.open(ConnectUri.parse("qemu:///system"), null, 0).status());
        assertEquals(io.jvirt.spi.OpenResult.Status.DECLINED,
                inside.open(ConnectUri.parse("qemu+unix:///system"), null, 0).status());
        // an explicit socket or a host is still the remote driver's (and fails here: nobody listens)
        assertEquals(io.jvirt.spi.OpenResult.Status.ERROR,
                inside.open(ConnectUri.parse("qemu+unix:///system?socket=" + dir.resolve("libvirt-sock")), null, 0)
                        .status());
    }

    private static String last(List<String> argv) {
        return argv.get(argv.size() - 1);
    }
}
