package io.jvirt.api;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConnectUri} against libvirt's URI rules.
 * <p>
 * The expectations were observed on libvirt 9.0.0 (Debian bookworm, libxml2 2.9.14): the parsed
 * parts by calling libvirt's own URI parser ({@code virURIParse} in libvirt.so) on each URI, and the
 * error codes by {@code libvirt.open(uri)} from python3-libvirt. Where jvirt deliberately differs,
 * the case says so ("libvirt: ...").
 */
class ConnectUriTest {

    /** What a URI parses to; {@code null} stands for an absent optional part. */
    record Parts(String scheme, String driver, String transport, String user, String host, int port, String path,
            String query, String fragment, List<Map.Entry<String, String>> params) {
    }

    private static Arguments ok(String uri, String scheme, String driver, String transport, String user,
            String host, int port, String path, String query, String fragment, String... params) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i < params.length; i += 2) {
            list.add(Map.entry(params[i], params[i + 1]));
        }
        return Arguments.of(uri, new Parts(scheme, driver, transport, user, host, port, path, query, fragment, list));
    }

    static Stream<Arguments> goodUris() {
        return Stream.of(
                // local URIs of the drivers
                ok("test:///default", "test", "test", null, null, null, 0, "/default", null, null),
                ok("test:///abs/path.xml", "test", "test", null, null, null, 0, "/abs/path.xml", null, null),
                ok("qemu:///system", "qemu", "qemu", null, null, null, 0, "/system", null, null),
                ok("qemu:///session", "qemu", "qemu", null, null, null, 0, "/session", null, null),
                ok("lxc:///", "lxc", "lxc", null, null, null, 0, "/", null, null),
                ok("vendor:///x", "vendor", "vendor", null, null, null, 0, "/x", null, null),
                // transports
                ok("qemu+ssh://user@host:2222/system?keyfile=/k&no_verify=1", "qemu+ssh", "qemu", "ssh", "user",
                        "host", 2222, "/system", "keyfile=/k&no_verify=1", null, "keyfile", "/k", "no_verify", "1"),
                ok("qemu+unix:///system?socket=/run/s&mode=direct", "qemu+unix", "qemu", "unix", null, null, 0,
                        "/system", "socket=/run/s&mode=direct", null, "socket", "/run/s", "mode", "direct"),
                ok("qemu+tls://h.example/system?pkipath=/p&no_verify=1", "qemu+tls", "qemu", "tls", null,
                        "h.example", 0, "/system", "pkipath=/p&no_verify=1", null, "pkipath", "/p", "no_verify", "1"),
                ok("qemu+tcp://127.0.0.1:16509/system", "qemu+tcp", "qemu", "tcp", null, "127.0.0.1", 16509,
                        "/system", null, null),
                ok("qemu+libssh2://u@h/system?known_hosts=/kh&sshauth=privkey", "qemu+libssh2", "qemu", "libssh2",
                        "u", "h", 0, "/system", "known_hosts=/kh&sshauth=privkey", null, "known_hosts", "/kh",
                        "sshauth", "privkey"),
                ok("qemu+libssh://h/system", "qemu+libssh", "qemu", "libssh", null, "h", 0, "/system", null, null),
                ok("qemu+ext:///system?command=/bin/x", "qemu+ext", "qemu", "ext", null, null, 0, "/system",
                        "command=/bin/x", null, "command", "/bin/x"),
                ok("qemu+ssh://root@host.example.com/system?no_tty=1&netcat=/usr/bin/nc&name=qemu:///system",
                        "qemu+ssh", "qemu", "ssh", "root", "host.example.com", 0, "/system",
                        "no_tty=1&netcat=/usr/bin/nc&name=qemu:///system", null, "no_tty", "1", "netcat",
                        "/usr/bin/nc", "name", "qemu:///system"),
                // the scheme keeps its case (libvirt's drivers compare it exactly: TEST:///default is not the
                // test driver's, libvirt passed it on to the remote driver); the transport is lower-cased
                ok("TEST:///default", "TEST", "TEST", null, null, null, 0, "/default", null, null),
                ok("QEMU+SSH://h/system", "QEMU+SSH", "QEMU", "ssh", null, "h", 0, "/system", null, null),
                // IPv6 literals: host() without brackets; a zone is %25zone (libvirt also takes a bare %zone)
                ok("qemu+ssh://[::1]:2222/system", "qemu+ssh", "qemu", "ssh", null, "::1", 2222, "/system", null,
                        null),
                ok("qemu+tls://[2001:db8::1]/system", "qemu+tls", "qemu", "tls", null, "2001:db8::1", 0, "/system",
                        null, null),
                ok("test://[fe80::1%25eth0]/", "test", "test", null, null, "fe80::1%eth0", 0, "/", null, null),
                ok("test://[fe80::1%eth0]/", "test", "test", null, null, "fe80::1%eth0", 0, "/", null, null),
                ok("test://[::ffff:192.0.2.1]/", "test", "test", null, null, "::ffff:192.0.2.1", 0, "/", null,
                        null),
                // query parameters: percent-decoded, '+' stays a plus, all occurrences kept in order
                ok("test:///a?socket=%2Ftmp%2Fs", "test", "test", null, null, null, 0, "/a", "socket=%2Ftmp%2Fs",
                        null, "socket", "/tmp/s"),
                ok("test:///a?x=a+b", "test", "test", null, null, null, 0, "/a", "x=a+b", null, "x", "a+b"),
                ok("test:///a?x=a%2Bb", "test", "test", null, null, null, 0, "/a", "x=a%2Bb", null, "x", "a+b"),
                ok("test:///a?%6Bey=v", "test", "test", null, null, null, 0, "/a", "%6Bey=v", null, "key", "v"),
                ok("test:///a?k=1&k=2", "test", "test", null, null, null, 0, "/a", "k=1&k=2", null, "k", "1", "k",
                        "2"),
                ok("test:///a?a=1;b=2", "test", "test", null, null, null, 0, "/a", "a=1;b=2", null, "a", "1", "b",
                        "2"),
                // libvirt splits at '&' first and at ';' only where no '&' is left: a=1;b=2 stays one value
                ok("test:///a?a=1;b=2&c=3", "test", "test", null, null, null, 0, "/a", "a=1;b=2&c=3", null, "a",
                        "1;b=2", "c", "3"),
                // "=v" is dropped, "n" and "m=" have the value "", "&&" is skipped (all as libvirt)
                ok("test:///a?=v&n&m=&&k=1", "test", "test", null, null, null, 0, "/a", "=v&n&m=&&k=1", null, "n",
                        "", "m", "", "k", "1"),
                ok("test:///a?x=/b?c", "test", "test", null, null, null, 0, "/a", "x=/b?c", null, "x", "/b?c"),
                ok("test:///a?", "test", "test", null, null, null, 0, "/a", "", null),
                // user: percent-decoded, ':' kept (libvirt hands "user:pw" to the transport as the user name)
                ok("test://us%40er@host/", "test", "test", null, "us@er", "host", 0, "/", null, null),
                ok("test://user:pw@h/", "test", "test", null, "user:pw", "h", 0, "/", null, null),
                ok("test://u@/", "test", "test", null, "u", null, 0, "/", null, null),
                // opaque and short forms
                ok("test:default", "test", "test", null, null, null, 0, "default", null, null),
                ok("test:/abs", "test", "test", null, null, null, 0, "/abs", null, null),
                ok("test:", "test", "test", null, null, null, 0, "", null, null),
                ok("test://h", "test", "test", null, null, "h", 0, "", null, null),
                ok("test://", "test", "test", null, null, null, 0, "", null, null),
                ok("test:////abs", "test", "test", null, null, null, 0, "//abs", null, null),
                // fragment (libvirt keeps it: getURI() of test:///default#frag returns it)
                ok("test:///default#frag", "test", "test", null, null, null, 0, "/default", null, "frag"),
                ok("test:///a?x=1#f%20g", "test", "test", null, null, null, 0, "/a", "x=1", "f g", "x", "1"),
                ok("test:///a#", "test", "test", null, null, null, 0, "/a", null, ""),
                // percent-decoded path and host; ports
                ok("test:///p%20q", "test", "test", null, null, null, 0, "/p q", null, null),
                ok("test://h/p;x", "test", "test", null, null, "h", 0, "/p;x", null, null),
                ok("test://%41b/", "test", "test", null, null, "Ab", 0, "/", null, null),
                ok("test://h:0/", "test", "test", null, null, "h", 0, "/", null, null),
                ok("test://h:01/", "test", "test", null, null, "h", 1, "/", null, null),
                ok("test://h:65535/", "test", "test", null, null, "h", 65535, "/", null, null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("goodUris")
    void parsesEveryPart(String text, Parts want) {
        ConnectUri uri = ConnectUri.parse(text);
        assertAll(text,
                () -> assertEquals(want.scheme(), uri.scheme(), "scheme"),
                () -> assertEquals(want.driver(), uri.driver(), "driver"),
                () -> assertEquals(Optional.ofNullable(want.transport()), uri.transport(), "transport"),
                () -> assertEquals(Optional.ofNullable(want.user()), uri.user(), "user"),
                () -> assertEquals(Optional.ofNullable(want.host()), uri.host(), "host"),
                () -> assertEquals(want.host() != null, uri.hasHost(), "hasHost"),
                () -> assertEquals(want.port(), uri.port(), "port"),
                () -> assertEquals(want.path(), uri.path(), "path"),
                () -> assertEquals(Optional.ofNullable(want.query()), uri.query(), "query"),
                () -> assertEquals(Optional.ofNullable(want.fragment()), uri.fragment(), "fragment"),
                () -> assertEquals(want.params(), uri.params(), "params"),
                () -> assertEquals(text, uri.toString(), "toString"));
    }

    static Stream<Arguments> badUris() {
        ErrorDomain uri = ErrorDomain.URI;
        ErrorDomain remote = ErrorDomain.REMOTE;
        return Stream.of(
                // libvirt: "" means "no URI": it probes for the default connection
                Arguments.of("", "the URI is empty", uri),
                // libvirt: NO_CONNECT (5), domain NONE, "... does not include a driver name"
                Arguments.of("noscheme", "has no scheme", uri),
                Arguments.of("/tmp/x:y", "has no scheme", uri),
                // libvirt: INTERNAL_ERROR (1), domain URI, "Unable to parse URI ..." (all its parse failures)
                Arguments.of("://x", "the scheme before ':' is empty", uri),
                Arguments.of("+tcp://h/", "must start with a letter", uri),
                Arguments.of("1test:///", "must start with a letter", uri),
                Arguments.of("te_st:///", "the scheme 'te_st' contains '_'", uri),
                Arguments.of("test:///de fault", "contains a space at offset 10", uri),
                Arguments.of("test://host name/", "contains a space", uri),
                Arguments.of("test:///a\tb", "control character", uri),
                Arguments.of("test://h/\u00e9", "non-ASCII character", uri),
                Arguments.of("test://h:abc/", "the port 'abc' is not a number", uri),
                Arguments.of("test://h:/p", "the port after ':' is empty", uri),
                Arguments.of("test://h:9999999999/", "out of range", uri),
                Arguments.of("test://[::1/", "no closing ']'", uri),
                Arguments.of("test://[::1]x/", "unexpected 'x' after the IPv6 address", uri),
                Arguments.of("test://[::1]:/", "the port after ':' is empty", uri),
                Arguments.of("test://::1/", "must be written in brackets", uri),
                Arguments.of("test://us@er@host/", "the user name contains '@'", uri),
                Arguments.of("test:///a?x=%zz", "malformed %-escape '%zz'", uri),
                Arguments.of("test:///p%2", "malformed %-escape '%2'", uri),
                Arguments.of("test://h%zz/", "malformed %-escape", uri),
                Arguments.of("test://h/p?q#f#g", "more than one '#'", uri),
                Arguments.of("test://h/[x]", "the path contains '['", uri),
                Arguments.of("test:///a?x=\"q\"", "the query contains '\"'", uri),
                Arguments.of("test:///a?x=|", "the query contains '|'", uri),
                // libvirt accepts these at parse time; jvirt refuses them up front:
                // port 99999/65536 (libvirt then tries to connect to it), a non-IPv6 bracket literal,
                Arguments.of("test://h:99999/", "the port 99999 is out of range", uri),
                Arguments.of("test://h:65536/", "out of range", uri),
                Arguments.of("test://[zz::1]/", "'zz::1' in brackets is not an IPv6 address", uri),
                Arguments.of("test://[]/", "is not an IPv6 address", uri),
                Arguments.of("test://[v1.x]/", "is not an IPv6 address", uri),
                // an empty zone (libvirt: host "fe80::1%"), an empty user (libvirt: user "@h/", a libxml2 slip),
                Arguments.of("test://[fe80::1%25]/", "the IPv6 zone after '%' is empty", uri),
                Arguments.of("test://@h/", "the user name before '@' is empty", uri),
                // a port without a host (libvirt drops it silently), %00 (libvirt cuts the value there),
                Arguments.of("test://:5/", "a port is given without a host", uri),
                Arguments.of("test:///a?x=%00", "contains %00", uri),
                // bytes that are not UTF-8 (libvirt keeps the raw bytes)
                Arguments.of("test:///%C3%28", "not UTF-8", uri),
                // libvirt: INVALID_ARG (8), domain REMOTE, "remote_open: transport in URL not recognised ..."
                Arguments.of("test+:///default", "the transport after '+' is empty", remote),
                Arguments.of("test+foo:///default", "the transport 'foo' is not recognised", remote),
                Arguments.of("test+tcp+ssh://h/", "the transport 'tcp+ssh' is not recognised", remote),
                // libvirt: INVALID_ARG (8), domain REMOTE, "using unix socket and remote server 'h' ..."
                Arguments.of("qemu+unix://h/system", "the unix transport cannot name a host ('h')", remote));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badUris")
    void refusesMalformedUris(String text, String why, ErrorDomain domain) {
        VirtException e = assertThrows(VirtException.class, () -> ConnectUri.parse(text), text);
        assertAll(text,
                () -> assertEquals(ErrorCode.INVALID_ARG, e.code(), "code"),
                () -> assertEquals(domain, e.domain(), "domain"),
                () -> assertEquals(ErrorLevel.ERROR, e.level(), "level"),
                () -> assertTrue(e.getMessage().startsWith("invalid argument: cannot parse URI '" + text + "': "),
                        "message names the URI: " + e.getMessage()),
                () -> assertTrue(e.getMessage().contains(why), "message should say '" + why + "': "
                        + e.getMessage()));
    }

    @Test
    void nullIsRefusedLikeEmpty() {
        VirtException e = assertThrows(VirtException.class, () -> ConnectUri.parse(null));
        assertEquals(ErrorCode.INVALID_ARG, e.code());
        assertTrue(e.getMessage().contains("the URI is empty"), e.getMessage());
    }

    @Test
    void paramKeepsTheLastValueAndIgnoresCase() {
        // libvirt's remote driver reads its parameters case-insensitively, each one overriding the last
        ConnectUri uri = ConnectUri.parse("qemu+ssh://h/system?keyfile=/a&KeyFile=/b&no_verify=0&no_verify=1");
        assertEquals(Optional.of("/b"), uri.param("keyfile"));
        assertEquals(Optional.of("/b"), uri.param("KEYFILE"));
        assertEquals(Optional.of("1"), uri.param("no_verify"));
        assertEquals(Optional.empty(), uri.param("socket"));
        assertEquals(4, uri.params().size(), "params() keeps every occurrence");
        assertEquals(Optional.of(""), ConnectUri.parse("test:///a?no_tty").param("no_tty"));
    }

    @Test
    void paramsAreReadOnly() {
        ConnectUri uri = ConnectUri.parse("test:///a?k=1");
        assertThrows(UnsupportedOperationException.class, () -> uri.params().add(Map.entry("x", "y")));
        assertThrows(UnsupportedOperationException.class, () -> ConnectUri.parse("test:///a").params().clear());
    }

    @Test
    void wellKnownParamsAndTransportsAreLibvirts() {
        for (String p : List.of("socket", "mode", "no_verify", "no_tty", "pkipath", "keyfile", "name", "command",
                "netcat", "known_hosts")) {
            assertTrue(ConnectUri.WELL_KNOWN_PARAMS.contains(p), p);
        }
        assertEquals(java.util.Set.of("unix", "tcp", "tls", "ssh", "libssh2", "libssh", "ext"), ConnectUri.TRANSPORTS);
        for (String t : ConnectUri.TRANSPORTS) {
            String host = t.equals("unix") ? "" : "h";
            assertEquals(Optional.of(t), ConnectUri.parse("qemu+" + t + "://" + host + "/system").transport(), t);
        }
    }

    @Test
    void equalityIsTheTextAsWritten() {
        assertEquals(ConnectUri.parse("test:///default"), ConnectUri.parse("test:///default"));
        assertEquals(ConnectUri.parse("test:///default").hashCode(), ConnectUri.parse("test:///default").hashCode());
        assertNotEquals(ConnectUri.parse("test:///default"), ConnectUri.parse("TEST:///default"));
        assertNotEquals(ConnectUri.parse("test:///default"), "test:///default");
    }

    @Test
    void ipv6Syntax() {
        for (String good : List.of("::", "::1", "1::", "2001:db8::1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6::8",
                "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "fe80::")) {
            assertTrue(ConnectUri.isIpv6(good), good);
        }
        for (String bad : List.of("", ":", ":::", "1", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::",
                "g::1", ":1::", "1::2:", "::1.2.3", "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4")) {
            assertFalse(ConnectUri.isIpv6(bad), bad);
        }
    }
}
