package io.jvirt.daemon.auth;

/**
 * One client's SASL authentication in progress, mechanism by mechanism (libvirt's
 * virNetSASLSession on the server side): the client's first message, then steps until complete.
 * A failed exchange throws {@link Failed}; the daemon answers libvirtd's "authentication failed"
 * whatever the reason (which is logged), as libvirtd does.
 */
public interface SaslExchange {
    /** What the server answers a message: data (null: none, which SASL tells apart from empty) and whether it is done. */
    record Step(byte[] data, boolean complete) {
    }

    /** The client's first message ({@code null}: it sent none). */
    Step start(byte[] data) throws Failed;

    Step step(byte[] data) throws Failed;

    /** The authenticated user name, once complete. */
    String identity();

    /** The security layer negotiated (DIGEST-MD5 with confidentiality on plain TCP), or null. */
    default SecurityLayer layer() {
        return null;
    }

    /** The key size in bits of the security layer (0: none), libvirt's SSF. */
    default int ssf() {
        return 0;
    }

    /** An exchange that cannot succeed; the message is for the log only. */
    final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        public Failed(String message) {
            super(message);
        }
    }

    /**
     * A new exchange of {@code mechanism}.
     *
     * @param secure the transport protects the exchange itself (unix socket, TLS): no security layer
     * @param serverName the host name clients named (DIGEST-MD5's digest-uri), or null for any
     */
    static SaslExchange of(String mechanism, SaslSettings settings, boolean secure, String serverName) throws Failed {
        return switch (mechanism) {
            case "SCRAM-SHA-256" -> new ScramSha256(settings.users());
            case "PLAIN" -> new Plain(settings.users());
            case "DIGEST-MD5" -> new DigestMd5(settings.users(), secure, serverName);
            default -> throw new Failed("mechanism " + mechanism + " is not offered");
        };
    }
}
