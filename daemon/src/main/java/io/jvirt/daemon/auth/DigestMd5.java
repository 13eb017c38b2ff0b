package io.jvirt.daemon.auth;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.AuthorizeCallback;
import javax.security.sasl.RealmCallback;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * DIGEST-MD5 (RFC 2831) with the JDK's own SASL server. On a unix socket or TLS it authenticates
 * only ({@code qop=auth}); on plain TCP it is the one mechanism libvirt's client accepts (it asks
 * for a security layer of at least 56 bits), so there it requires confidentiality
 * ({@code qop=auth-conf}, the high-strength ciphers only: rc4 128 bits, 3des 112) and every byte
 * after the exchange goes through its {@link SecurityLayer}.
 */
final class DigestMd5 implements SaslExchange {
    private final UserDatabase users;
    private final SaslServer server;
    private final boolean layered;
    private volatile String checkedUser;

    DigestMd5(UserDatabase users, boolean secure, String serverName) throws Failed {
        this.users = users;
        this.layered = !secure;
        Map<String, Object> props = new HashMap<>();
        props.put(Sasl.QOP, secure ? "auth" : "auth-conf");
        props.put(Sasl.STRENGTH, "high");
        props.put(Sasl.MAX_BUFFER, "65536");
        props.put("com.sun.security.sasl.digest.realm", realm());
        try {
            server = Sasl.createSaslServer("DIGEST-MD5", "libvirt", serverName, props, this::handle);
        } catch (SaslException e) {
            throw new Failed("DIGEST-MD5: " + e.getMessage());
        }
        if (server == null) {
            throw new Failed("DIGEST-MD5: the JDK has no server for it");
        }
    }

    /** Cyrus's default realm is the host's name; saslpasswd2 puts users there. */
    private static String realm() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        String name = null;
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                name = n.getDefaultName();
                n.setName(name);
            } else if (c instanceof RealmCallback r) {
                r.setText(r.getDefaultText());
            } else if (c instanceof PasswordCallback p) {
                // an unknown user gets a password nobody knows, so the exchange fails the same way
                p.setPassword(name == null ? new char[] { 0 } : users.password(name).orElse(new char[] { 0 }));
            } else if (c instanceof AuthorizeCallback a) {
                boolean self = a.getAuthenticationID().equals(a.getAuthorizationID());
                a.setAuthorized(self);
                if (self) {
                    a.setAuthorizedID(a.getAuthorizationID());
                    checkedUser = a.getAuthenticationID();
                }
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }

    @Override
    public Step start(byte[] data) throws Failed {
        return step(data == null ? new byte[0] : data);
    }

    @Override
    public Step step(byte[] data) throws Failed {
        try {
            byte[] out = server.evaluateResponse(data == null ? new byte[0] : data);
            if (server.isComplete()) {
                if (layered && !"auth-conf".equals(server.getNegotiatedProperty(Sasl.QOP))) {
                    throw new Failed("DIGEST-MD5: the client did not take a security layer");
                }
                return new Step(out, true);
            }
            return new Step(out, false);
        } catch (SaslException e) {
            throw new Failed("DIGEST-MD5: " + e.getMessage());
        }
    }

    @Override
    public String identity() {
        return server.isComplete() ? server.getAuthorizationID() : null;
    }

    @Override
    public int ssf() {
        if (!layered || !server.isComplete()) {
            return 0;
        }
        // the JDK names the strength, not the cipher: "high" is 3des (112 bits) or rc4 (128), the
        // only ciphers offered (STRENGTH high), so 112 is what is known for sure
        return "high".equals(server.getNegotiatedProperty(Sasl.STRENGTH)) ? 112 : 40;
    }

    @Override
    public SecurityLayer layer() {
        if (!layered) {
            return null;
        }
        int max = Integer.parseInt(String.valueOf(server.getNegotiatedProperty(Sasl.RAW_SEND_SIZE)));
        return new SecurityLayer() {
            @Override
            public int maxPlain() {
                return max;
            }

            @Override
            public byte[] wrap(byte[] plain, int off, int len) throws SaslException {
                return server.wrap(plain, off, len);
            }

            @Override
            public byte[] unwrap(byte[] token, int off, int len) throws SaslException {
                return server.unwrap(token, off, len);
            }
        };
    }
}
