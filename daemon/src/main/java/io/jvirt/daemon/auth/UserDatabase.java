package io.jvirt.daemon.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;

/**
 * The SASL user database the daemon's configuration names ({@code sasl.users}): one user a line,
 * {@code NAME:PASSWORD} ({@code #} starts a comment). Passwords are kept as they are because
 * DIGEST-MD5 and PLAIN need them (as Cyrus's sasldb, which saslpasswd2 fills, keeps them); SCRAM's
 * salted keys are derived from them once per load. The file is read again when its modification
 * time changes, so users are added without a restart; it is read with a bound (1 MiB).
 */
public final class UserDatabase {
    private static final Logger LOG = Logger.getLogger(UserDatabase.class.getName());
    static final int MAX_BYTES = 1 << 20;
    /** SCRAM's iteration count (RFC 7677's minimum, Cyrus's default). */
    static final int ITERATIONS = 4096;

    /** SCRAM-SHA-256 keys of one user. */
    public record ScramKeys(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    }

    private record User(char[] password, ScramKeys scram) {
    }

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private Map<String, User> users = Map.of();
    private FileTime loaded;

    public UserDatabase(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<char[]> password(String user) {
        User u = current().get(user);
        return u == null ? Optional.empty() : Optional.of(u.password().clone());
    }

    public synchronized Optional<ScramKeys> scram(String user) {
        User u = current().get(user);
        return u == null ? Optional.empty() : Optional.of(u.scram());
    }

    private Map<String, User> current() {
        if (file == null) {
            return Map.of();
        }
        try {
            FileTime t = Files.getLastModifiedTime(file);
            if (t.equals(loaded)) {
                return users;
            }
            byte[] bytes = io.jvirt.spi.ServerFiles.read(file, MAX_BYTES, true);
            Map<String, User> out = new HashMap<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                int colon = l.indexOf(':');
                if (l.isEmpty() || l.startsWith("#") || colon <= 0) {
                    continue;
                }
                char[] pw = l.substring(colon + 1).toCharArray();
                byte[] salt = ScramFunctions.salt(16, random);
                byte[] salted = ScramFunctions.saltedPassword(ScramMechanism.SCRAM_SHA_256,
                        StringPreparation.SASL_PREPARATION, pw, salt, ITERATIONS);
                byte[] stored = ScramFunctions.storedKey(ScramMechanism.SCRAM_SHA_256,
                        ScramFunctions.clientKey(ScramMechanism.SCRAM_SHA_256, salted));
                byte[] server = ScramFunctions.serverKey(ScramMechanism.SCRAM_SHA_256, salted);
                out.put(l.substring(0, colon), new User(pw, new ScramKeys(salt, ITERATIONS, stored, server)));
            }
            users = Map.copyOf(out);
            loaded = t;
        } catch (IOException | RuntimeException e) {
            LOG.warning("jvirtd: cannot read the SASL user database " + file + ": " + e.getMessage());
            users = Map.of();
            loaded = null;
        }
        return users;
    }
}
