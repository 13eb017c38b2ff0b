package io.jvirt.driver.remote.transport;

import java.io.Closeable;
import java.io.IOException;

import io.jvirt.rpc.packet.Packet;

/**
 * The byte stream under one RPC client (unix or TCP socket, TLS session, ssh or external command):
 * whole packets in and out. One thread reads; writes are serialized by the caller.
 */
public interface Conduit extends Closeable {
    /** The next packet, or null at a clean end of stream. */
    Packet read() throws IOException;

    /** Writes one whole frame. */
    void write(byte[] frame) throws IOException;

    /** Whether the bytes are encrypted on the wire (TLS). */
    boolean encrypted();

    /** Whether libvirt counts the transport as secure (unix, TLS, ssh; not plain TCP or ext). */
    boolean secure();

    /** What went wrong on the far side when the stream ended early (a tunnel's stderr), or "". */
    default String diagnostics() {
        return "";
    }

    /** Shuts the conduit; a blocked read or write fails. Idempotent. */
    @Override
    void close();
}
