package io.jvirt.daemon.auth;

import javax.security.sasl.SaslException;

/** A SASL security layer (integrity and confidentiality) over a client's bytes once it authenticated. */
public interface SecurityLayer {
    /** The most plain bytes one {@link #wrap} may take (the peer's negotiated buffer). */
    int maxPlain();

    byte[] wrap(byte[] plain, int off, int len) throws SaslException;

    byte[] unwrap(byte[] token, int off, int len) throws SaslException;
}
