package io.jvirt.driver.remote;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.OpenFlag;
import io.jvirt.api.VirtException;
import io.jvirt.driver.remote.transport.Target;

/**
 * What the remote driver takes from a URI, by libvirt's rules: the transport from
 * {@code driver+transport}, else TLS when a host is named and the unix socket when not; the
 * transport parameters; and the name sent in CONNECT_OPEN (the scheme without the transport, no
 * host, port or user, the transport parameters removed; {@code ?name=} overrides it).
 *
 * @param reconnect          jvirt extension {@code ?reconnect=1}: reconnect with backoff after the
 *                           connection drops, re-registering event callbacks
 * @param keepaliveInterval  jvirt extension {@code ?keepalive_interval=S} (default 5, 0 = off), as
 *                           virsh's {@code -k}
 * @param keepaliveCount     jvirt extension {@code ?keepalive_count=N} (default 5), as virsh's {@code -K}
 */
public record RemoteUri(Target target, String name, boolean reconnect, int keepaliveInterval, int keepaliveCount) {

    /** Parameters the remote driver consumes (libvirt's list) and does not pass on in the name. */
    static final Set<String> CONSUMED = Set.of("name", "command", "socket", "auth", "sshauth", "netcat", "keyfile",
            "pkipath", "known_hosts", "known_hosts_verify", "tls_priority", "mode", "proxy", "no_sanity",
            "no_verify", "no_tty", "authfile");
    /** jvirt's own parameters, consumed as well. */
    static final Set<String> JVIRT = Set.of("reconnect", "keepalive_interval", "keepalive_count");

    /** libvirt's system socket directory. */
    public static final Path DEFAULT_SOCKET_DIR = Path.of("/run/libvirt");

    /**
     * Reads the URI; null means DECLINED: no host, no transport, no socket given, and the default
     * daemon socket does not exist (nothing to talk to, let the table go on).
     */
    public static RemoteUri of(ConnectUri uri, int flags, Path defaultSocketDir) {
        boolean readOnly = (flags & OpenFlag.READONLY.bit()) != 0;
        String transport = uri.transport().orElse(null);
        String socketParam = param(uri, "socket");
        Path defaultSocket = defaultSocketDir.resolve(readOnly ? "libvirt-sock-ro" : "libvirt-sock");
        if (transport == null && !uri.hasHost() && socketParam == null && !Files.exists(defaultSocket)) {
            return null;
        }
        Target.Kind kind;
        if (transport == null) {
            kind = uri.hasHost() ? Target.Kind.TLS : Target.Kind.UNIX;
        } else {
            kind = switch (transport) {
                case "unix" -> Target.Kind.UNIX;
                case "tcp" -> Target.Kind.TCP;
                case "tls" -> Target.Kind.TLS;
                case "ssh" -> Target.Kind.SSH;
                case "ext" -> Target.Kind.EXT;
                default -> throw new VirtException(ErrorCode.NO_SUPPORT, ErrorDomain.REMOTE,
                        "this function is not supported by the connection driver: transport '" + transport
                                + "' (jvirt's remote driver has no libssh; use +ssh, which runs the ssh binary)");
            };
        }
        String host = uri.host().orElse("localhost");
        int port = uri.port();
        if (port == 0) {
            port = kind == Target.Kind.TLS ? Target.TLS_PORT : kind == Target.Kind.TCP ? Target.TCP_PORT : 0;
        }
        String command = param(uri, "command");
        if (kind == Target.Kind.EXT && command == null) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                    "invalid argument: remote_open: for 'ext' transport, command is required");
        }
        Path socket = null;
        if (kind == Target.Kind.UNIX || kind == Target.Kind.SSH) {
            socket = socketParam != null ? Path.of(socketParam) : defaultSocket;
            if (kind == Target.Kind.SSH && socketParam == null) {
                socket = DEFAULT_SOCKET_DIR.resolve(readOnly ? "libvirt-sock-ro" : "libvirt-sock");
            }
        }
        String pki = param(uri, "pkipath");
        boolean noVerify = bool(uri, "no_verify");
        boolean noTty = bool(uri, "no_tty");
        boolean remoteScheme = uri.driver().equals("remote");
        String name = param(uri, "name");
        if (name == null) {
            name = remoteScheme ? "" : format(uri, false);
        }
        String helperUri = remoteScheme ? "" : format(uri, true);
        Target t = new Target(kind, host, port, uri.user().orElse(null), socket, socketParam != null, command,
                param(uri, "netcat"), param(uri, "keyfile"), param(uri, "known_hosts"),
                pki == null ? null : Path.of(pki), noVerify, noTty, readOnly, helperUri);
        boolean reconnect = bool(uri, "reconnect");
        int interval = integer(uri, "keepalive_interval", 5);
        int count = integer(uri, "keepalive_count", 5);
        return new RemoteUri(t, name, reconnect, interval, count);
    }

    /**
     * The name for the server: {@code driver://path?params#fragment} without what the remote
     * driver consumed ({@code keepModeAndSocket} keeps {@code mode} and {@code socket}, for
     * virt-ssh-helper).
     */
    static String format(ConnectUri uri, boolean keepModeAndSocket) {
        StringBuilder sb = new StringBuilder(uri.driver()).append("://").append(escape(uri.path(), "/:@"));
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, String> p : uri.params()) {
            String key = p.getKey().toLowerCase(Locale.ROOT);
            boolean modeOrSocket = key.equals("mode") || key.equals("socket");
            if ((CONSUMED.contains(key) && !(keepModeAndSocket && modeOrSocket)) || JVIRT.contains(key)) {
                continue;
            }
            kept.add(escape(p.getKey(), "") + "=" + escape(p.getValue(), "/:@"));
        }
        if (!kept.isEmpty()) {
            sb.append('?').append(String.join("&", kept));
        }
        uri.fragment().ifPresent(f -> sb.append('#').append(escape(f, "/?:@")));
        return sb.toString();
    }

    private static String escape(String s, String keep) {
        StringBuilder sb = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0
                    || (c < 0x80 && keep.indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static String param(ConnectUri uri, String name) {
        return uri.param(name).orElse(null);
    }

    private static boolean bool(ConnectUri uri, String name) {
        return integer(uri, name, 0) != 0;
    }

    private static int integer(ConnectUri uri, String name, int dflt) {
        String v = param(uri, name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.REMOTE,
                    "invalid argument: Failed to parse value of URI component " + name);
        }
    }
}
