package io.jvirt.driver.remote.transport;

import java.nio.file.Path;

/**
 * Where and how to reach the daemon, as taken from the URI: libvirt's transports and their
 * parameters. {@code helperUri} is the name handed to virt-ssh-helper (the opened name with
 * {@code mode} and {@code socket} kept).
 */
public record Target(Kind kind, String host, int port, String user, Path socket, boolean explicitSocket, String command, String netcat,
        String keyfile, String knownHosts, Path pkiPath, boolean noVerify, boolean noTty, boolean readOnly,
        String helperUri) {

    /** libvirt's {@code remoteDriverTransport}, less libssh/libssh2 (no native ssh library here). */
    public enum Kind {
        UNIX, TCP, TLS, SSH, EXT
    }

    /** libvirt's LIBVIRTD_TCP_PORT and LIBVIRTD_TLS_PORT. */
    public static final int TCP_PORT = 16509;
    public static final int TLS_PORT = 16514;

    public String describe() {
        return switch (kind) {
            case UNIX -> "unix:" + socket;
            case TCP, TLS -> kind.name().toLowerCase() + ":" + host + ":" + port;
            case SSH -> "ssh:" + (user != null ? user + "@" : "") + host + (port > 0 ? ":" + port : "");
            case EXT -> "ext:" + command;
        };
    }
}
