package io.jvirt.shell.virsh;

import java.io.PrintStream;

import io.jvirt.api.Connect;
import io.jvirt.api.VirtException;

/**
 * One run of a command: where it prints and the session's current connection, opened on first
 * use with the default URI (as virsh does without {@code -c}) until {@code connect} picks another.
 */
public final class Invocation {
    static final String CONNECTION_KEY = "jvirt.shell.connection";

    private final Platform platform;
    private final SessionState session;
    private final PrintStream out;

    Invocation(Platform platform, SessionState session, PrintStream out) {
        this.platform = platform;
        this.session = session;
        this.out = out;
    }

    public PrintStream out() {
        return out;
    }

    public Platform platform() {
        return platform;
    }

    /** The session's connection, opening the default URI when there is none. */
    public Connect connect() {
        Object current = session.get(CONNECTION_KEY);
        if (current instanceof Connect c && c.isAlive()) {
            return c;
        }
        Connect c = open(null, false);
        session.put(CONNECTION_KEY, c);
        return c;
    }

    /** Replaces the session's connection; on failure the session has none (virsh does the same). */
    public void reconnect(String uri, boolean readOnly) {
        Object old = session.get(CONNECTION_KEY);
        session.put(CONNECTION_KEY, null);
        if (old instanceof Connect c) {
            platform.connection(c, true);
            try {
                c.close();
            } catch (VirtException ignored) {
                // the old connection was already broken; the new one is what matters
            }
        }
        session.put(CONNECTION_KEY, open(uri, readOnly));
    }

    private Connect open(String uri, boolean readOnly) {
        var virt = platform.virt();
        if (virt == null) {
            throw new ShellError("failed to connect to the hypervisor",
                    "the jvirt driver registry (io.jvirt.registry) is not running");
        }
        try {
            Connect c = readOnly ? virt.openReadOnly(uri) : virt.open(uri);
            platform.connection(c, false);
            return c;
        } catch (VirtException e) {
            throw new ShellError("failed to connect to the hypervisor", e.getMessage());
        }
    }
}
