package io.jvirt.spi;

import java.util.concurrent.Callable;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who a call is made for, as libvirt's {@code virIdentity}: the daemon sets it on the thread that
 * runs a client's call ({@link #callAs}), and a driver asks {@link #current()} (through
 * {@link ServerFiles}) before it opens a file of the server that the client named. A call made
 * in-process by a Java application has no daemon client in front of it and runs as {@link #LOCAL}.
 *
 * @param transport how the client reached the daemon: {@code unix-rw}, {@code unix-ro}, {@code tcp},
 *     {@code tls}, or {@code local} for in-process callers
 * @param user the authenticated name (a SASL user name, or {@code uid:N} of a unix peer), or null
 * @param serverFiles whether the daemon's policy lets this caller name files of the server
 */
@ProviderType
public record Caller(String transport, String user, boolean serverFiles) {
    /** An application calling the API in the platform's own JVM. */
    public static final Caller LOCAL = new Caller("local", null, true);

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    /** The caller of the call this thread runs; {@link #LOCAL} outside any daemon call. */
    public static Caller current() {
        Caller c = CURRENT.get();
        return c != null ? c : LOCAL;
    }

    /** Runs {@code call} as {@code caller} on this thread, restoring the previous caller after. */
    public static <T> T callAs(Caller caller, Callable<T> call) throws Exception {
        Caller before = CURRENT.get();
        CURRENT.set(caller);
        try {
            return call.call();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** How errors name the caller: its transport, and its user when it has one. */
    public String describe() {
        return user == null ? transport : transport + " user " + user;
    }
}
