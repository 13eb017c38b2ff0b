package io.jvirt.daemon.auth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The daemon's SASL configuration: the mechanisms offered ({@code sasl.mechanisms}, Cyrus's
 * {@code mech_list} in {@code /etc/sasl2/libvirt.conf}), the user database ({@code sasl.users})
 * and libvirtd.conf's {@code sasl_allowed_username_list} ({@code sasl.allowed.usernames}, glob
 * patterns; empty: every user of the database).
 */
public record SaslSettings(List<String> mechanisms, UserDatabase users, List<String> allowedUsernames) {
    /** What jvirtd knows how to serve. */
    public static final List<String> KNOWN = List.of("SCRAM-SHA-256", "DIGEST-MD5", "PLAIN");

    public static SaslSettings parse(String mechanisms, String usersFile, String allowed) {
        List<String> mechs = new ArrayList<>();
        for (String m : mechanisms.split("[,\\s]+")) {
            String up = m.trim().toUpperCase(Locale.ROOT);
            if (up.isEmpty()) {
                continue;
            }
            if (!KNOWN.contains(up)) {
                throw new IllegalArgumentException("sasl.mechanisms: '" + m + "' is not a mechanism jvirtd serves " + KNOWN);
            }
            if (!mechs.contains(up)) {
                mechs.add(up);
            }
        }
        List<String> names = new ArrayList<>();
        for (String a : allowed.split(",")) {
            if (!a.isBlank()) {
                names.add(a.trim());
            }
        }
        return new SaslSettings(List.copyOf(mechs),
                new UserDatabase(usersFile == null || usersFile.isBlank() ? null : Path.of(usersFile.trim())),
                List.copyOf(names));
    }

    /**
     * The mechanisms a client may use: on a transport that is not secure (plain TCP) only those
     * with a security layer of at least 56 bits (DIGEST-MD5 with confidentiality), as libvirtd
     * asks Cyrus for (minimum SSF 56); on unix sockets and TLS all of them.
     */
    public List<String> offered(boolean secureTransport) {
        return secureTransport ? mechanisms : mechanisms.stream().filter(m -> m.equals("DIGEST-MD5")).toList();
    }

    /** sasl_allowed_username_list: whether this user may log in at all. */
    public boolean allowed(String user) {
        if (allowedUsernames.isEmpty()) {
            return true;
        }
        for (String glob : allowedUsernames) {
            StringBuilder re = new StringBuilder();
            for (char c : glob.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
            if (user.matches(re.toString())) {
                return true;
            }
        }
        return false;
    }
}
