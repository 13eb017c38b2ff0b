package io.jvirt.daemon.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd} in the client's one message. The
 * password crosses in the clear, so the daemon offers it only on unix sockets and TLS.
 */
final class Plain implements SaslExchange {
    private final UserDatabase users;
    private String identity;

    Plain(UserDatabase users) {
        this.users = users;
    }

    @Override
    public Step start(byte[] data) throws Failed {
        if (data == null) {
            return new Step(new byte[0], false); // ask for the credentials
        }
        return step(data);
    }

    @Override
    public Step step(byte[] data) throws Failed {
        if (identity != null || data == null) {
            throw new Failed("PLAIN: unexpected step");
        }
        String s = new String(data, StandardCharsets.UTF_8);
        String[] parts = s.split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            throw new Failed("PLAIN: malformed message");
        }
        String authz = parts[0];
        String user = parts[1];
        if (!authz.isEmpty() && !authz.equals(user)) {
            throw new Failed("PLAIN: " + user + " may not act as " + authz);
        }
        Optional<char[]> pw = users.password(user);
        byte[] given = parts[2].getBytes(StandardCharsets.UTF_8);
        byte[] known = pw.map(p -> new String(p).getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        if (pw.isEmpty() | !MessageDigest.isEqual(given, known)) {
            throw new Failed("PLAIN: wrong password or unknown user " + user);
        }
        identity = user;
        return new Step(null, true);
    }

    @Override
    public String identity() {
        return identity;
    }
}
