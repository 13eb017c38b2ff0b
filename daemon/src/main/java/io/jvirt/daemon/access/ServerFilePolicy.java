package io.jvirt.daemon.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import io.jvirt.spi.Caller;

/**
 * Which clients may name files of the server (a {@code test:///PATH} node file, save images, dump
 * files, later volume upload paths): {@code server.files} of {@code io.jvirt.daemon}, a comma list
 * of transports ({@code unix-rw}, {@code tcp}, {@code tls}) and authenticated users
 * ({@code user:NAME}). Two rules no configuration changes: the read-only socket never may (it is
 * world-accessible by default), and neither may a TCP client that did not authenticate. Drivers
 * ask through {@link io.jvirt.spi.ServerFiles#checkNamed}, which reads the {@link Caller} the
 * daemon sets for each call.
 */
public final class ServerFilePolicy {
    private static final Logger LOG = Logger.getLogger(ServerFilePolicy.class.getName());
    /** The default: only clients of the read-write unix socket, as its mode (0700) admits only its owner. */
    public static final String DEFAULT = "unix-rw";

    private final Set<String> allowed;

    private ServerFilePolicy(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** Parses {@code server.files}; unknown entries and entries no rule lets through are logged and ignored. */
    public static ServerFilePolicy parse(String setting) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : (setting == null ? DEFAULT : setting).split(",")) {
            String e = raw.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (List.of("unix-rw", "tcp", "tls").contains(e) || (e.startsWith("user:") && e.length() > 5)) {
                out.add(e);
            } else if (e.equals("unix-ro")) {
                LOG.warning("jvirtd: server.files: clients of the read-only socket never name files of the server; ignoring unix-ro");
            } else {
                LOG.warning("jvirtd: server.files: unknown entry '" + e + "' (unix-rw, tcp, tls or user:NAME); ignoring it");
            }
        }
        return new ServerFilePolicy(Set.copyOf(out));
    }

    /**
     * Whether a client may name files of the server.
     *
     * @param transport {@code unix-rw}, {@code unix-ro}, {@code tcp} or {@code tls}
     * @param user the name it authenticated as (SASL), or null
     */
    public boolean allows(String transport, String user) {
        if (transport.equals("unix-ro") || (transport.equals("tcp") && user == null)) {
            return false;
        }
        return allowed.contains(transport) || (user != null && allowed.contains("user:" + user));
    }

    public Caller caller(String transport, String user) {
        return new Caller(transport, user, allows(transport, user));
    }

    @Override
    public String toString() {
        return String.join(",", allowed);
    }
}
