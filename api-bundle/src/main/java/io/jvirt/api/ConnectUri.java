package io.jvirt.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A libvirt connection URI: {@code driver[+transport]://[user@][host][:port]/path[?params]}.
 * <p>
 * Parsed by the rules libvirt applies in {@code virURIParse} and the remote driver: the scheme
 * names the driver and optionally a transport, a URI that names a host is remote, IPv6 literals
 * are written in brackets, and query parameters are URL-decoded {@code name=value} pairs in order.
 * A URI that cannot be parsed fails with {@link ErrorCode#INVALID_ARG} naming the problem.
 */
public final class ConnectUri {
    /** Transports libvirt's remote driver knows, as written after the {@code +}. */
    public static final Set<String> TRANSPORTS = Set.of("unix", "tcp", "tls", "ssh", "libssh2", "libssh", "ext");

    /** Query parameters the remote driver interprets itself (others are passed to the server). */
    public static final Set<String> WELL_KNOWN_PARAMS = Set.of("socket", "mode", "no_verify", "no_tty", "pkipath",
            "keyfile", "name", "command", "netcat", "known_hosts", "known_hosts_verify", "sshauth", "proxy",
            "tls_priority", "auth");

    private final String text;
    private final String scheme;
    private final String driver;
    private final String transport;
    private final String user;
    private final String host;
    private final int port;
    private final String path;
    private final String query;
    private final String fragment;
    private final List<Map.Entry<String, String>> params;

    private ConnectUri(String text, String scheme, String user, String host, int port, String path, String query,
            String fragment) {
        this.text = text;
        this.scheme = scheme;
        int plus = scheme.indexOf('+');
        this.driver = plus < 0 ? scheme : scheme.substring(0, plus);
        this.transport = plus < 0 ? null : scheme.substring(plus + 1);
        this.user = user;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.fragment = fragment;
        this.params = parseParams(text, query);
    }

    /**
     * Parses a connection URI.
     *
     * @throws VirtException {@link ErrorCode#INVALID_ARG} if the text is not a valid libvirt URI
     */
    public static ConnectUri parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text, "the URI is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw invalid(text, "it contains a space or control character at offset " + i);
            }
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw invalid(text, "it has no scheme (expected driver[+transport]://...)");
        }
        String scheme = text.substring(0, colon);
        if (!isScheme(scheme)) {
            throw invalid(text, "the scheme '" + scheme + "' is not a valid URI scheme");
        }
        int plus = scheme.indexOf('+');
        if (plus == 0 || plus == scheme.length() - 1 || (plus > 0 && scheme.indexOf('+', plus + 1) >= 0)) {
            throw invalid(text, "the scheme '" + scheme + "' is not of the form driver[+transport]");
        }
        if (plus > 0) {
            String transport = scheme.substring(plus + 1);
            if (!TRANSPORTS.contains(transport.toLowerCase(Locale.ROOT))) {
                throw invalid(text, "the transport '" + transport + "' is not recognised (should be "
                        + "unix|tcp|tls|ssh|libssh2|libssh|ext)");
            }
        }
        String rest = text.substring(colon + 1);
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = null;
        int qmark = rest.indexOf('?');
        if (qmark >= 0) {
            query = rest.substring(qmark + 1);
            rest = rest.substring(0, qmark);
        }
        String user = null;
        String host = null;
        int port = 0;
        String path;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            path = slash < 0 ? "" : rest.substring(slash);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                user = decode(text, authority.substring(0, at));
                authority = authority.substring(at + 1);
            }
            String portText = null;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw invalid(text, "the IPv6 address has no closing ']'");
                }
                host = authority.substring(1, close);
                if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?")) {
                    throw invalid(text, "'" + host + "' is not an IPv6 address");
                }
                String after = authority.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw invalid(text, "unexpected '" + after + "' after the IPv6 address");
                    }
                    portText = after.substring(1);
                }
            } else {
                int pc = authority.lastIndexOf(':');
                if (pc >= 0) {
                    portText = authority.substring(pc + 1);
                    authority = authority.substring(0, pc);
                }
                if (!authority.isEmpty() && !authority.matches("[A-Za-z0-9._~%!$&'()*,;=-]+")) {
                    throw invalid(text, "'" + authority + "' is not a valid host name");
                }
                host = authority.isEmpty() ? null : decode(text, authority);
            }
            if (portText != null && !portText.isEmpty()) {
                if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) > 65535) {
                    throw invalid(text, "the port '" + portText + "' is not a number between 0 and 65535");
                }
                port = Integer.parseInt(portText);
            }
        } else {
            path = rest;
        }
        return new ConnectUri(text, scheme, user, host, port, decode(text, path), query, fragment);
    }

    private static boolean isScheme(String s) {
        if (!Character.isLetter(s.charAt(0)) || s.charAt(0) > 0x7f) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }

    private static List<Map.Entry<String, String>> parseParams(String text, String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (String pair : query.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(text, eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(text, pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw invalid(text, "a query parameter has no name");
            }
            list.add(Map.entry(name, value));
        }
        return Collections.unmodifiableList(list);
    }

    private static String decode(String text, String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "it has a malformed %-escape in '" + s + "'");
        }
    }

    private static VirtException invalid(String text, String why) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.URI,
                "invalid argument: cannot parse URI '" + text + "': " + why);
    }

    /** The URI exactly as given. */
    @Override
    public String toString() {
        return text;
    }

    /** The whole scheme, e.g. {@code qemu+ssh}. */
    public String scheme() {
        return scheme;
    }

    /** The scheme without its transport, e.g. {@code qemu} for {@code qemu+ssh}. */
    public String driver() {
        return driver;
    }

    /** The transport after {@code +}, or empty. */
    public Optional<String> transport() {
        return Optional.ofNullable(transport);
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The host without IPv6 brackets, or empty for a local URI. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** Whether the URI names a host: such a URI is never opened by a {@code localOnly} driver. */
    public boolean hasHost() {
        return host != null;
    }

    /** The port, or 0 when none is given (as libvirt). */
    public int port() {
        return port;
    }

    /** The decoded path, e.g. {@code /system}; empty when the URI has none. */
    public String path() {
        return path;
    }

    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    public Optional<String> fragment() {
        return Optional.ofNullable(fragment);
    }

    /** The decoded query parameters in the order given. */
    public List<Map.Entry<String, String>> params() {
        return params;
    }

    /** The last value given for a query parameter, as libvirt keeps the last one. */
    public Optional<String> param(String name) {
        String value = null;
        for (Map.Entry<String, String> p : params) {
            if (p.getKey().equals(name)) {
                value = p.getValue();
            }
        }
        return Optional.ofNullable(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectUri other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }
}
