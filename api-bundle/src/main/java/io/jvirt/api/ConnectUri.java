package io.jvirt.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 * A libvirt connection URI: {@code driver[+transport]://[user@][host][:port]/path[?params][#fragment]}.
 * <p>
 * Parsed by the rules libvirt applies: the generic URI syntax of RFC 3986 as libvirt's URI parser
 * accepts it, then the remote driver's split of the scheme into driver and transport.
 * <ul>
 * <li>The scheme is kept as written ({@code TEST} is not {@code test}: drivers compare it exactly);
 * a {@code +} splits it into the driver and a transport, which is compared case-insensitively and
 * must be one of {@link #TRANSPORTS}. The {@code unix} transport cannot name a host.</li>
 * <li>The user, host, path and fragment are percent-decoded. An IPv6 literal is written in
 * brackets and {@link #host()} returns it without them; a zone is written {@code %25zone} (a bare
 * {@code %zone} is accepted too) and returned as {@code addr%zone}.</li>
 * <li>The port is 0 when none is given; an empty port or one above 65535 is refused.</li>
 * <li>A URI without {@code //} is opaque: {@code test:default} has no host and the path
 * {@code default}.</li>
 * <li>The query is split into parameters as libvirt does: at {@code &}, or at {@code ;} where the
 * rest of the query has no {@code &}; {@code name} alone has the value {@code ""}, {@code =value}
 * is ignored, names and values are percent-decoded and {@code +} stays a plus.</li>
 * </ul>
 * Anything else fails with {@link ErrorCode#INVALID_ARG} and a message naming the problem.
 */
public final class ConnectUri {
    /** Transports libvirt's remote driver knows, as written after the {@code +} (in lower case). */
    public static final Set<String> TRANSPORTS = Set.of("unix", "tcp", "tls", "ssh", "libssh2", "libssh", "ext");

    /** Query parameters the remote driver interprets itself (others are passed to the server). */
    public static final Set<String> WELL_KNOWN_PARAMS = Set.of("socket", "mode", "no_verify", "no_tty", "pkipath",
            "keyfile", "name", "command", "netcat", "known_hosts", "known_hosts_verify", "sshauth", "proxy",
            "tls_priority", "auth", "no_sanity", "authfile");

    /** Highest port number a URI may give. */
    public static final int MAX_PORT = 65535;

    private static final String TRANSPORT_LIST = "unix|tcp|tls|ssh|libssh2|libssh|ext";
    private static final String UNRESERVED_MARKS = "-._~";
    private static final String SUB_DELIMS = "!$&'()*+,;=";

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

    private ConnectUri(String text, String scheme, String driver, String transport, String user, String host,
            int port, String path, String query, String fragment, List<Map.Entry<String, String>> params) {
        this.text = text;
        this.scheme = scheme;
        this.driver = driver;
        this.transport = transport;
        this.user = user;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
        this.fragment = fragment;
        this.params = params;
    }

    /**
     * Parses a connection URI.
     *
     * @throws VirtException {@link ErrorCode#INVALID_ARG} if the text is not a valid libvirt URI; the
     *         error domain is {@link ErrorDomain#REMOTE} for a bad transport (as libvirt's remote driver
     *         reports it) and {@link ErrorDomain#URI} for everything else
     */
    public static ConnectUri parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text, "the URI is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                throw invalid(text, "it contains a space at offset " + i + " (percent-encode it as %20)");
            }
            if (c < ' ' || c == 0x7f) {
                throw invalid(text, "it contains a control character at offset " + i);
            }
            if (c > 0x7f) {
                throw invalid(text, "it contains the non-ASCII character '" + c + "' at offset " + i
                        + " (percent-encode its UTF-8 bytes)");
            }
        }

        // scheme
        int colon = firstOf(text, ":/?#", 0);
        if (colon < 0 || text.charAt(colon) != ':') {
            throw invalid(text, "it has no scheme (expected driver[+transport]://...)");
        }
        if (colon == 0) {
            throw invalid(text, "the scheme before ':' is empty");
        }
        String scheme = text.substring(0, colon);
        checkScheme(text, scheme);
        String driver = scheme;
        String transport = null;
        int plus = scheme.indexOf('+');
        if (plus >= 0) {
            driver = scheme.substring(0, plus);
            String written = scheme.substring(plus + 1);
            if (written.isEmpty()) {
                throw invalidTransport(text, "the transport after '+' is empty (should be " + TRANSPORT_LIST + ")");
            }
            transport = written.toLowerCase(Locale.ROOT);
            if (!TRANSPORTS.contains(transport)) {
                throw invalidTransport(text, "the transport '" + written + "' is not recognised (should be "
                        + TRANSPORT_LIST + ")");
            }
        }

        // fragment, query
        String rest = text.substring(colon + 1);
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            String raw = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
            if (raw.indexOf('#') >= 0) {
                throw invalid(text, "it has more than one '#'");
            }
            checkChars(text, raw, "/?:@", "fragment");
            fragment = decode(text, raw, "fragment");
        }
        String query = null;
        int qmark = rest.indexOf('?');
        if (qmark >= 0) {
            query = rest.substring(qmark + 1);
            rest = rest.substring(0, qmark);
            checkChars(text, query, "/?:@", "query");
        }

        // authority, path
        String user = null;
        String host = null;
        int port = 0;
        String rawPath;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rawPath = slash < 0 ? "" : rest.substring(slash);
            int at = authority.indexOf('@');
            if (at >= 0) {
                if (authority.indexOf('@', at + 1) >= 0) {
                    throw invalid(text, "the user name contains '@' (write it as %40)");
                }
                String rawUser = authority.substring(0, at);
                if (rawUser.isEmpty()) {
                    throw invalid(text, "the user name before '@' is empty");
                }
                checkChars(text, rawUser, ":", "user name");
                user = decode(text, rawUser, "user name");
                authority = authority.substring(at + 1);
            }
            String portText = null;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw invalid(text, "the IPv6 address has no closing ']'");
                }
                host = ipv6(text, authority.substring(1, close));
                String after = authority.substring(close + 1);
                if (!after.isEmpty()) {
                    if (after.charAt(0) != ':') {
                        throw invalid(text, "unexpected '" + after + "' after the IPv6 address");
                    }
                    portText = after.substring(1);
                }
            } else {
                int pc = authority.indexOf(':');
                if (pc >= 0) {
                    portText = authority.substring(pc + 1);
                    authority = authority.substring(0, pc);
                    if (portText.indexOf(':') >= 0 || portText.indexOf(']') >= 0) {
                        throw invalid(text, "an IPv6 address must be written in brackets, e.g. [::1]");
                    }
                }
                if (authority.indexOf(']') >= 0) {
                    throw invalid(text, "the host '" + authority + "' has a ']' without '['");
                }
                checkChars(text, authority, "", "host name");
                host = authority.isEmpty() ? null : decode(text, authority, "host name");
            }
            if (portText != null) {
                port = port(text, portText);
                if (host == null) {
                    throw invalid(text, "a port is given without a host");
                }
            }
        } else {
            rawPath = rest;
        }
        if ("unix".equals(transport) && host != null) {
            throw invalidTransport(text, "the unix transport cannot name a host ('" + host + "')");
        }
        checkChars(text, rawPath, "/:@", "path");
        String path = decode(text, rawPath, "path");
        return new ConnectUri(text, scheme, driver, transport, user, host, port, path, query, fragment,
                parseParams(text, query));
    }

    private static void checkScheme(String text, String scheme) {
        if (!isAlpha(scheme.charAt(0))) {
            throw invalid(text, "the scheme '" + scheme + "' must start with a letter");
        }
        for (int i = 1; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.')) {
                throw invalid(text, "the scheme '" + scheme + "' contains '" + c + "'");
            }
        }
    }

    private static int port(String text, String portText) {
        if (portText.isEmpty()) {
            throw invalid(text, "the port after ':' is empty");
        }
        for (int i = 0; i < portText.length(); i++) {
            if (!isDigit(portText.charAt(i))) {
                throw invalid(text, "the port '" + portText + "' is not a number");
            }
        }
        String digits = portText.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 5 || Integer.parseInt(digits) > MAX_PORT) {
            throw invalid(text, "the port " + portText + " is out of range (0.." + MAX_PORT + ")");
        }
        return Integer.parseInt(digits);
    }

    /** The host of a bracketed literal: an IPv6 address with an optional zone. */
    private static String ipv6(String text, String inner) {
        String addr = inner;
        String zone = null;
        int pct = inner.indexOf('%');
        if (pct >= 0) {
            addr = inner.substring(0, pct);
            String rawZone = inner.startsWith("%25", pct) ? inner.substring(pct + 3) : inner.substring(pct + 1);
            if (rawZone.isEmpty()) {
                throw invalid(text, "the IPv6 zone after '%' is empty");
            }
            for (int i = 0; i < rawZone.length(); i++) {
                char c = rawZone.charAt(i);
                if (!(isUnreserved(c) || c == '%')) {
                    throw invalid(text, "the IPv6 zone '" + rawZone + "' contains '" + c + "'");
                }
            }
            zone = decode(text, rawZone, "IPv6 zone");
        }
        if (!isIpv6(addr)) {
            throw invalid(text, "'" + addr + "' in brackets is not an IPv6 address");
        }
        return zone == null ? addr : addr + "%" + zone;
    }

    /** Whether {@code s} is an IPv6 address in RFC 4291 text form (with an optional dotted-quad tail). */
    static boolean isIpv6(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int groups = 0;
        boolean elided = false;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            elided = true;
            i = 2;
            if (i == n) {
                return true;
            }
        } else if (s.charAt(0) == ':') {
            return false;
        }
        while (i < n) {
            int end = i;
            while (end < n && s.charAt(end) != ':') {
                end++;
            }
            String group = s.substring(i, end);
            if (end == n && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(ConnectUri::isHexDigit)) {
                return false;
            }
            groups++;
            if (end == n) {
                break;
            }
            // at a ':'
            if (end + 1 < n && s.charAt(end + 1) == ':') {
                if (elided) {
                    return false;
                }
                elided = true;
                i = end + 2;
                if (i == n) {
                    break;
                }
            } else {
                i = end + 1;
                if (i == n) {
                    return false;
                }
            }
        }
        return elided ? groups <= 7 : groups == 8;
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that {@code raw} has only unreserved characters, sub-delimiters, {@code extra} and
     * percent-escapes of two hex digits.
     */
    private static void checkChars(String text, String raw, String extra, String part) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !isHexDigit(raw.charAt(i + 1)) || !isHexDigit(raw.charAt(i + 2))) {
                    String bad = raw.substring(i, Math.min(raw.length(), i + 3));
                    throw invalid(text, "the " + part + " has a malformed %-escape '" + bad + "'");
                }
                i += 2;
            } else if (!(isUnreserved(c) || SUB_DELIMS.indexOf(c) >= 0 || extra.indexOf(c) >= 0)) {
                throw invalid(text, "the " + part + " contains '" + c + "' (percent-encode it)");
            }
        }
    }

    /** Percent-decodes a part already checked by {@link #checkChars}; {@code +} stays a plus. */
    private static String decode(String text, String raw, String part) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !isHexDigit(raw.charAt(i + 1)) || !isHexDigit(raw.charAt(i + 2))) {
                    throw invalid(text, "the " + part + " has a malformed %-escape '"
                            + raw.substring(i, Math.min(raw.length(), i + 3)) + "'");
                }
                int b = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                if (b == 0) {
                    throw invalid(text, "the " + part + " contains %00");
                }
                bytes.write(b);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(text, "the " + part + " is not UTF-8 once percent-decoded");
        }
    }

    /** Splits the query into parameters the way libvirt does (see the class comment). */
    private static List<Map.Entry<String, String>> parseParams(String text, String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> list = new ArrayList<>();
        int pos = 0;
        while (pos < query.length()) {
            int end = query.indexOf('&', pos);
            if (end < 0) {
                end = query.indexOf(';', pos);
            }
            if (end < 0) {
                end = query.length();
            }
            String pair = query.substring(pos, end);
            pos = end + 1;
            int eq = pair.indexOf('=');
            if (pair.isEmpty() || eq == 0) {
                continue; // "&&" and "=value" are ignored, as libvirt does
            }
            String name = decode(text, eq < 0 ? pair : pair.substring(0, eq), "query");
            String value = eq < 0 ? "" : decode(text, pair.substring(eq + 1), "query");
            list.add(Map.entry(name, value));
        }
        return Collections.unmodifiableList(list);
    }

    private static int firstOf(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isUnreserved(char c) {
        return isAlpha(c) || isDigit(c) || UNRESERVED_MARKS.indexOf(c) >= 0;
    }

    private static VirtException invalid(String text, String why) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.URI,
                "invalid argument: cannot parse URI '" + text + "': " + why);
    }

    private static VirtException invalidTransport(String text, String why) {
        return new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                "invalid argument: cannot parse URI '" + text + "': " + why);
    }

    /** The URI exactly as given. */
    @Override
    public String toString() {
        return text;
    }

    /** The whole scheme as written, e.g. {@code qemu+ssh}. */
    public String scheme() {
        return scheme;
    }

    /** The scheme without its transport, as written, e.g. {@code qemu} for {@code qemu+ssh}. */
    public String driver() {
        return driver;
    }

    /** The transport after {@code +} in lower case (one of {@link #TRANSPORTS}), or empty. */
    public Optional<String> transport() {
        return Optional.ofNullable(transport);
    }

    /** The decoded user name (everything before {@code @}, a {@code :password} included), or empty. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The decoded host without IPv6 brackets, or empty for a local URI. */
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

    /** The raw (still percent-encoded) query after {@code ?}, or empty when there is no {@code ?}. */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /** The decoded fragment after {@code #}, or empty when there is no {@code #}. */
    public Optional<String> fragment() {
        return Optional.ofNullable(fragment);
    }

    /** The decoded query parameters in the order given. */
    public List<Map.Entry<String, String>> params() {
        return params;
    }

    /**
     * The last value given for a query parameter, its name compared ignoring ASCII case: libvirt's
     * remote driver reads its parameters that way, each occurrence overriding the one before.
     */
    public Optional<String> param(String name) {
        String value = null;
        for (Map.Entry<String, String> p : params) {
            if (p.getKey().equalsIgnoreCase(name)) {
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
