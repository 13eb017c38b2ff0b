package io.jvirt.daemon.client;

import java.io.Closeable;
import java.io.IOException;

import io.jvirt.rpc.packet.Packet;

/** A client's byte stream, whatever carries it (unix socket, TCP, TLS). */
public interface Transport extends Closeable {
    /** The next packet, or null at a clean end of stream. */
    Packet read() throws IOException;

    /** Writes one whole frame; callers serialize writes. */
    void write(byte[] frame) throws IOException;

    /** How the peer is described in logs, e.g. {@code unix} or {@code tcp:127.0.0.1:40000}. */
    String peer();

    /** Whether the transport is encrypted (TLS). */
    boolean encrypted();

    /** From now on what is read goes through a SASL security layer (only transports that can carry one). */
    default void decodeFrom(io.jvirt.daemon.auth.SecurityLayer layer) {
        throw new IllegalStateException("this transport carries no SASL security layer");
    }

    /** From now on what is written goes through a SASL security layer. */
    default void encodeWith(io.jvirt.daemon.auth.SecurityLayer layer) {
        throw new IllegalStateException("this transport carries no SASL security layer");
    }
}
